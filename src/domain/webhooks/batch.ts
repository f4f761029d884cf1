export { recordBatchAttempt } from './attempts';

/**
 * Batched delivery (setting `webhook.delivery.batchMax` > 1): the relay groups one pass's deliveries per
 * endpoint, in event order, into jobs of up to `batchMax`; the worker POSTs each job as one signed JSON
 * array and records the outcome for all of its deliveries with one statement.
 */

/**
 * Batches of one endpoint are spread over this many lanes by conversation: a batch waits for earlier events
 * of its own conversations only (order per conversation), so batches of different lanes go out in parallel
 * (up to the endpoint's `maxConcurrency`) instead of each batch waiting for the previous one.
 */
export const BATCH_LANES = 8;

export function batchLane(conversationId: string | null | undefined): number {
  if (!conversationId) return 0;
  let h = 0;
  for (let i = 0; i < conversationId.length; i++) h = (h * 31 + conversationId.charCodeAt(i)) | 0;
  return Math.abs(h) % BATCH_LANES;
}

/** Runs of up to `max` items per key (max from the run's first item), each keeping the input order (= event order). */
export function chunkPerKey<T>(items: T[], key: (item: T) => string, max: (first: T) => number): T[][] {
  const open = new Map<string, T[]>();
  const chunks: T[][] = [];
  for (const item of items) {
    let chunk = open.get(key(item));
    if (!chunk || chunk.length >= max(chunk[0] ?? item)) {
      chunk = [];
      open.set(key(item), chunk);
      chunks.push(chunk);
    }
    chunk.push(item);
  }
  return chunks;
}
