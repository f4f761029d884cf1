/**
 * Reconnect-storm scenario (issue 22 item 8): N visitors of ONE workspace (one widget key) are connected to
 * a realtime node; the node is killed (SIGKILL) and restarted, as the supervisor does; every visitor must be
 * back — `session` received again, same identity — within 60 s of the restart. The node runs with the
 * shipped per-widget-key limit (3,000 new visitors / minute) and admission rate (500 / s): before issue 22
 * every reconnect counted against the per-key limit, so 10,000 visitors needed more than 3 minutes. Only the
 * per-IP limit is lifted (every simulated visitor comes from 127.0.0.1). The visitors reconnect like the
 * widget (src/components/chat/socket.ts: VISITOR_RECONNECTION, handshakeRetryMs), from a driver process.
 *
 *   npm run bench -- --only=reconnect            10,000 visitors (not part of npm test)
 *   npm run bench -- --only=reconnect --smoke    200 visitors, no target judged
 *   BENCH_RECONNECT_VISITORS=2000                another size
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { signVisitorToken } from '../src/lib/tokens';
import { DRIVER_NICE, ROOT, startNode, stop, waitForHttp, type Child } from './lib/proc';

interface Context {
  databaseUrl: string;
  redisUrl: string;
  redisPrefix: string;
  authSecret: string;
  workspaceId: string;
  widgetKey: string;
  realtimeUrl: string;
}

export interface ReconnectDriverConfig {
  /** The realtime nodes: visitor i connects to urls[i % urls.length]. */
  urls: string[];
  widgetKey: string;
  tokens: string[];
  /** Visitors opening their first connection at once (the initial fill, not the measured part). */
  concurrency: number;
  /** Give up this long after the kill. */
  timeoutMs: number;
}

const RESTART_DELAY_MS = 1_000; // what the supervisor waits before restarting a killed child (npm start)
const TARGET_MS = 60_000;

function realtimeEnv(ctx: Context, port: number): Record<string, string> {
  return {
    NODE_ENV: 'production',
    DATABASE_URL: ctx.databaseUrl,
    REDIS_URL: ctx.redisUrl,
    REDIS_PREFIX: ctx.redisPrefix,
    AUTH_SECRET: ctx.authSecret,
    REALTIME_PORT: String(port),
    PUBLIC_WEB_URL: 'http://127.0.0.1:4000',
    LOG_LEVEL: 'warn',
    BENCH_STATS: '1',
    // Every simulated visitor comes from 127.0.0.1: only the per-IP limit is lifted. The per-key limit and
    // the per-node admission rate keep their shipped defaults.
    RL_VISITOR_HANDSHAKES_PER_IP_PER_MINUTE: '100000000',
  };
}

/** N returning visitors of the workspace: rows in PostgreSQL and a signed token each (what their widgets hold). */
async function seedVisitors(ctx: Context, count: number): Promise<string[]> {
  const client = new pg.Client({ connectionString: ctx.databaseUrl });
  await client.connect();
  try {
    const ids: string[] = [];
    for (let done = 0; done < count; done += 5_000) {
      const batch = Array.from({ length: Math.min(5_000, count - done) }, () => randomUUID());
      await client.query('insert into visitors (id, workspace_id) select unnest($1::uuid[]), $2', [batch, ctx.workspaceId]);
      ids.push(...batch);
    }
    return Promise.all(ids.map((vid) => signVisitorToken(ctx.authSecret, { vid, wid: ctx.workspaceId, tv: 0 })));
  } finally {
    await client.end();
  }
}

function killHard(child: Child) {
  try {
    process.kill(-child.proc.pid!, 'SIGKILL');
  } catch {
    child.proc.kill('SIGKILL');
  }
}

