import type { Queue } from 'bullmq';
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { withTimeout } from '../lib/dependencies';
import { addMetricsSource, metrics } from '../lib/metrics';

/** Worker figures read on scrape: webhook relay lag and open deliveries (PostgreSQL), BullMQ job counts. */
export function registerWorkerMetrics(db: Db, queues: Queue[]): () => void {
  return addMetricsSource(async () => {
    const [lag] = await Promise.allSettled([
      withTimeout(
        db.execute<{ lag: number | null; open: number }>(sql`
          select extract(epoch from now() - (select min(created_at) from outbox where relayed_at is null))::float8 as lag,
                 (select count(*)::int from webhook_deliveries where status in ('pending', 'in_flight', 'retrying')) as open`),
        2_000,
        'database',
      ),
      ...queues.map(async (queue) => {
        const counts = await withTimeout(queue.getJobCounts('waiting', 'active', 'delayed', 'failed'), 2_000, 'redis');
        for (const [state, count] of Object.entries(counts)) metrics.jobs.set({ queue: queue.name, state }, count);
      }),
    ]);
    if (lag.status === 'fulfilled') {
      metrics.webhookLag.set(Number(lag.value.rows[0]?.lag ?? 0));
      metrics.webhookOpen.set(Number(lag.value.rows[0]?.open ?? 0));
    }
  });
}
