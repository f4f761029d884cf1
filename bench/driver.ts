/**
 * The load driver: a separate process holding real socket.io-client visitors and agents. bench/run.ts
 * starts it with BENCH_DRIVER_CONFIG (JSON) and reads the single `@@RESULT <json>` line it prints.
 * Latency is measured sender -> receiver inside this process (one clock).
 *
 *   relay:       C conversations (visitor + assigned agent), messages at stepped fixed rates
 *   connections: N idle visitor sockets (new identities, then reconnects with their tokens), some chatting
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { io as connect, type Socket } from 'socket.io-client';
import { resumeAuth, trackHeld, type Held } from './lib/held';
import { summarize, toJson, type LatencySummary } from './lib/metrics';
import { openFileLimit } from './lib/proc';
import type { NodeStats } from '../src/realtime/stats';

export interface RelayConfig {
  mode: 'relay';
  label: string;
  /** One URL, or several realtime nodes: the clients are spread over them in turn (scale-out). */
  visitorUrl: string | string[];
  agentUrl: string | string[];
  widgetKey: string;
  agentTokens: string[];
  conversations: number;
  /** 'both': visitors and agents alternate; 'visitor': visitor -> agent only. */
  direction: 'both' | 'visitor';
  steps: number[];
  stepSeconds: number;
  p99LimitMs: number;
  bodyBytes: number;
  /** /stats URLs of the servers under test: per-step event-loop delay, CPU, RSS, Redis commands, SQL queries. */
  statsUrls: string[];
  /** Every server process of the system under test (ours: realtime + worker): CPU time per message from /proc. */
  cpuPids: number[];
  /** Stop stepping after the first step that misses the p99 limit or cannot keep the rate. */
  stopOnFail: boolean;
  /** PostgreSQL of the system under test: WAL written per message in each step (pg_current_wal_lsn: the whole server). */
  databaseUrl?: string;
}

export interface ConnectionsConfig {
  mode: 'connections';
  url: string;
  /** Handshakes spread over these nodes in turn (scale-out); default [url]. The idle phase stays on `url`. */
  handshakeUrls?: string[];
  /** /stats of every node handshakes go to (figures per handshake summed over them); default [statsUrl]. */
  handshakeStatsUrls?: string[];
  widgetKey: string;
  count: number;
  concurrency: number;
  idleSeconds: number;
  chatting: number;
  chatRate: number;
  agentTokens: string[];
  statsUrl: string;
  bodyBytes: number;
  /**
   * Reconnect like the widget (default): `auth.conversationId` + `auth.lastSeq` of the chat the visitor
   * holds, so `session` carries only what it missed. false: token only (full newest page; the old driver).
   */
  sendLastSeq?: boolean;
}

export interface StepResult {
  targetRate: number;
  sent: number;
  delivered: number;
  lost: number;
  ackErrors: number;
  /** Messages delivered per second over the step. */
  achievedRate: number;
  latencyMs: LatencySummary;
  pass: boolean;
  servers: { eventLoopP99Ms: number; cpuPercent: number; rssMB: number; redisCommandsPerMessage: number; redisCommandsByName: Record<string, number>; pgQueriesPerMessage: number }[];
  /** Server CPU time (user + system, all cpuPids) per message sent in this step, in microseconds. */
  cpuUsPerMessage: number | null;
  /** The same per process, in cpuPids order (ours: realtime, worker). */
  cpuUsPerMessageByProcess: number[];
  /** WAL bytes the PostgreSQL server wrote per message sent (whole server: other databases' writes count too). */
  walBytesPerMessage?: number | null;
}

export interface RelayResult {
  label: string;
  conversations: number;
  agents: number;
  setupMs: number;
  steps: StepResult[];
  /** Highest step whose p99 stayed under the limit with every message delivered in time. */
  best: { targetRate: number; achievedRate: number; p99Ms: number | null } | null;
}

