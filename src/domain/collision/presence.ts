import type { Redis } from 'ioredis';

/** What a staff member is doing on a conversation: looking at it, writing a reply, or writing a note. */
export type CollisionActivity = 'viewing' | 'replying' | 'noting';
export const COLLISION_ACTIVITIES: readonly CollisionActivity[] = ['viewing', 'replying', 'noting'];

export interface ConversationViewer {
  userId: string;
  name: string;
  activity: CollisionActivity;
}

interface Entry extends ConversationViewer {
  /** Epoch ms after which the entry no longer counts (the client refreshes it while the chat is open). */
  expiresAt: number;
}

/** Writing beats looking: one person with two tabs shows the strongest thing they do. */
const RANK: Record<CollisionActivity, number> = { viewing: 0, noting: 1, replying: 2 };

/**
 * Collision guard (F17): who is looking at / writing in a conversation right now, shared by every realtime
 * node through Redis. One hash per conversation, one field per staff socket (so two tabs of one agent are
 * two entries and closing one keeps the other). Each entry carries its own expiry (a node that dies leaves
 * entries that fade after `ttlSeconds`); the whole key expires too, so nothing outlives the last viewer.
 * Coordination state only: never written to PostgreSQL, rebuilt by the clients' refreshes after a loss.
 */
export class CollisionPresence {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    readonly ttlSeconds = 45,
    private readonly clock: () => number = Date.now,
  ) {}

  private key(workspaceId: string, conversationId: string) {
    return `${this.prefix}:ws:${workspaceId}:collision:${conversationId}`;
  }

  /** Records (or refreshes) what one socket does on a conversation; returns everyone there now. */
  async set(workspaceId: string, conversationId: string, socketId: string, viewer: ConversationViewer): Promise<ConversationViewer[]> {
    const key = this.key(workspaceId, conversationId);
    const entry: Entry = { ...viewer, expiresAt: this.clock() + this.ttlSeconds * 1000 };
    await this.redis.multi().hset(key, socketId, JSON.stringify(entry)).expire(key, this.ttlSeconds).exec();
    return this.list(workspaceId, conversationId);
  }

  /** One socket stopped looking (closed the chat, or disconnected); returns who is left. */
  async leave(workspaceId: string, conversationId: string, socketId: string): Promise<ConversationViewer[]> {
    await this.redis.hdel(this.key(workspaceId, conversationId), socketId);
    return this.list(workspaceId, conversationId);
  }

  /** Everyone on the conversation, one entry per person (their strongest activity), expired entries dropped. */
  async list(workspaceId: string, conversationId: string): Promise<ConversationViewer[]> {
    const key = this.key(workspaceId, conversationId);
    const raw = await this.redis.hgetall(key);
    const now = this.clock();
    const stale: string[] = [];
    const byUser = new Map<string, ConversationViewer>();
    for (const [socketId, json] of Object.entries(raw)) {
      let entry: Entry;
      try {
        entry = JSON.parse(json) as Entry;
      } catch {
        stale.push(socketId);
        continue;
      }
      if (entry.expiresAt <= now) {
        stale.push(socketId);
        continue;
      }
      const seen = byUser.get(entry.userId);
      if (!seen || RANK[entry.activity] > RANK[seen.activity]) byUser.set(entry.userId, { userId: entry.userId, name: entry.name, activity: entry.activity });
    }
    if (stale.length) await this.redis.hdel(key, ...stale);
    return [...byUser.values()].sort((a, b) => a.name.localeCompare(b.name));
  }
}
