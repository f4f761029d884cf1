import { afterEach, describe, expect, it, vi } from 'vitest';
import { GroupCommitter } from '../../src/db/group-commit';

/** A writer that records each batch and resolves it when told (a commit in flight). */
function recordingWriter() {
  const batches: string[][] = [];
  const pending: (() => void)[] = [];
  const write = (items: string[]) =>
    new Promise<string[]>((resolve) => {
      batches.push([...items]);
      pending.push(() => resolve(items.map((i) => `ok:${i}`)));
    });
  const commitNext = async () => {
    pending.shift()?.();
    await vi.advanceTimersByTimeAsync(0);
  };
  return { batches, write, commitNext };
}

describe('GroupCommitter', () => {
  afterEach(() => vi.useRealTimers());

  it('writes an idle lane’s item at once and what queued meanwhile as one batch, in order', async () => {
    vi.useFakeTimers();
    const w = recordingWriter();
    const gc = new GroupCommitter(w.write, { lanes: 1, maxBatch: 100 });
    const results = ['a', 'b', 'c'].map((i) => gc.submit('conv', i));
    expect(w.batches).toEqual([['a']]);
    await w.commitNext();
    expect(w.batches).toEqual([['a'], ['b', 'c']]);
    await w.commitNext();
    expect(await Promise.all(results)).toEqual(['ok:a', 'ok:b', 'ok:c']);
  });

  it('with waitMs, an idle lane holds its first item until the wait ends, then writes the group together', async () => {
    vi.useFakeTimers();
    const w = recordingWriter();
    const gc = new GroupCommitter(w.write, { lanes: 1, maxBatch: 100, waitMs: 2 });
    const results = ['a', 'b'].map((i) => gc.submit('conv', i));
    expect(w.batches).toEqual([]);
    await vi.advanceTimersByTimeAsync(2);
    expect(w.batches).toEqual([['a', 'b']]);
    // Items arriving while the lane is busy follow right after the commit (they have waited already).
    const late = gc.submit('conv', 'c');
    await w.commitNext();
    expect(w.batches).toEqual([['a', 'b'], ['c']]);
    await w.commitNext();
    expect(await Promise.all([...results, late])).toEqual(['ok:a', 'ok:b', 'ok:c']);
  });

  it('with waitMs, a full batch is written without waiting', async () => {
    vi.useFakeTimers();
    const w = recordingWriter();
    const gc = new GroupCommitter(w.write, { lanes: 1, maxBatch: 2, waitMs: 50 });
    void gc.submit('conv', 'a');
    void gc.submit('conv', 'b');
    expect(w.batches).toEqual([['a', 'b']]);
  });

  it('retries a failed batch item by item, so only the bad item fails', async () => {
    let first = true;
    const gc = new GroupCommitter(
      async (items: string[]) => {
        if (first || items.includes('bad')) {
          first = false;
          throw new Error('batch failed');
        }
        return items.map((i) => `ok:${i}`);
      },
      { lanes: 1, maxBatch: 100, waitMs: 1 },
    );
    const outcomes = await Promise.allSettled(['a', 'bad', 'c'].map((i) => gc.submit('conv', i)));
    expect(outcomes.map((o) => (o.status === 'fulfilled' ? o.value : 'rejected'))).toEqual(['ok:a', 'rejected', 'ok:c']);
  });
});
