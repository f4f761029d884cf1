import { GroupCommitEnv } from '../lib/env';

interface Job<I, R> {
  item: I;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

interface Lane<I, R> {
  waiting: Job<I, R>[];
  busy: boolean;
  timer: ReturnType<typeof setTimeout> | null;
}

export interface GroupCommitOptions {
  /** Lanes committing in parallel; each holds at most one pooled connection. */
  lanes: number;
  /** Most items committed together. */
  maxBatch: number;
  /** How long an IDLE lane holds its first item for others to join its batch (0: written at once). */
  waitMs?: number;
}

/** The message path's settings (GROUP_COMMIT_* in lib/env.ts; chosen on the relay bench, docs/performance.md). */
export function groupCommitOptionsFromEnv(): GroupCommitOptions {
  // Only these variables: the cached env() would freeze DATABASE_URL before a test sets it, and loadEnv()
  // would refuse a process whose other variables are not (yet) valid.
  const e = GroupCommitEnv.parse(process.env);
  return { lanes: e.GROUP_COMMIT_LANES, maxBatch: e.GROUP_COMMIT_MAX_BATCH, waitMs: e.GROUP_COMMIT_WAIT_MS };
}

/**
 * Explicit group commit for hot writes (chat messages). Every commit waits for a WAL flush (~2 ms, with
 * spikes, on our disks), so one transaction per message makes the flush, not the CPU, the limit, and
 * slow flushes back writes up behind the connection pool.
 *
 * Items go to a lane chosen by a key (the conversation). A lane commits one batch at a time: an idle lane
 * writes an item at once (no added latency at light load), or after `waitMs` if set; items arriving while
 * it is busy are written together by its next batch, which `writeBatch` does in ONE statement (one round trip, one flush).
 * Keying by conversation keeps a conversation's items in one lane, in submission order, so a batch
 * never waits on a row lock held by another lane. A batch that fails is retried item by item, so one
 * failing item never fails the others. An item resolves only after its batch committed.
 */
export class GroupCommitter<I, R> {
  private readonly lanes: Lane<I, R>[];

  constructor(
    private readonly writeBatch: (items: I[]) => Promise<R[]>,
    private readonly options: GroupCommitOptions = groupCommitOptionsFromEnv(),
  ) {
    this.lanes = Array.from({ length: options.lanes }, () => ({ waiting: [], busy: false, timer: null }));
  }

  submit(key: string, item: I): Promise<R> {
    const lane = this.lanes[laneIndex(key, this.lanes.length)];
    return new Promise((resolve, reject) => {
      lane.waiting.push({ item, resolve, reject });
      this.pump(lane);
    });
  }

  private pump(lane: Lane<I, R>): void {
    if (lane.busy || !lane.waiting.length) return;
    const waitMs = this.options.waitMs ?? 0;
    if (waitMs > 0 && lane.waiting.length < this.options.maxBatch) {
      lane.timer ??= setTimeout(() => this.flush(lane), waitMs);
      return;
    }
    this.flush(lane);
  }

  /** Writes the lane's next batch; what arrived meanwhile follows at once (it has already waited). */
  private flush(lane: Lane<I, R>): void {
    if (lane.timer) clearTimeout(lane.timer);
    lane.timer = null;
    if (lane.busy || !lane.waiting.length) return;
    lane.busy = true;
    const batch = lane.waiting.splice(0, this.options.maxBatch);
    void this.commit(batch).finally(() => {
      lane.busy = false;
      this.flush(lane);
    });
  }

  private async commit(batch: Job<I, R>[]): Promise<void> {
    try {
      const results = await this.writeBatch(batch.map((job) => job.item));
      batch.forEach((job, i) => job.resolve(results[i]));
    } catch (error) {
      if (batch.length === 1) {
        batch[0].reject(error);
        return;
      }
      // Nothing of the batch was committed: write each item alone, in order, so a bad one fails by itself.
      for (const job of batch) {
        try {
          job.resolve((await this.writeBatch([job.item]))[0]);
        } catch (itemError) {
          job.reject(itemError);
        }
      }
    }
  }
}

/** FNV-1a over the key: stable and cheap. */
function laneIndex(key: string, lanes: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % lanes;
}
