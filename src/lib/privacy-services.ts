import { PrivacyService } from '../domain/privacy/service';
import type { Composition } from '../server/compose';
import { services } from './services';

/** The data-rights service on a process's composition (web: console routes; worker: retention). */
export function privacyServiceFor(app: Pick<Composition, 'db' | 'redis' | 'keys' | 'attachments' | 'chat'>): PrivacyService {
  return new PrivacyService({
    db: app.db,
    redis: app.redis,
    redisPrefix: app.keys.prefix,
    deleteBlobs: (keys) => app.attachments.deleteBlobs(keys),
    decorate: (workspaceId, conversationId, page) => app.attachments.decorate(workspaceId, conversationId, page),
    endConversation: (workspaceId, conversationId) => app.chat.endConversation(workspaceId, conversationId, 'system'),
  });
}

let cached: { app: unknown; service: PrivacyService } | undefined;
/** The web process's data-rights service (built once per services() container). */
export function privacy(): PrivacyService {
  const app = services();
  if (cached?.app !== app) cached = { app, service: privacyServiceFor(app) };
  return cached.service;
}