const config = JSON.parse(process.env.BENCH_DRIVER_CONFIG ?? '{}') as RelayConfig | ConnectionsConfig;
const log = (msg: string) => process.stderr.write(`[driver] ${msg}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const sockets: Socket[] = [];

type Ack = { ok: boolean; error?: { code: string; message: string }; [k: string]: unknown };
interface MessageDto {
  conversationId: string;
  senderType: string;
  clientMsgId: string | null;
  seq: number;
}

function open(url: string, namespace: string, auth: Record<string, unknown>): Socket {
  const socket = connect(`${url}${namespace}`, { transports: ['websocket'], auth, forceNew: true, reconnection: false, timeout: 30_000 });
  sockets.push(socket);
  return socket;
}

/** Resolves with the first `event` payload, rejects on connect_error or timeout. */
function first<T>(socket: Socket, event: string, timeoutMs = 30_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timeout waiting for ${event}`)), timeoutMs);
    socket.once(event, (payload: T) => {
      clearTimeout(timer);
      resolve(payload);
    });
    socket.once('connect_error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}

async function request(socket: Socket, event: string, payload: unknown): Promise<Ack> {
  const ack = (await socket.timeout(30_000).emitWithAck(event, payload)) as Ack;
  if (!ack?.ok) throw new Error(`${event} refused: ${ack?.error?.code} ${ack?.error?.message}`);
  return ack;
}

/** Runs fn over items with at most `limit` in flight. */
async function pool<T, R>(items: T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await fn(items[i], i);
      }
    }),
  );
  return results;
}

/** utime + stime of a process in ms (from /proc/<pid>/stat; 0 if it is gone). */
function processCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return 0;
  }
}
const CLOCK_TICKS = 100;

async function serverStats(url: string, query = ''): Promise<NodeStats> {
  const res = await fetch(`${url}${query}`);
  return (await res.json()) as NodeStats;
}

const body = (bytes: number) => 'Hello! I have a question about my order, could you check the delivery date please? '.repeat(Math.ceil(bytes / 84)).slice(0, bytes);

// ------------------------------------------------------------------------------------------ chat setup

/** The i-th client's node: several URLs take the clients in turn. */
const nth = (urls: string | string[], i: number) => (typeof urls === 'string' ? urls : urls[i % urls.length]);

interface Conversation {
  id: string;
  visitor: Socket;
  agent: Socket;
}

/**
 * Connects the agents (online), then `count` visitors that each start a chat, and waits until every chat
 * is assigned and its agent socket receives the conversation's messages (the "joined" greeting).
 */
async function setupChats(visitorUrl: string | string[], agentUrl: string | string[], widgetKey: string, agentTokens: string[], count: number, visitors?: Socket[]): Promise<{ conversations: Conversation[]; agents: Socket[] }> {
  const agentOf = new Map<string, Socket>();
  const joined = new Map<string, () => void>();
  const joinedEarly = new Set<string>();
  const agents = await pool(agentTokens, 20, async (token, i) => {
    const socket = open(nth(agentUrl, i), '/agent', { token });
    await first(socket, 'presence');
    socket.on('conversation.assigned', (c: { id: string }) => agentOf.set(c.id, socket));
    socket.on('message', (m: MessageDto) => {
      if (m.senderType !== 'system') return;
      const done = joined.get(m.conversationId);
      if (done) done();
      else joinedEarly.add(m.conversationId);
    });
    await request(socket, 'status.set', { status: 'online' });
    return socket;
  });
  const visitorSockets =
    visitors ??
    (await pool(Array.from({ length: count }), 50, async (_, i) => {
      const socket = open(nth(visitorUrl, i), '/visitor', { widgetKey });
      await first(socket, 'session');
      return socket;
    }));
  const conversations = await pool(visitorSockets.slice(0, count), 50, async (visitor) => {
    const ready = new Promise<void>((resolve) => setTimeout(resolve, 15_000).unref());
    const ack = await request(visitor, 'chat.start', { channel: 'desktop' });
    const conversation = ack.conversation as { id: string; status: string };
    if (conversation.status !== 'active') throw new Error(`chat not assigned (status ${conversation.status}): not enough agent capacity`);
    await Promise.race([ready, new Promise<void>((resolve) => (joinedEarly.has(conversation.id) ? resolve() : joined.set(conversation.id, resolve)))]);
    const agent = agentOf.get(conversation.id);
    if (!agent) throw new Error(`no agent socket got conversation ${conversation.id}`);
    return { id: conversation.id, visitor, agent };
  });
  return { conversations, agents };
}

