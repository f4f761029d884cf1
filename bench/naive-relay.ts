/**
 * The "naive persisting relay" baseline: what a competent team writes in a day. Socket.IO with the Redis
 * adapter, zod validation, one INSERT per message (its own transaction) through a pg pool, ack after the
 * commit, broadcast to the conversation room. No group commit, no moderation, no outbox, no timers.
 *
 * Run by bench/run.ts: NAIVE_PORT=4301 DATABASE_URL=… REDIS_URL=… NAIVE_PREFIX=… node bench/naive-relay.ts
 */
import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import pg from 'pg';
import { z } from 'zod';
import { startMiniRelay } from './lib/mini-relay';

const MessageSend = z.object({ conversationId: z.uuid(), clientMsgId: z.string().trim().min(1).max(64), body: z.string().trim().min(1).max(5000) });

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 20 });
await pool.query(`create table if not exists naive_messages (
  id bigserial primary key, conversation_id uuid not null, sender_type text not null, sender_id uuid not null,
  body text not null, client_msg_id text, created_at timestamptz not null default now())`);
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const pub = new Redis(redisUrl);
const sub = new Redis(redisUrl);

startMiniRelay({
  port: Number(process.env.NAIVE_PORT ?? 4301),
  adapter: createAdapter(pub, sub, { key: `${process.env.NAIVE_PREFIX ?? 'naive'}:sio` }),
  parse: (input) => MessageSend.parse(input),
  async persist(m) {
    const { rows } = await pool.query<{ id: string; created_at: Date }>(
      'insert into naive_messages (conversation_id, sender_type, sender_id, body, client_msg_id) values ($1, $2, $3, $4, $5) returning id, created_at',
      [m.conversationId, m.senderType, m.senderId, m.body, m.clientMsgId],
    );
    return { id: rows[0].id, seq: Number(rows[0].id), createdAt: rows[0].created_at.toISOString() };
  },
  onClose: async () => {
    await Promise.allSettled([pool.end(), pub.quit(), sub.quit()]);
  },
});
