/**
 * `npm start`: runs the three processes of one machine (web, realtime, worker) under a supervisor
 * (`scripts/supervisor.ts`): prefixes their output, restarts a child that exits or crashes (with backoff,
 * logging why), prints the URLs and demo logins once the web app answers, and forwards SIGINT/SIGTERM for
 * a graceful shutdown. It exits only then, or non-zero when a child crash-loops (5 exits within a minute).
 *
 * `.env` is loaded first (variables already set win). Needs a build (`npm run build`).
 */
import './dotenv';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { loadEnv, type Env } from '../src/lib/env';
import { demoLoginsText } from './demo-data';
import { Supervisor, type ProcSpec } from './supervisor';

const ROOT = path.resolve(import.meta.dirname, '..');
const BIN = path.join(ROOT, 'node_modules', '.bin');
/** How long children get to shut down gracefully before SIGKILL. */
const SHUTDOWN_TIMEOUT_MS = 15_000;

const useColor = process.stdout.isTTY && !process.env.NO_COLOR;
function tag(name: string, color: number) {
  const label = `[${name}]`.padEnd(11);
  return useColor ? `\x1b[${color}m${label}\x1b[0m` : label;
}
function log(message: string) {
  for (const line of message.split('\n')) process.stdout.write(`${tag('start', 1)} ${line}\n`);
}

// Web, realtime and worker must share one AUTH_SECRET (tokens minted by web are verified by realtime).
// Without one (no .env), generate one for this run rather than letting each process invent its own.
if (!process.env.AUTH_SECRET) {
  process.env.AUTH_SECRET = randomBytes(32).toString('hex');
  log('AUTH_SECRET is not set: using a random one for this run (sessions end on restart). Set it in .env.');
}
// next start runs in production mode; realtime and worker run in the same mode.
(process.env as Record<string, string | undefined>).NODE_ENV ??= 'production';
const config = readConfig();
function readConfig(): Env {
  try {
    return loadEnv(process.env);
  } catch (error) {
    console.error(`${tag('start', 1)} ${(error as Error).message}`);
    process.exit(1);
  }
}
// next-auth v4 reads these; derive them from our variables unless set explicitly.
process.env.NEXTAUTH_SECRET ??= config.AUTH_SECRET;
process.env.NEXTAUTH_URL ??= config.PUBLIC_WEB_URL;

// web, realtime and worker run as compiled JavaScript (`npm run build:server`, part of `npm run build`).
const SERVER_BUILD = {
  web: path.join(ROOT, 'dist', 'server', 'web', 'main.js'),
  realtime: path.join(ROOT, 'dist', 'server', 'realtime', 'main.js'),
  worker: path.join(ROOT, 'dist', 'server', 'worker', 'main.js'),
};
if (!existsSync(path.join(ROOT, '.next', 'BUILD_ID')) || Object.values(SERVER_BUILD).some((file) => !existsSync(file))) {
  console.error(`${tag('start', 1)} no production build found: run \`npm run build\` first (or \`npm run up\`).`);
  process.exit(1);
}

// Fail fast with a clear message instead of a child's EADDRINUSE (and a banner for someone else's server).
for (const [name, port] of [['WEB_PORT', config.WEB_PORT], ['REALTIME_PORT', config.REALTIME_PORT]] as const) {
  if (port > 0 && (await portAnswers(port))) {
    console.error(`${tag('start', 1)} port ${port} (${name}) is already in use: stop the other server or set ${name}.`);
    process.exit(1);
  }
}

/**
 * A local mail catcher (maildev, a dev dependency) when no SMTP server is configured: invitations and
 * password resets can be tried at once, read at its web page. Set SMTP_URL in .env for real email.
 */