// ------------------------------------------------------------------------------------------ message flow

/** Sends messages at fixed rates over the conversations and records sender -> counterpart latency. */
class Flow {
  private pending = new Map<string, number>();
  private latencies: number[] = [];
  private counter = 0;
  private readonly payload: string;
  ackErrors = 0;

  constructor(
    private readonly conversations: Conversation[],
    private readonly direction: 'both' | 'visitor',
    bodyBytes: number,
  ) {
    this.payload = body(bodyBytes);
    const seenAgents = new Set<Socket>();
    for (const c of conversations) {
      c.visitor.on('message', (m: MessageDto) => m.senderType === 'agent' && this.received(m.clientMsgId));
      if (!seenAgents.has(c.agent)) {
        seenAgents.add(c.agent);
        c.agent.on('message', (m: MessageDto) => m.senderType === 'visitor' && this.received(m.clientMsgId));
      }
    }
  }

  private received(id: string | null) {
    if (!id) return;
    const sentAt = this.pending.get(id);
    if (sentAt === undefined) return;
    this.pending.delete(id);
    this.latencies.push(performance.now() - sentAt);
  }

  private sendOne(tag: string) {
    const k = this.counter++;
    const c = this.conversations[k % this.conversations.length];
    const fromVisitor = this.direction === 'visitor' || Math.floor(k / this.conversations.length) % 2 === 0;
    const id = `${tag}-${k}`;
    this.pending.set(id, performance.now());
    (fromVisitor ? c.visitor : c.agent).emit('message.send', { conversationId: c.id, clientMsgId: id, body: this.payload }, (ack: Ack) => {
      if (!ack?.ok) this.ackErrors++;
    });
  }

  /** Sends `rate` msgs/s for `seconds`, then waits up to graceMs for the stragglers. */
  async run(rate: number, seconds: number, tag: string, graceMs = 2_000): Promise<{ sent: number; delivered: number; lost: number; latencies: number[]; elapsedMs: number }> {
    this.pending.clear();
    this.latencies = [];
    let sent = 0;
    const start = performance.now();
    const end = start + seconds * 1000;
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        const now = performance.now();
        const due = Math.floor((rate * (Math.min(now, end) - start)) / 1000) - sent;
        for (let i = 0; i < due; i++) this.sendOne(tag);
        sent += Math.max(0, due);
        if (now >= end) {
          clearInterval(timer);
          resolve();
        }
      }, 2);
    });
    const sendEnd = performance.now();
    const deadline = sendEnd + graceMs;
    while (this.pending.size > 0 && performance.now() < deadline) await sleep(20);
    const lost = this.pending.size;
    this.pending.clear();
    return { sent, delivered: this.latencies.length, lost, latencies: this.latencies, elapsedMs: sendEnd - start };
  }
}

// ------------------------------------------------------------------------------------------ modes

