import { BanService } from '../domain/bans/service';
import { CannedReplyService } from '../domain/canned/service';
import { TagService } from '../domain/tags/service';
import { services } from './services';

/** Agent tools of the web process (console pages): canned replies, tags, bans. */
export function agentToolServices() {
  const g = globalThis as unknown as { __livechatAgentTools?: { canned: CannedReplyService; tags: TagService; bans: BanService } };
  if (!g.__livechatAgentTools) {
    const { db } = services();
    g.__livechatAgentTools = { canned: new CannedReplyService(db), tags: new TagService(db), bans: new BanService(db) };
  }
  return g.__livechatAgentTools;
}
