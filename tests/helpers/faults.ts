import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

/**
 * Fault injection for integration tests: a throwaway redis-server the test may kill and restart (the
 * shared services are never touched), a TCP proxy that can be cut to simulate a PostgreSQL restart, real
 * app processes, and polling for state that has no event.
 */
export const ROOT = path.resolve(import.meta.dirname, '..', '..');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Polls `check` until it returns a truthy value (state changes without an event to await). */
export async function until<T>(check: () => Promise<T> | T, what: string, timeoutMs = 20_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value as NonNullable<T>;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? ` (last error: ${(last as Error).message})` : ''}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.setTimeout(500);
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data.toString().startsWith('+PONG'));
    });
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
    socket.once('error', () => resolve(false));
  });
}

/** A redis-server of the test's own, without persistence: `restart()` loses every key, like the issue's Redis. */
export interface ThrowawayRedis {
  url: string;
  port: number;
  /** SIGKILL, then a fresh empty server on the same port. */
  restart(downMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startThrowawayRedis(): Promise<ThrowawayRedis> {
  const port = await freePort();
  let child: ChildProcess;
  const launch = async () => {
    child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    await until(() => ping(port), `redis-server on ${port}`);
  };
  const kill = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
  };
  await launch();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    async restart(downMs = 0) {
      await kill();
      if (downMs) await new Promise((r) => setTimeout(r, downMs));
      await launch();
    },
    stop: kill,
  };
}

/**
 * A TCP proxy in front of a server (PostgreSQL). `cut()` resets every open connection and refuses new
 * ones, as a restarting server does; `restore()` accepts again.
 */
export interface CuttableProxy {
  port: number;
  cut(): Promise<void>;
  restore(): Promise<void>;
  close(): Promise<void>;
}

export async function startProxy(targetHost: string, targetPort: number): Promise<CuttableProxy> {
  const port = await freePort();
  const open = new Set<net.Socket>();
  let server: net.Server;
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server = net.createServer((client) => {
        const upstream = net.connect({ host: targetHost, port: targetPort });
        open.add(client).add(upstream);
        const drop = () => {
          client.destroy();
          upstream.destroy();
          open.delete(client);
          open.delete(upstream);
        };
        client.on('error', drop).on('close', drop);
        upstream.on('error', drop).on('close', drop);
        client.pipe(upstream).pipe(client);
      });
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
  const stopListening = () => new Promise<void>((resolve) => server.close(() => resolve()));
  await listen();
  return {
    port,
    async cut() {
      const closed = stopListening();
      for (const socket of open) socket.resetAndDestroy();
      open.clear();
      await closed;
    },
    restore: listen,
    async close() {
      for (const socket of open) socket.destroy();
      await stopListening().catch(() => {});
    },
  };
}

/** A real app process (`node --import tsx <entry>`), output collected; `exitCode` stays null while it runs. */
export interface AppProcess {
  child: ChildProcess;
  output(): string;
  exited(): boolean;
  stop(): Promise<void>;
}

/** Fault tests drive traffic from one IP faster than a visitor may: lift those limits (security-limits.test.ts covers them). */
const LIFTED_TRAFFIC_LIMITS = {
  RL_MESSAGES_PER_10S: '1000000',
  RL_TYPING_PER_10S: '1000000',
  RL_VISITOR_HANDSHAKES_PER_IP_PER_MINUTE: '1000000',
  RL_VISITOR_HANDSHAKES_PER_KEY_PER_MINUTE: '1000000',
};

export async function spawnApp(entry: string, env: Record<string, string>, readyLine: string): Promise<AppProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], { cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'info', NODE_ENV: 'test', ...LIFTED_TRAFFIC_LIMITS, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once('exit', () => ((exited = true), resolve())));
  await until(() => output.includes(readyLine) || exited, `${entry} to start`, 90_000);
  if (exited) throw new Error(`${entry} exited:\n${output}`);
  return {
    child,
    output: () => output,
    exited: () => exited,
    async stop() {
      if (!exited) child.kill('SIGTERM');
      await exit;
    },
  };
}