async function relay(cfg: RelayConfig): Promise<RelayResult> {
  const t0 = performance.now();
  const { conversations, agents } = await setupChats(cfg.visitorUrl, cfg.agentUrl, cfg.widgetKey, cfg.agentTokens, cfg.conversations);
  const setupMs = Math.round(performance.now() - t0);
  log(`${cfg.label}: ${conversations.length} conversations over ${agents.length} agents ready in ${setupMs} ms`);
  const flow = new Flow(conversations, cfg.direction, cfg.bodyBytes);
  await flow.run(Math.min(200, cfg.steps[0]), 1, 'warmup'); // JIT, pools, Redis connections
  const steps: StepResult[] = [];
  const wal = cfg.databaseUrl ? new pg.Client({ connectionString: cfg.databaseUrl }) : null;
  await wal?.connect();
  const walLsn = async () => (wal ? (await wal.query<{ lsn: string }>('select pg_current_wal_lsn()::text as lsn')).rows[0].lsn : null);
  for (const [i, rate] of cfg.steps.entries()) {
    const walBefore = await walLsn();
    const before = await Promise.all(cfg.statsUrls.map((u) => serverStats(u, '?reset=1')));
    const errorsBefore = flow.ackErrors;
    const cpuBefore = cfg.cpuPids.map(processCpuMs);
    const r = await flow.run(rate, cfg.stepSeconds, `s${i}`);
    const cpuByProcess = cfg.cpuPids.map((pid, j) => processCpuMs(pid) - cpuBefore[j]);
    const perMessageUs = (ms: number) => Math.round((ms * 1000) / Math.max(1, r.sent));
    const after = await Promise.all(cfg.statsUrls.map((u) => serverStats(u)));
    const walBytes = wal && walBefore ? Number((await wal.query<{ d: string }>('select pg_wal_lsn_diff(pg_current_wal_lsn(), $1)::text as d', [walBefore])).rows[0].d) : null;
    const latencyMs = summarize(r.latencies, r.lost);
    const achievedRate = Math.round(r.delivered / (r.elapsedMs / 1000));
    const keptUp = r.sent >= 0.95 * rate * cfg.stepSeconds && r.lost === 0;
    const step: StepResult = {
      targetRate: rate,
      sent: r.sent,
      delivered: r.delivered,
      lost: r.lost,
      ackErrors: flow.ackErrors - errorsBefore,
      achievedRate,
      latencyMs,
      pass: keptUp && latencyMs.p99 !== null && latencyMs.p99 < cfg.p99LimitMs,
      servers: after.map((a, j) => ({
        eventLoopP99Ms: a.eventLoopDelayMs.p99,
        cpuPercent: Math.round(((a.cpuUserMs + a.cpuSystemMs - before[j].cpuUserMs - before[j].cpuSystemMs) / r.elapsedMs) * 100),
        rssMB: Math.round(a.rssBytes / 2 ** 20),
        ...ioPerMessage(before[j], a, r.sent),
      })),
      cpuUsPerMessage: cfg.cpuPids.length && r.sent ? perMessageUs(cpuByProcess.reduce((a, b) => a + b, 0)) : null,
      cpuUsPerMessageByProcess: cpuByProcess.map(perMessageUs),
      walBytesPerMessage: walBytes === null ? null : Math.round(walBytes / Math.max(1, r.sent)),
    };
    steps.push(step);
    log(`${cfg.label}: ${rate}/s -> ${achievedRate}/s p50 ${latencyMs.p50} p99 ${latencyMs.p99} lost ${r.lost}, cpu ${step.cpuUsPerMessage ?? '-'} µs/msg ${step.pass ? 'ok' : 'MISS'}`);
    if (!step.pass && cfg.stopOnFail) break;
    await sleep(300);
  }
  await wal?.end();
  const passing = steps.filter((s) => s.pass);
  const top = passing[passing.length - 1];
  return {
    label: cfg.label,
    conversations: conversations.length,
    agents: agents.length,
    setupMs,
    steps,
    best: top ? { targetRate: top.targetRate, achievedRate: top.achievedRate, p99Ms: top.latencyMs.p99 } : null,
  };
}

/** Redis commands (total and by name) and SQL queries the server sent per message during a step. */
function ioPerMessage(before: NodeStats, after: NodeStats, messages: number) {
  const byName: Record<string, number> = {};
  let total = 0;
  for (const [name, n] of Object.entries(after.redisCommands ?? {})) {
    const delta = n - (before.redisCommands?.[name] ?? 0);
    if (delta <= 0) continue;
    total += delta;
    byName[name] = Math.round((delta / Math.max(1, messages)) * 100) / 100;
  }
  const per = (n: number) => Math.round((n / Math.max(1, messages)) * 100) / 100;
  const pgByText: Record<string, number> = {};
  for (const [text, n] of Object.entries(after.pgQueriesByText ?? {})) {
    const delta = n - (before.pgQueriesByText?.[text] ?? 0);
    if (delta > 0 && per(delta) >= 0.01) pgByText[text] = per(delta);
  }
  return { redisCommandsPerMessage: per(total), redisCommandsByName: byName, pgQueriesPerMessage: per((after.pgQueries ?? 0) - (before.pgQueries ?? 0)), pgQueriesByText: pgByText };
}

