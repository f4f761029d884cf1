import { eq } from 'drizzle-orm';
import type { Redis } from 'ioredis';
import pg from 'pg';
import { createDb } from '../../src/db/client';
import { runMigrations } from '../../src/db/migrate';
import { workspaces } from '../../src/db/schema';
import { AccountsService } from '../../src/domain/accounts/service';

/** Own database per checkout when several run the bench at once (BENCH_DATABASE=livechat_bench_<name>). */
export const BENCH_DATABASE = /^[a-z0-9_]+$/.test(process.env.BENCH_DATABASE ?? '') ? process.env.BENCH_DATABASE! : 'livechat_bench';

/** `base` (any database on the server) pointing at database `name`. */
export function databaseUrl(base: string, name: string): string {
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin<T>(base: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl(base, 'postgres') });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => {});
  }
}

export interface BenchWorld {
  databaseUrl: string;
  workspaceId: string;
  widgetKey: string;
  agents: { id: string; role: 'agent' }[];
}

/**
 * Drops and recreates `livechat_bench`, applies the migrations and seeds one workspace with `agentCount`
 * agents (reception limit 100 each, the maximum), so every chat the scenarios start is assigned at once.
 */
export async function createBenchWorld(baseUrl: string, agentCount: number): Promise<BenchWorld> {
  await admin(baseUrl, async (c) => {
    await c.query(`drop database if exists ${BENCH_DATABASE} with (force)`);
    await c.query(`create database ${BENCH_DATABASE}`);
  });
  const url = databaseUrl(baseUrl, BENCH_DATABASE);
  const db = createDb(url, { max: 4 });
  try {
    await runMigrations(db);
    const accounts = new AccountsService(db);
    const { workspaceId } = await accounts.signUp({ workspaceName: 'Bench Co', name: 'Bench Admin', email: 'admin@bench.test', password: 'bench-password' });
    const agents = [];
    for (let i = 0; i < agentCount; i++) {
      const a = await accounts.createAgent(workspaceId, { name: `Bench Agent ${i + 1}`, email: `agent${i + 1}@bench.test`, password: 'bench-password', receptionLimit: 100 });
      agents.push({ id: a.id, role: 'agent' as const });
    }
    const [ws] = await db.select({ widgetKey: workspaces.widgetKey }).from(workspaces).where(eq(workspaces.id, workspaceId));
    return { databaseUrl: url, workspaceId, widgetKey: ws.widgetKey, agents };
  } finally {
    await db.$client.end();
  }
}

/** Deletes every key under `prefix:` (SCAN + UNLINK). */
export async function cleanupRedisPrefix(redis: Redis, prefix: string): Promise<number> {
  let cursor = '0';
  let removed = 0;
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length) removed += await redis.unlink(...keys);
  } while (cursor !== '0');
  return removed;
}
