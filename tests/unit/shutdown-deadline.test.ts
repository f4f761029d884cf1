import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

/** A graceful shutdown that hangs still ends the process, saying where it hung (realtime and worker main). */
describe('shutdownDeadline', () => {
  it('exits with 1 after the deadline and logs the stage it was in', () => {
    const script = `import { shutdownDeadline } from './src/lib/process-guard.ts';
      shutdownDeadline('test', () => 'waiting forever', 300);
      setInterval(() => {}, 1000); // a shutdown step that never finishes`;
    const started = Date.now();
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: process.cwd(), encoding: 'utf8', timeout: 15_000, env: { ...process.env, LOG_LEVEL: 'info' } });
    expect(run.status).toBe(1);
    expect(`${run.stdout}${run.stderr}`).toContain('waiting forever');
    expect(Date.now() - started).toBeLessThan(14_000);
  });
});