async function connectVisitors(cfg: ConnectionsConfig, returning: { token: string | undefined; held?: Held }[]) {
  const handshake: number[] = [];
  let failures = 0;
  let sessionMessages = 0;
  const urls = cfg.handshakeUrls ?? [cfg.url];
  const statsUrls = cfg.handshakeStatsUrls ?? [cfg.statsUrl];
  const before = sumStats(await Promise.all(statsUrls.map((u) => serverStats(u))));
  const start = performance.now();
  const results = await pool(returning, cfg.concurrency, async ({ token, held }, i) => {
    const t = performance.now();
    const resume = cfg.sendLastSeq !== false ? resumeAuth(held) : {};
    const socket = open(nth(urls, i), '/visitor', token ? { widgetKey: cfg.widgetKey, token, ...resume } : { widgetKey: cfg.widgetKey });
    const nowHeld = trackHeld(socket);
    try {
      const session = await first<{ token: string; messages: unknown[] }>(socket, 'session');
      handshake.push(performance.now() - t);
      sessionMessages += session.messages.length;
      return { socket, token: session.token, held: nowHeld };
    } catch {
      failures++;
      socket.disconnect();
      return { socket: null, token: undefined, held: nowHeld };
    }
  });
  const seconds = (performance.now() - start) / 1000;
  // What one handshake costs the server, independent of how loaded the machine is: CPU time, SQL, Redis.
  const after = sumStats(await Promise.all(statsUrls.map((u) => serverStats(u))));
  const n = Math.max(1, handshake.length);
  const perHandshake = {
    serverCpuUs: Math.round(((after.cpuUserMs + after.cpuSystemMs - before.cpuUserMs - before.cpuSystemMs) * 1000) / n),
    ...Object.fromEntries(Object.entries(ioPerMessage(before, after, n)).map(([k, v]) => [k.replace('PerMessage', ''), v])),
  };
  return {
    sockets: results.map((r) => r.socket).filter((s): s is Socket => s !== null),
    returning: results.map((r) => ({ token: r.token, held: r.held })),
    figures: { connected: handshake.length, failures, seconds: Math.round(seconds * 10) / 10, perSecond: Math.round(handshake.length / seconds), handshakeMs: summarize(handshake), perHandshake, sessionMessages },
  };
}

/** Several nodes' counters as one (CPU, Redis commands, SQL queries per handshake over all of them). */
function sumStats(all: NodeStats[]): NodeStats {
  const redisCommands: Record<string, number> = {};
  for (const s of all) for (const [name, n] of Object.entries(s.redisCommands ?? {})) redisCommands[name] = (redisCommands[name] ?? 0) + n;
  const total = (pick: (s: NodeStats) => number) => all.reduce((sum, s) => sum + (pick(s) ?? 0), 0);
  const pgQueriesByText: Record<string, number> = {};
  for (const s of all) for (const [text, n] of Object.entries(s.pgQueriesByText ?? {})) pgQueriesByText[text] = (pgQueriesByText[text] ?? 0) + n;
  return { ...all[0], cpuUserMs: total((s) => s.cpuUserMs), cpuSystemMs: total((s) => s.cpuSystemMs), pgQueries: total((s) => s.pgQueries ?? 0), redisCommands, pgQueriesByText };
}

const MB = (b: number) => Math.round((b / 2 ** 20) * 10) / 10;