const MAILDEV_BIN = path.join(BIN, 'maildev');
const mailCatcher = { smtp: Number(process.env.MAILDEV_SMTP_PORT ?? 1025), web: Number(process.env.MAILDEV_WEB_PORT ?? 1080), start: false, url: '' };
if (!config.SMTP_URL) {
  if (!existsSync(MAILDEV_BIN)) {
    log('SMTP_URL is not set and maildev is not installed: emails wait in the outbox (Console > Email delivery log).');
  } else {
    mailCatcher.start = !(await portAnswers(mailCatcher.smtp));
    if (!mailCatcher.start) log(`SMTP_URL is not set; something already listens on ${mailCatcher.smtp}: using it as the mail catcher.`);
    process.env.SMTP_URL = `smtp://127.0.0.1:${mailCatcher.smtp}`;
    mailCatcher.url = `http://localhost:${mailCatcher.web}`;
  }
}

/** The process table (edit here to change how a process is run). */
const procs: ProcSpec[] = [
  ...(mailCatcher.start
    ? [{ name: 'mail', color: 32, command: MAILDEV_BIN, args: ['--smtp', String(mailCatcher.smtp), '--web', String(mailCatcher.web), '--ip', '127.0.0.1', '--web-ip', '127.0.0.1', '--silent'] }]
    : []),
  // Next.js behind our HTTP server (src/web/server.ts): the client address comes from the TCP peer and
  // TRUSTED_PROXIES only (unset: nobody is trusted, forwarded headers are dropped).
  { name: 'web', color: 36, command: process.execPath, args: ['--enable-source-maps', SERVER_BUILD.web] },
  // Plain node on the compiled build (one process each: a crash or kill of the server is seen here).
  { name: 'realtime', color: 35, command: process.execPath, args: ['--enable-source-maps', SERVER_BUILD.realtime] },
  { name: 'worker', color: 33, command: process.execPath, args: ['--enable-source-maps', SERVER_BUILD.worker] },
];

let shuttingDown = false;
const supervisor = new Supervisor(procs, {
  cwd: ROOT,
  env: process.env,
  log,
  output: (p, line, stream) => (stream === 'stdout' ? process.stdout : process.stderr).write(`${tag(p.name, p.color)} ${line}\n`),
  shutdownTimeoutMs: SHUTDOWN_TIMEOUT_MS,
}).start();
void supervisor.done.then((code) => process.exit(code));

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (!shuttingDown) log(`${signal} received: stopping web, realtime and worker`);
    shuttingDown = true;
    void supervisor.stop(signal);
  });
}

// --- ready banner ------------------------------------------------------------------------------------

function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.setTimeout(1000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}

async function webAnswers(): Promise<boolean> {
  try {
    // Any HTTP response means the server is up (the health route may report a dependency as down).
    await fetch(`http://127.0.0.1:${config.WEB_PORT}/api/health`, { signal: AbortSignal.timeout(3000) });
    return true;
  } catch {
    return false;
  }
}

async function announceWhenReady() {
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  while (!shuttingDown && !(await webAnswers())) await sleep(500);
  // The realtime server usually listens first; wait for it too, but not forever.
  for (let i = 0; i < 40 && !shuttingDown && config.REALTIME_PORT > 0 && !(await portAnswers(config.REALTIME_PORT)); i++) await sleep(500);
  if (shuttingDown) return;
  const web = config.PUBLIC_WEB_URL.replace(/\/$/, '');
  const banner = [
    '',
    'Live chat is running:',
    `  Console (admin)     ${web}/admin`,
    `  Agent workspace     ${web}/agent`,
    `  Demo page (widget)  ${web}/demo`,
    `  Sign in             ${web}/signin`,
    `  Realtime server     ${config.PUBLIC_REALTIME_URL}`,
    ...(mailCatcher.url ? [`  Mail catcher        ${mailCatcher.url}   (every email sent, e.g. invitations and password resets)`] : []),
    '',
    demoLoginsText(),
    '',
    'Press Ctrl+C to stop.',
    '',
  ];
  for (const line of banner) log(line);
}

void announceWhenReady();
