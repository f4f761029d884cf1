import { readFileSync } from 'node:fs';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { schema, type Db } from '../../src/db/client';
import { runMigrations } from '../../src/db/migrate';
import { databaseUrl } from './setup';

/** CPU time (µs) a process has used so far: /proc/<pid>/stat fields 14 and 15 (utime, stime), USER_HZ ticks. */
export function processCpuUs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) * (1e6 / 100);
}

/**
 * The hot path's statement benches (reports triggers, append cost): one workspace with one agent and `chats`
 * active conversations assigned to it, written with plain SQL on a migrated database.
 */
export async function seedAssignedChats(c: pg.PoolClient, chats: number, widgetKey: string): Promise<{ workspaceId: string; agentId: string; chatIds: string[] }> {
  const workspaceId = (await c.query(`insert into workspaces (name, widget_key, secret) values ('Bench', $1, 's') returning id`, [widgetKey])).rows[0].id as string;
  const agentId = (await c.query(`insert into users (workspace_id, email, name, password_hash, role) values ($1, 'a@b.test', 'A', 'x', 'agent') returning id`, [workspaceId])).rows[0].id as string;
  const chatIds: string[] = [];
  for (let i = 0; i < chats; i++) {
    const v = (await c.query(`insert into visitors (workspace_id) values ($1) returning id`, [workspaceId])).rows[0].id as string;
    const id = (await c.query(`insert into conversations (workspace_id, visitor_id, status, channel, mode) values ($1, $2, 'queued', 'desktop', 'realtime') returning id`, [workspaceId, v])).rows[0]
      .id as string;
    await c.query(`update conversations set status = 'active', agent_id = $2, assigned_at = now() where id = $1`, [id, agentId]);
    chatIds.push(id);
  }
  return { workspaceId, agentId, chatIds };
}

export interface AppendWorld {
  workspaceId: string;
  agentId: string;
  chatIds: string[];
  /** The backend pid of `client` (its CPU time is the statement's cost). */
  pid: number;
}

/**
 * A scratch database `name` (dropped and recreated, migrated from the current directory's `drizzle/`, seeded
 * by `seedAssignedChats`), one dedicated connection handed to `fn`, everything dropped afterwards.
 */
export async function withAppendWorld<T>(name: string, chats: number, fn: (client: pg.PoolClient, world: AppendWorld) => Promise<T>): Promise<T> {
  const base = process.env.DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/livechat';
  const admin = new pg.Client({
    connectionString: databaseUrl(base, 'postgres'),
  });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  const pool = new pg.Pool({
    connectionString: databaseUrl(base, name),
    max: 2,
  });
  pool.on('error', () => {});
  try {
    await runMigrations(drizzle(pool, { schema }) as Db);
    const client = await pool.connect();
    try {
      const seeded = await seedAssignedChats(client, chats, `wk_${name}`);
      const pid = (await client.query('select pg_backend_pid() as p')).rows[0].p as number;
      return await fn(client, { ...seeded, pid });
    } finally {
      client.release();
    }
  } finally {
    await pool.end();
    await admin.query(`drop database if exists ${name} with (force)`).catch(() => {});
    await admin.end();
  }
}
