import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');
/** Open-file limit asked for every child; the shell falls back to the hard limit when it is lower. */
export const WANTED_NOFILE = 65_536;

export interface Child {
  name: string;
  proc: ChildProcess;
  /** Resolves with the exit code (or signal name) once the process has exited. */
  exited: Promise<number | string>;
  /** Everything the child wrote to stdout (drivers print their result there). */
  stdout: () => string;
  stderrTail: () => string;
}

const children = new Set<Child>();

/**
 * Niceness of the load drivers (issue 27 item 5): on 2 shared cores a driver at the servers' priority takes
 * half the CPU the figures are meant to measure (its socket.io clients cost about as much as the server).
 * Drivers run `nice -n BENCH_DRIVER_NICE` (default 10) below the servers, so the server gets the cores first
 * and a saturated driver shows up as its own lag, not as server latency. BENCH_DRIVER_NICE=0: same priority.
 */
export const DRIVER_NICE = Math.max(0, Math.min(19, Number(process.env.BENCH_DRIVER_NICE ?? 10) || 0));

/**
 * Starts `node [nodeArgs] [--import tsx] <script>` (tsx for .ts scripts) in its own process group, through bash so the open-file
 * limit can be raised first (`ulimit -n`), with the given environment. Tracked: stopAll() ends it.
 */
export function startNode(name: string, script: string, env: Record<string, string>, nodeArgs: string[] = [], options: { nice?: number } = {}): Child {
  const quoted = [...nodeArgs, ...(script.endsWith('.ts') ? ['--import', 'tsx'] : []), script].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const nice = options.nice ? `nice -n ${options.nice} ` : '';
  const command = `ulimit -n ${WANTED_NOFILE} 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null; exec ${nice}node ${quoted}`;
  const proc = spawn('bash', ['-c', command], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // own process group: stopAll() signals the whole group
  });
  let out = '';
  let err = '';
  proc.stdout!.on('data', (d: Buffer) => {
    out += d.toString();
  });
  proc.stderr!.on('data', (d: Buffer) => {
    err = (err + d.toString()).slice(-20_000);
    if (process.env.BENCH_VERBOSE === '1') process.stderr.write(`[${name}] ${d}`);
  });
  const exited = new Promise<number | string>((resolve) => proc.on('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  const child: Child = { name, proc, exited, stdout: () => out, stderrTail: () => err };
  children.add(child);
  void exited.then(() => children.delete(child));
  return child;
}

/** SIGTERM (then SIGKILL after graceMs) to the child's process group; resolves once it has exited. */
export async function stop(child: Child, graceMs = Number(process.env.BENCH_STOP_GRACE_MS ?? 5_000)): Promise<void> {
  if (child.proc.exitCode !== null || child.proc.signalCode !== null) return;
  signalGroup(child, 'SIGTERM');
  const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), graceMs);
  await child.exited;
  clearTimeout(timer);
}

function signalGroup(child: Child, signal: NodeJS.Signals) {
  try {
    process.kill(-child.proc.pid!, signal);
  } catch {
    try {
      child.proc.kill(signal);
    } catch {
      /* already gone */
    }
  }
}

export async function stopAll(): Promise<void> {
  await Promise.allSettled([...children].map((c) => stop(c)));
}

/** Last-resort cleanup when the orchestrator itself exits abruptly: SIGKILL every remaining group. */
export function killAllSync(): void {
  for (const c of children) signalGroup(c, 'SIGKILL');
}

/** Resident set size of a process in MB (from /proc/<pid>/status), or null. */
export function rssMB(pid: number): number | null {
  try {
    const kb = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+)/m)?.[1];
    return kb ? Math.round(Number(kb) / 102.4) / 10 : null;
  } catch {
    return null;
  }
}

/**
 * Builds realtime and worker to dist/server (what `npm start` runs; the bench measures that build) and the
 * baseline relays the same way to bench/results/build/, so every system under test runs as plain JS.
 */
export function buildServer(): void {
  const server = spawnSync('npm', ['run', '--silent', 'build:server'], { cwd: ROOT, stdio: 'inherit' });
  if (server.status !== 0) throw new Error('npm run build:server failed');
  const esbuild = path.join(ROOT, 'node_modules', '.bin', 'esbuild');
  const relays = spawnSync(esbuild, ['bench/bare-relay.ts', 'bench/naive-relay.ts', '--bundle', '--platform=node', '--format=esm', '--packages=external', '--target=node20', '--outdir=bench/results/build', '--log-level=warning'], { cwd: ROOT, stdio: 'inherit' });
  if (relays.status !== 0) throw new Error('building the baseline relays failed');
}

/** The soft open-file limit a process runs with (from /proc), or null. */
export function openFileLimit(pid: number | 'self'): number | null {
  try {
    const line = readFileSync(`/proc/${pid}/limits`, 'utf8').split('\n').find((l) => l.startsWith('Max open files'));
    const value = line?.split(/\s+/)[3];
    return value && /^\d+$/.test(value) ? Number(value) : null;
  } catch {
    return null;
  }
}

/** Waits until GET url answers 200 (a child server is up) or the child exits. */
export async function waitForHttp(url: string, child: Child, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.proc.exitCode !== null) throw new Error(`${child.name} exited (${child.proc.exitCode}) before answering ${url}:\n${child.stderrTail()}`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      /* not yet */
    }
    await sleep(100);
  }
  throw new Error(`${child.name} did not answer ${url} within ${timeoutMs} ms:\n${child.stderrTail()}`);
}

/** Runs a driver child to completion and parses the line it prints as `@@RESULT <json>`. */
export async function runDriver<T>(name: string, config: unknown, timeoutMs: number): Promise<T> {
  const child = startNode(name, 'bench/driver.ts', { BENCH_DRIVER_CONFIG: JSON.stringify(config) }, [], { nice: DRIVER_NICE });
  const timer = setTimeout(() => void stop(child, 2_000), timeoutMs);
  const code = await child.exited;
  clearTimeout(timer);
  const line = child.stdout().split('\n').find((l) => l.startsWith('@@RESULT '));
  if (!line) throw new Error(`${name} driver failed (exit ${code}):\n${child.stderrTail()}`);
  return JSON.parse(line.slice('@@RESULT '.length)) as T;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
