/**
 * Driver of the reconnect-storm scenario (bench/reconnect.ts): holds N visitor sockets that reconnect the
 * way the widget does (VISITOR_RECONNECTION backoff, `rate_limited` retried after handshakeRetryMs), prints
 * `@@CONNECTED` once all hold a session, then measures how long after the node's death (first disconnect)
 * and after its restart (SIGUSR2 from the orchestrator) every visitor has its session back, and prints
 * `@@RESULT <json>`.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { io as connect, type Socket } from 'socket.io-client';
import { handshakeRetryMs, VISITOR_RECONNECTION } from '../src/components/chat/socket';
import { resumeAuth, trackHeld, type Held } from './lib/held';
import { summarize, toJson } from './lib/metrics';
import type { ReconnectDriverConfig } from './reconnect';

const cfg = JSON.parse(process.env.BENCH_DRIVER_CONFIG_FILE ? readFileSync(process.env.BENCH_DRIVER_CONFIG_FILE, 'utf8') : (process.env.BENCH_DRIVER_CONFIG ?? '{}')) as ReconnectDriverConfig;
const log = (msg: string) => process.stderr.write(`[reconnect-driver] ${msg}\n`);

interface Visitor {
  socket: Socket;
  token: string;
  visitorId: string | null;
  sessions: number;
  refused: number;
  held: Held;
}

let killedAt: number | null = null;
let restartedAt: number | null = null;
const backAt: number[] = [];
const refusals = { rateLimited: 0, other: 0 };
let identityChanged = 0;
let resolveAllBack: () => void = () => {};
const allBack = new Promise<void>((resolve) => (resolveAllBack = resolve));
process.on('SIGUSR2', () => (restartedAt ??= performance.now()));

function open(token: string, index: number): Promise<Visitor> {
  return new Promise((resolve) => {
    const v: Visitor = { token, visitorId: null, sessions: 0, refused: 0, held: { conversationId: null, lastSeq: 0 }, socket: null as unknown as Socket };
    v.socket = connect(`${cfg.urls[index % cfg.urls.length]}/visitor`, {
      transports: ['websocket'],
      forceNew: true,
      ...VISITOR_RECONNECTION,
      // As the widget: the newest token, and the chat it holds with its last seq (history only when behind).
      auth: (cb) => cb({ widgetKey: cfg.widgetKey, token: v.token, ...resumeAuth(v.held) }),
    });
    trackHeld(v.socket, v.held);
    let retry: ReturnType<typeof setTimeout> | null = null;
    v.socket.on('session', (s: { token: string; visitorId: string }) => {
      if (v.visitorId && v.visitorId !== s.visitorId) identityChanged++;
      v.visitorId = s.visitorId;
      v.token = s.token;
      v.refused = 0;
      v.sessions++;
      if (v.sessions === 1) resolve(v);
      else if (v.sessions === 2 && killedAt !== null) {
        backAt.push(performance.now());
        if (backAt.length === cfg.tokens.length) resolveAllBack();
      }
    });
    v.socket.on('disconnect', () => (killedAt ??= performance.now()));
    v.socket.on('connect_error', (err: Error & { data?: { retryAfterSeconds?: number } }) => {
      // Transport errors (node down) are retried by socket.io's own backoff; refusals by the middleware as the widget does.
      if (!/^(rate_limited|internal)/.test(err.message)) {
        if (/^(unauthorized|forbidden|bad_request)/.test(err.message)) refusals.other++;
        return;
      }
      refusals.rateLimited += err.message.startsWith('rate_limited') ? 1 : 0;
      if (retry) clearTimeout(retry);
      retry = setTimeout(() => v.socket.connect(), handshakeRetryMs(v.refused++, err.data?.retryAfterSeconds));
    });
  });
}

async function main() {
  const started = performance.now();
  const visitors: Visitor[] = [];
  for (let i = 0; i < cfg.tokens.length; i += cfg.concurrency) {
    visitors.push(...(await Promise.all(cfg.tokens.slice(i, i + cfg.concurrency).map((token, j) => open(token, i + j)))));
  }
  const fillSeconds = (performance.now() - started) / 1000;
  log(`${visitors.length} visitors connected in ${fillSeconds.toFixed(1)} s`);
  const refusedDuringFill = { ...refusals };
  refusals.rateLimited = 0;
  refusals.other = 0;
  process.stdout.write('@@CONNECTED\n');

  const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), cfg.timeoutMs + 300_000));
  await Promise.race([allBack, timeout]);
  const done = backAt.length === visitors.length;
  const last = done ? Math.max(...backAt) : null;
  const sinceRestart = restartedAt === null ? [] : backAt.map((t) => Math.max(0, t - restartedAt!));
  const result = {
    back: backAt.length,
    allBackAfterKillMs: last !== null && killedAt !== null ? Math.round(last - killedAt) : null,
    allBackAfterRestartMs: last !== null && restartedAt !== null ? Math.round(last - restartedAt) : null,
    backAfterRestartMs: summarize(sinceRestart, 0),
    refusedRateLimited: refusals.rateLimited,
    refusedOther: refusals.other,
    identityChanged,
    initialFill: { seconds: Math.round(fillSeconds * 10) / 10, refusedRateLimited: refusedDuringFill.rateLimited },
  };
  for (const v of visitors) v.socket.disconnect();
  process.stdout.write(`@@RESULT ${toJson(result)}\n`);
  setTimeout(() => process.exit(0), 200);
}

main().catch((error) => {
  log(`failed: ${error instanceof Error ? error.stack : String(error)}`);
  process.exit(1);
});