export async function runReconnectBench(ctx: Context): Promise<Record<string, unknown>> {
  const smoke = process.argv.includes('--smoke');
  const visitors = Number(process.env.BENCH_RECONNECT_VISITORS ?? (smoke ? 200 : 10_000));
  const tokens = await seedVisitors(ctx, visitors);
  const one = await storm(ctx, tokens, 1, smoke);
  // Scale-out (issue 27 item 3): the same visitors spread over two nodes on one Redis + PostgreSQL, both killed
  // and restarted (a full restart of a two-node deployment); the same tokens (returning visitors).
  const two = await storm(ctx, tokens, 2, smoke);
  const ratio = one.allBackAfterRestartMs && two.allBackAfterRestartMs ? Math.round((one.allBackAfterRestartMs / two.allBackAfterRestartMs) * 100) / 100 : null;
  return {
    visitors,
    ...one,
    twoNodes: two,
    /** How much faster every visitor is back with two nodes (time on one node / time on two). */
    twoNodesSpeedup: ratio,
    limits: { newVisitorsPerKeyPerMinute: 3000, admissionsPerSecondPerNode: 500 },
    targets: { allBackWithinMsOfRestart: TARGET_MS },
    met: smoke ? null : one.back === visitors && one.allBackAfterRestartMs !== null && one.allBackAfterRestartMs <= TARGET_MS,
  };
}

type StormResult = { back: number; allBackAfterRestartMs: number | null; nodeRestartAfterKillMs: number; [k: string]: unknown };

/** Visitors connected to `nodes` realtime nodes (in turn), every node killed with SIGKILL and restarted. */
async function storm(ctx: Context, tokens: string[], nodes: number, smoke: boolean): Promise<StormResult> {
  const ports = Array.from({ length: nodes }, (_, i) => Number(new URL(ctx.realtimeUrl).port) + 20 + i);
  const urls = ports.map((port) => `http://127.0.0.1:${port}`);
  const log = (msg: string) => process.stderr.write(`[reconnect x${nodes}] ${msg}\n`);
  const start = (port: number) => startNode(`realtime-reconnect-${port}`, 'dist/server/realtime/main.js', realtimeEnv(ctx, port));
  let children = ports.map(start);
  await Promise.all(children.map((child, i) => waitForHttp(`${urls[i]}/health`, child)));
  const config: ReconnectDriverConfig = { urls, widgetKey: ctx.widgetKey, tokens, concurrency: smoke ? 50 : 500, timeoutMs: 180_000 };
  // Through a file: thousands of tokens exceed what one environment string may hold (spawn E2BIG).
  const configFile = path.join(ROOT, 'bench', 'results', `reconnect-driver-${process.pid}.json`);
  mkdirSync(path.dirname(configFile), { recursive: true });
  writeFileSync(configFile, JSON.stringify(config));
  const driver = startNode('driver-reconnect', 'bench/reconnect-driver.ts', { BENCH_DRIVER_CONFIG_FILE: configFile }, [], { nice: DRIVER_NICE });
  try {
    // The driver prints @@CONNECTED once every visitor holds a session.
    const connectDeadline = Date.now() + 300_000;
    while (!driver.stdout().includes('@@CONNECTED')) {
      if (driver.proc.exitCode !== null) throw new Error(`reconnect driver exited early:\n${driver.stderrTail()}`);
      if (Date.now() > connectDeadline) throw new Error('the visitors did not all connect within 5 minutes');
      await new Promise((r) => setTimeout(r, 100));
    }
    log(`${tokens.length} visitors connected; killing ${nodes === 1 ? 'the node' : 'the nodes'} (SIGKILL)`);
    const killedAt = performance.now();
    children.forEach(killHard);
    await Promise.all(children.map((child) => child.exited));
    await new Promise((r) => setTimeout(r, RESTART_DELAY_MS));
    children = ports.map(start);
    await Promise.all(children.map((child, i) => waitForHttp(`${urls[i]}/health`, child, 60_000)));
    const restartedAfterMs = Math.round(performance.now() - killedAt);
    log(`back ${restartedAfterMs} ms after the kill; waiting for the visitors`);
    process.kill(driver.proc.pid!, 'SIGUSR2'); // tells the driver when the nodes were back (its clock)
    const code = await driver.exited;
    const line = driver.stdout().split('\n').find((l) => l.startsWith('@@RESULT '));
    if (!line) throw new Error(`reconnect driver failed (exit ${code}):\n${driver.stderrTail()}`);
    const result = JSON.parse(line.slice('@@RESULT '.length)) as { back: number; allBackAfterRestartMs: number | null; [k: string]: unknown };
    return { nodes, nodeRestartAfterKillMs: restartedAfterMs, ...result };
  } finally {
    if (driver.proc.exitCode === null) await stop(driver, 2_000);
    await Promise.all(children.map((child) => stop(child)));
    rmSync(configFile, { force: true });
  }
}
