import { describe, expect, it } from 'vitest';
import { Supervisor, type ProcSpec } from '../../scripts/supervisor';

function supervise(table: ProcSpec[], crashLoop = { max: 3, windowMs: 60_000 }) {
  const logs: string[] = [];
  const supervisor = new Supervisor(table, {
    cwd: process.cwd(),
    env: process.env,
    log: (m) => logs.push(m),
    output: () => {},
    crashLoop,
    backoffMs: 20,
    shutdownTimeoutMs: 5_000,
  }).start();
  return { supervisor, logs };
}

const node = (code: string): Pick<ProcSpec, 'command' | 'args'> => ({ command: process.execPath, args: ['-e', code] });

async function until(check: () => boolean, what: string) {
  const deadline = Date.now() + 30_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('npm start supervisor', () => {
  it('restarts a child killed with SIGKILL and stops everything on SIGTERM with code 0', async () => {
    const { supervisor, logs } = supervise([
      { name: 'server', color: 35, ...node('setInterval(() => {}, 1000)') },
      { name: 'other', color: 33, ...node('setInterval(() => {}, 1000)') },
    ]);
    await until(() => !!supervisor.pid('server') && !!supervisor.pid('other'), 'children');
    const first = supervisor.pid('server')!;
    const other = supervisor.pid('other');
    process.kill(first, 'SIGKILL');
    await until(() => supervisor.restarts('server') === 1 && !!supervisor.pid('server'), 'restart');
    expect(supervisor.pid('server')).not.toBe(first);
    expect(supervisor.pid('other')).toBe(other); // the others keep running
    expect(logs.some((l) => l.includes('server was killed by SIGKILL; restarting'))).toBe(true);
    expect(await supervisor.stop('SIGTERM')).toBe(0);
  }, 60_000);

  it('gives up with code 1 when a child crash-loops', async () => {
    const { supervisor, logs } = supervise([
      { name: 'broken', color: 31, ...node('process.exit(3)') },
      { name: 'fine', color: 32, ...node('setInterval(() => {}, 1000)') },
    ]);
    expect(await supervisor.done).toBe(1);
    expect(supervisor.restarts('broken')).toBe(2);
    expect(logs.some((l) => l.includes('broken exited with code 3; it stopped 3 times within 60 s') && l.includes('giving up'))).toBe(true);
    expect(supervisor.pid('fine')).toBeUndefined();
  }, 60_000);
});
