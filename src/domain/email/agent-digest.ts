import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { users } from '../../db/schema';
import type { ConversationService } from '../conversations/service';
import type { AgentNotifyJob } from './agent-notify';
import { pendingKindsKey, pendingMentionsKey, type PendingMention } from './agent-notify';
import { loadBrand } from './brand';
import { queueAgentEmail } from './agent-email';
import { NOTIFICATION_LABELS, preferencesOf, type NotificationKind } from './preferences';
import type { Redis } from 'ioredis';

export interface AgentDigestDeps {
  db: Db;
  redis: Redis;
  redisPrefix: string;
  conversations: Pick<ConversationService, 'get' | 'history'>;
  socketCount(workspaceId: string, agentId: string): Promise<number>;
  publicWebUrl: string;
  authSecret: string;
}

const ORDER: NotificationKind[] = ['assigned', 'mention', 'message', 'submission'];

/**
 * The sending half of agent notifications: when the batch's delay is over and the agent is still not
 * connected, one email per conversation with everything that happened (kinds the agent turned off are
 * left out) and the latest five messages. Returns what it did, for the job log.
 */
export async function sendAgentDigest(deps: AgentDigestDeps, job: AgentNotifyJob, batchId: string): Promise<'sent' | 'back_online' | 'nothing' | 'turned_off'> {
  const key = pendingKindsKey(deps.redisPrefix, job.agentId, job.conversationId);
  const mentionsKey = pendingMentionsKey(deps.redisPrefix, job.agentId, job.conversationId);
  if ((await deps.socketCount(job.workspaceId, job.agentId)) > 0) {
    await deps.redis.del(key, mentionsKey);
    return 'back_online';
  }
  const kinds = (await deps.redis.smembers(key)) as NotificationKind[];
  if (!kinds.length) return 'nothing';
  const [agent] = await deps.db
    .select({ id: users.id, name: users.name, email: users.email, active: users.active })
    .from(users)
    .where(and(eq(users.workspaceId, job.workspaceId), eq(users.id, job.agentId)));
  const conversation = await deps.conversations.get(job.workspaceId, job.conversationId);
  const prefs = await preferencesOf(deps.db, job.agentId);
  const wanted = ORDER.filter((k) => kinds.includes(k) && prefs[k] && (k !== 'message' || conversation?.agentId === job.agentId));
  if (!agent?.active || !conversation || !wanted.length) {
    await deps.redis.del(key, mentionsKey);
    return 'turned_off';
  }
  // Every mention of the batch, oldest first (each note is one entry: none overwrites another).
  const mentions = (await deps.redis.lrange(mentionsKey, 0, -1)).map((raw) => JSON.parse(raw) as PendingMention);
  const visitor = conversation.visitorName?.trim() || 'A visitor';
  const lines = wanted.flatMap((k) =>
    k === 'assigned'
      ? [`${visitor}'s chat was assigned to you.`]
      : k === 'message'
        ? [`${visitor} wrote to you while you were away.`]
        : k === 'mention'
          ? mentions.map((m) => `${m.author} mentioned you in a note (${m.at.slice(11, 16)} UTC): “${m.body}”`)
          : [NOTIFICATION_LABELS[k] + '.'],
  );
  const headline =
    wanted[0] === 'assigned'
      ? `New chat with ${visitor}`
      : wanted[0] === 'mention'
        ? `${mentions.length > 1 ? `${mentions.length} mentions` : `${mentions[0]?.author ?? 'A colleague'} mentioned you`} in the chat with ${visitor}`
        : `${visitor} is waiting for your reply`;
  const latest = await deps.conversations.history(job.workspaceId, job.conversationId, { limit: 5 });
  const brand = await loadBrand(deps.db, job.workspaceId);
  const primary = wanted[0];
  await queueAgentEmail(
    deps.db,
    {
      workspaceId: job.workspaceId,
      brand,
      agent,
      kind: primary,
      headline,
      lines,
      messages: latest
        .filter((m) => m.senderType !== 'system')
        .map((m) => ({ sender: m.senderType === 'visitor' ? visitor : (m.senderName ?? 'Agent'), body: m.body.slice(0, 500), time: `${m.createdAt.slice(11, 16)} UTC`, fromVisitor: m.senderType === 'visitor' })),
      link: `${deps.publicWebUrl.replace(/\/$/, '')}/agent?conversation=${job.conversationId}`,
      idempotencyKey: `agent-notify:${batchId}:${agent.email.toLowerCase()}`,
    },
    deps,
  );
  // Kinds noted while this email was being built stay for the next batch.
  await deps.redis.srem(key, ...kinds);
  if (mentions.length) await deps.redis.ltrim(mentionsKey, mentions.length, -1);
  return 'sent';
}
