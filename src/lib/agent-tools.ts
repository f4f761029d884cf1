import type { AgentTools } from '../server/compose';
import { services } from './services';

/** Agent tools of the web process (console pages): canned replies, tags, bans (built once by the composition). */
export function agentToolServices(): Pick<AgentTools, 'canned' | 'tags' | 'bans'> {
  return services().tools;
}
