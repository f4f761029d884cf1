import { spawn, type ChildProcess } from 'node:child_process';
import readline from 'node:readline';

/**
 * A small process supervisor (`npm start`): runs every entry of a process table, restarts one that exits
 * or crashes (with exponential backoff, reset after it stayed up a while), logs why, and stops everything
 * only when asked (SIGINT/SIGTERM) or when a child crash-loops (`crashLoop.max` exits within
 * `crashLoop.windowMs`): then restarting is pointless (bad configuration, port taken) and the operator
 * must look.
 */
export interface ProcSpec {
  name: string;
  /** ANSI colour of the output prefix. */
  color: number;
  command: string;
  args: string[];
}

export interface SupervisorOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Log line of the supervisor itself. */
  log: (message: string) => void;
  /** Output line of a child (prefixing is the caller's business). */
  output: (proc: ProcSpec, line: string, stream: 'stdout' | 'stderr') => void;
  crashLoop?: { max: number; windowMs: number };
  /** First restart delay; doubles per recent exit up to `maxBackoffMs`. */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** A child that ran this long is "healthy" again: its backoff starts over. */
  stableAfterMs?: number;
  shutdownTimeoutMs?: number;
}

interface Running {
  spec: ProcSpec;
  child?: ChildProcess;
  startedAt: number;
  exits: number[];
  restartTimer?: NodeJS.Timeout;
  backoff: number;
  restarts: number;
}

export class Supervisor {
  private readonly procs: Running[];
  private stopping = false;
  private exitCode = 0;
  private killTimer?: NodeJS.Timeout;
  private resolveDone!: (code: number) => void;
  /** Resolves with the exit code once every child stopped after `stop()` or a crash loop. */
  readonly done = new Promise<number>((resolve) => (this.resolveDone = resolve));

  constructor(
    table: ProcSpec[],
    private readonly options: SupervisorOptions,
  ) {
    this.procs = table.map((spec) => ({ spec, startedAt: 0, exits: [], backoff: options.backoffMs ?? 500, restarts: 0 }));
  }

  start(): this {
    for (const p of this.procs) this.spawn(p);
    return this;
  }

  /** Pid of a running child (tests, status). */
  pid(name: string): number | undefined {
    return this.procs.find((p) => p.spec.name === name)?.child?.pid;
  }

  restarts(name: string): number {
    return this.procs.find((p) => p.spec.name === name)?.restarts ?? 0;
  }

  private spawn(p: Running): void {
    p.restartTimer = undefined;
    p.startedAt = Date.now();
    // Same process group as the supervisor: a parent that kills the group (e.g. Playwright) reaches all.
    const child = spawn(p.spec.command, p.spec.args, { cwd: this.options.cwd, env: this.options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    p.child = child;
    for (const stream of ['stdout', 'stderr'] as const) {
      const input = child[stream];
      if (input) readline.createInterface({ input, crlfDelay: Infinity }).on('line', (line) => this.options.output(p.spec, line, stream));
    }
    let ended = false;
    const onEnd = (code: number | null, signal: NodeJS.Signals | null, error?: Error) => {
      if (ended) return;
      ended = true;
      this.exited(p, code, signal, error);
    };
    child.on('error', (error) => onEnd(null, null, error));
    child.on('exit', (code, signal) => onEnd(code, signal));
  }

  private exited(p: Running, code: number | null, signal: NodeJS.Signals | null, error?: Error): void {
    p.child = undefined;
    const how = error ? `could not be started: ${error.message}` : signal ? `was killed by ${signal}` : `exited with code ${code}`;
    if (this.stopping) {
      this.options.log(`${p.spec.name} stopped (${signal ? `signal ${signal}` : `code ${code}`})`);
      // 130/143: exited because of the forwarded SIGINT/SIGTERM (what tsx reports), a clean stop.
      if (code && code !== 130 && code !== 143 && signal === null && this.exitCode === 0) this.exitCode = code;
      this.finishIfAllStopped();
      return;
    }
    const now = Date.now();
    const { max, windowMs } = this.options.crashLoop ?? { max: 5, windowMs: 60_000 };
    p.exits = [...p.exits.filter((t) => now - t < windowMs), now];
    if (p.exits.length >= max) {
      this.options.log(`${p.spec.name} ${how}; it stopped ${p.exits.length} times within ${Math.round(windowMs / 1000)} s: giving up, stopping the others`);
      this.exitCode = 1;
      this.stop('SIGTERM');
      return;
    }
    if (now - p.startedAt >= (this.options.stableAfterMs ?? 30_000)) p.backoff = this.options.backoffMs ?? 500;
    const delay = p.backoff;
    p.backoff = Math.min(p.backoff * 2, this.options.maxBackoffMs ?? 10_000);
    p.restarts++;
    this.options.log(`${p.spec.name} ${how}; restarting in ${delay} ms (restart ${p.restarts})`);
    p.restartTimer = setTimeout(() => {
      if (!this.stopping) this.spawn(p);
    }, delay);
  }

  /** Forwards the signal to every child, SIGKILLs those still running after the timeout. */
  stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<number> {
    if (!this.stopping) {
      this.stopping = true;
      for (const p of this.procs) {
        if (p.restartTimer) clearTimeout(p.restartTimer);
        p.restartTimer = undefined;
        try {
          p.child?.kill(signal);
        } catch {
          /* already gone */
        }
      }
      const timeout = this.options.shutdownTimeoutMs ?? 15_000;
      this.killTimer = setTimeout(() => {
        for (const p of this.procs) {
          if (p.child) {
            this.options.log(`${p.spec.name} did not stop within ${timeout / 1000} s: killing it`);
            p.child.kill('SIGKILL');
          }
        }
      }, timeout);
      this.killTimer.unref();
      this.finishIfAllStopped();
    }
    return this.done;
  }

  private finishIfAllStopped(): void {
    if (this.procs.some((p) => p.child)) return;
    if (this.killTimer) clearTimeout(this.killTimer);
    this.resolveDone(this.exitCode);
  }
}
