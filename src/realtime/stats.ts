import type { IncomingMessage, ServerResponse } from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Redis } from 'ioredis';
import pg from 'pg';
import type { Server } from 'socket.io';

/** Sampling period of the event-loop delay histogram (ms). Reported delays have it subtracted. */
const RESOLUTION_MS = 10;

export interface NodeStats {
  rssBytes: number;
  heapUsedBytes: number;
  externalBytes: number;
  arrayBuffersBytes: number;
  /** Event-loop delay beyond the sampling period since the last reset (ms). */
  eventLoopDelayMs: { p50: number; p99: number; max: number; mean: number };
  /** Engine.IO connections (one per client socket, whatever the namespaces). */
  connections: number;
  cpuUserMs: number;
  cpuSystemMs: number;
  uptimeSeconds: number;
  /** Commands this process sent to Redis (all its clients, including pub/sub and BullMQ), by name, since start. */
  redisCommands: Record<string, number>;
  /** Queries this process sent to PostgreSQL since start. */
  pgQueries: number;
  /** The same by the query's first words (which statements a handshake or a message costs). */
  pgQueriesByText?: Record<string, number>;
}

const redisCommands: Record<string, number> = {};
let pgQueries = 0;
const pgQueriesByText: Record<string, number> = {};
let counting = false;

/** Counts every Redis command and PostgreSQL query of the process (bench only: patches the client prototypes). */
function countIo(): void {
  if (counting) return;
  counting = true;
  const redisProto = Redis.prototype as unknown as { sendCommand: (command: { name: string }, ...rest: unknown[]) => unknown };
  const send = redisProto.sendCommand;
  redisProto.sendCommand = function (this: unknown, command, ...rest) {
    redisCommands[command.name] = (redisCommands[command.name] ?? 0) + 1;
    return send.call(this, command, ...rest);
  };
  const pgProto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const query = pgProto.query;
  pgProto.query = function (this: unknown, ...args: unknown[]) {
    pgQueries++;
    const text = typeof args[0] === 'string' ? args[0] : (args[0] as { text?: unknown } | null)?.text;
    const key = typeof text === 'string' ? text.replace(/\s+/g, ' ').trim().slice(0, 60) : '(other)';
    pgQueriesByText[key] = (pgQueriesByText[key] ?? 0) + 1;
    return query.apply(this, args);
  };
}

/**
 * Opt-in process figures for `npm run bench`: the realtime node serves `GET /stats` only when started with
 * `BENCH_STATS=1` (it then also counts the process's Redis commands and PostgreSQL queries). `?reset=1`
 * restarts the event-loop delay histogram after answering, `?gc=1` runs a full garbage collection first when the process was started with `--expose-gc` (memory per connection).
 */
export function createStatsHandler(getIo: () => Server) {
  countIo();
  const delay = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  delay.enable();
  const ms = (ns: number) => Math.max(0, Math.round((ns / 1e6 - RESOLUTION_MS) * 100) / 100);

  return (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const gc = (globalThis as { gc?: () => void }).gc;
    if (url.searchParams.get('gc') === '1' && gc) gc();
    const mem = process.memoryUsage();
    const cpu = process.cpuUsage();
    const stats: NodeStats = {
      rssBytes: mem.rss,
      heapUsedBytes: mem.heapUsed,
      externalBytes: mem.external,
      arrayBuffersBytes: mem.arrayBuffers,
      eventLoopDelayMs: { p50: ms(delay.percentile(50)), p99: ms(delay.percentile(99)), max: ms(delay.max), mean: ms(delay.mean) },
      connections: getIo().engine.clientsCount,
      cpuUserMs: Math.round(cpu.user / 1000),
      cpuSystemMs: Math.round(cpu.system / 1000),
      uptimeSeconds: Math.round(process.uptime()),
      redisCommands: { ...redisCommands },
      pgQueries,
      pgQueriesByText: { ...pgQueriesByText },
    };
    if (url.searchParams.get('reset') === '1') delay.reset();
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(stats));
  };
}
