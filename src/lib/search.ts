import { SearchService } from '../domain/search/service';
import { services } from './services';

let cached: SearchService | undefined;

/** The web process's conversation search (F11 history). */
export function searchService(): SearchService {
  cached ??= new SearchService(services().db);
  return cached;
}
