import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

/**
 * A REAL worker process (`tsx src/worker/main.ts`) against a test database and Redis prefix. Resolves
 * once it logged "worker started"; `kill()` sends SIGKILL (a crash, no cleanup), `stop()` SIGTERM.
 */
export interface WorkerProcess {
  child: ChildProcess;
  kill(): Promise<void>;
  stop(): Promise<void>;
}

export async function spawnWorker(env: { databaseUrl: string; redisUrl: string; redisPrefix: string; extra?: Record<string, string> }): Promise<WorkerProcess> {
  // Node itself with the tsx loader (not the tsx CLI, which runs the worker in a second process that a
  // SIGKILL of the wrapper would leave running): kill() really kills the worker.
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/worker/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, ...env.extra, DATABASE_URL: env.databaseUrl, REDIS_URL: env.redisUrl, REDIS_PREFIX: env.redisPrefix, LOG_LEVEL: 'info', NODE_ENV: 'test' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker did not start:\n${output}`)), 90_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('worker started')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`worker exited with ${code}:\n${output}`));
    });
  });
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  return {
    child,
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