async function connections(cfg: ConnectionsConfig) {
  const base = await serverStats(cfg.statsUrl, '?gc=1');
  log(`connections: baseline rss ${MB(base.rssBytes)} MB; connecting ${cfg.count} new visitors`);
  const fresh = await connectVisitors(cfg, Array.from({ length: cfg.count }, () => ({ token: undefined })));
  const afterNew = await serverStats(cfg.statsUrl, '?gc=1&reset=1');
  log(`connections: ${fresh.figures.connected} connected at ${fresh.figures.perSecond}/s, rss ${MB(afterNew.rssBytes)} MB`);

  // Idle with heartbeats (pingInterval 20 s), a few of them chatting.
  const { conversations } = await setupChats(cfg.url, cfg.url, cfg.widgetKey, cfg.agentTokens, cfg.chatting, fresh.sockets);
  const flow = new Flow(conversations, 'visitor', cfg.bodyBytes);
  await serverStats(cfg.statsUrl, '?reset=1');
  let disconnected = 0;
  for (const s of fresh.sockets) s.on('disconnect', () => disconnected++);
  const chat = await flow.run(cfg.chatRate, cfg.idleSeconds, 'idle');
  const idle = await serverStats(cfg.statsUrl, '?gc=1');
  const droppedDuringIdle = disconnected;
  log(`connections: idle ${cfg.idleSeconds} s, event loop p99 ${idle.eventLoopDelayMs.p99} ms, ${droppedDuringIdle} dropped`);

  // Same visitors again, reusing their tokens (no new visitor rows): idle memory without the first-visit cost.
  for (const s of sockets.splice(0)) s.disconnect();
  const drainDeadline = Date.now() + 20_000;
  let empty = await serverStats(cfg.statsUrl);
  while (empty.connections > 0 && Date.now() < drainDeadline) {
    await sleep(250);
    empty = await serverStats(cfg.statsUrl);
  }
  // The disconnects' bookkeeping (presence, abandonment check) runs after the sockets are gone: wait until the
  // node sends no SQL for a second, so the reconnect figures are the reconnects' alone.
  let settled = empty.pgQueries;
  while (Date.now() < drainDeadline + 20_000) {
    await sleep(1_000);
    const now = (await serverStats(cfg.statsUrl)).pgQueries;
    if (now === settled) break;
    settled = now;
  }
  empty = await serverStats(cfg.statsUrl, '?gc=1');
  const reuse = await connectVisitors(cfg, fresh.returning);
  await sleep(1_000);
  const afterReuse = await serverStats(cfg.statsUrl, '?gc=1&reset=1');
  await sleep(3_000);
  const reuseIdle = await serverStats(cfg.statsUrl);
  log(`connections: reconnect with tokens ${reuse.figures.connected} at ${reuse.figures.perSecond}/s, rss ${MB(afterReuse.rssBytes)} MB`);
  for (const s of sockets.splice(0)) s.disconnect();

  return {
    visitors: cfg.count,
    newVisitors: fresh.figures,
    reconnectWithToken: reuse.figures,
    rssMB: { baseline: MB(base.rssBytes), afterConnect: MB(afterNew.rssBytes), idleEnd: MB(idle.rssBytes), beforeReconnect: MB(empty.rssBytes), afterReconnect: MB(afterReuse.rssBytes) },
    heapMB: { baseline: MB(base.heapUsedBytes), afterConnect: MB(afterNew.heapUsedBytes), beforeReconnect: MB(empty.heapUsedBytes), afterReconnect: MB(afterReuse.heapUsedBytes) },
    memoryPerConnectionKB: {
      rss: Math.round((afterNew.rssBytes - base.rssBytes) / 1024 / fresh.figures.connected),
      heap: Math.round((afterNew.heapUsedBytes - base.heapUsedBytes) / 1024 / fresh.figures.connected),
      heapReconnected: Math.round((afterReuse.heapUsedBytes - empty.heapUsedBytes) / 1024 / Math.max(1, reuse.figures.connected)),
    },
    idle: {
      seconds: cfg.idleSeconds,
      connections: idle.connections,
      droppedDuringIdle,
      eventLoopDelayMs: idle.eventLoopDelayMs,
      chatting: conversations.length,
      chatRate: cfg.chatRate,
      chatLatencyMs: summarize(chat.latencies, chat.lost),
    },
    idleAfterReconnect: { eventLoopDelayMs: reuseIdle.eventLoopDelayMs, connections: reuseIdle.connections },
    driverOpenFileLimit: openFileLimit('self'),
  };
}

async function main() {
  const result = config.mode === 'relay' ? await relay(config) : await connections(config);
  for (const s of sockets) s.disconnect();
  process.stdout.write(`@@RESULT ${toJson(result)}\n`);
  setTimeout(() => process.exit(0), 200);
}

main().catch((error) => {
  log(`failed: ${error instanceof Error ? error.stack : String(error)}`);
  for (const s of sockets) s.disconnect();
  process.exit(1);
});
