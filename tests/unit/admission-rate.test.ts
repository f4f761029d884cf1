import { describe, expect, it } from 'vitest';
import { AdmissionRate } from '../../src/realtime/limits';

describe('AdmissionRate (per-node visitor handshakes)', () => {
  it('admits one second of burst, then refills at the rate; refusals carry a retry delay', () => {
    const rate = new AdmissionRate(10);
    const t0 = Date.now();
    for (let i = 0; i < 10; i++) expect(rate.admit(t0)).toBeNull();
    const refused = rate.admit(t0) as Error & { data: { retryAfterSeconds: number } };
    expect(refused.message).toMatch(/^rate_limited: /);
    expect(refused.data.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(refused.data.retryAfterSeconds).toBeLessThanOrEqual(2);
    expect(rate.admit(t0 + 100)).toBeNull(); // 100 ms at 10/s: one more
    expect(rate.admit(t0 + 100)).not.toBeNull();
  });

  it('spreads the retries of a large refused backlog over more seconds', () => {
    const rate = new AdmissionRate(10);
    const t0 = Date.now();
    for (let i = 0; i < 10; i++) rate.admit(t0);
    const delays = Array.from({ length: 200 }, () => (rate.admit(t0) as Error & { data: { retryAfterSeconds: number } }).data.retryAfterSeconds);
    expect(Math.max(...delays)).toBeGreaterThan(10);
    expect(Math.max(...delays)).toBeLessThanOrEqual(30);
  });
});
