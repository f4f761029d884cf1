import { afterEach, describe, expect, it, vi } from 'vitest';
import { PreviewThrottle } from '../../src/domain/sneakpeek/throttle';

afterEach(() => vi.useRealTimers());

describe('PreviewThrottle', () => {
  it('sends the first update at once, then at most one per interval with the latest text', () => {
    vi.useFakeTimers();
    const sent: string[] = [];
    const t = new PreviewThrottle(250, (x) => sent.push(x), () => Date.now());
    t.push('H');
    t.push('He');
    t.push('Hel');
    expect(sent).toEqual(['H']);
    vi.advanceTimersByTime(249);
    expect(sent).toEqual(['H']);
    vi.advanceTimersByTime(1);
    expect(sent).toEqual(['H', 'Hel']);
    for (const x of ['Hell', 'Hello', '']) t.push(x);
    vi.advanceTimersByTime(250);
    expect(sent).toEqual(['H', 'Hel', '']);
    vi.advanceTimersByTime(1000);
    expect(sent).toHaveLength(3);
  });
  it('drops a waiting update when disposed', () => {
    vi.useFakeTimers();
    const sent: string[] = [];
    const t = new PreviewThrottle(250, (x) => sent.push(x), () => Date.now());
    t.push('a');
    t.push('ab');
    t.dispose();
    vi.advanceTimersByTime(1000);
    expect(sent).toEqual(['a']);
  });
});
