/**
 * Where a paced webhook's commit -> 2xx time goes (issue 27), stage by stage, from timestamps the pipeline
 * already leaves behind: the emitter's commit, `outbox.relayed_at` (now() of the relay transaction that
 * claimed the row), the BullMQ job hash (`timestamp` = added after the relay's commit, `processedOn` = the
 * last move to active, `ats` = times started: > 1 means the job stepped aside for order or a slot), the
 * sink's request arrival and 2xx, and `webhook_deliveries.completed_at` (marked delivered).
 * Read after the run, so measuring adds no work on the measured path.
 */
import { sql } from 'drizzle-orm';
import type { Redis } from 'ioredis';
import type { Db } from '../src/db/client';

export interface SinkRecord {
  /** The request's headers arrived at the sink. */
  requestAt: number;
  /** The sink answered 200. */
  okAt: number;
  /** BullMQ job id of the request (= its first delivery id). */
  jobId: string;
  eventId: string;
}

const ms = (v: Date | string | null) => (v === null ? null : new Date(v).getTime());

function stats(values: number[]) {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  const at = (q: number) => (sorted.length ? Math.round(sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] * 10) / 10 : null);
  return { p50: at(0.5), p99: at(0.99), max: at(1) };
}

export async function webhookStages(db: Db, redis: Redis, jobKeyPrefix: string, committedAt: Map<string, number>, sink: Map<string, SinkRecord>) {
  const { rows } = await db.execute<{ id: string; message_id: string; relayed_at: Date | string | null; completed_at: Date | string | null }>(sql`
    select o.id, o.payload->>'messageId' as message_id, o.relayed_at, d.completed_at
    from outbox o left join webhook_deliveries d on d.outbox_id = o.id
    where o.payload->>'messageId' = any(${sql.param([...committedAt.keys()])}::text[])`);
  const jobIds = [...new Set([...sink.values()].map((s) => s.jobId))];
  const pipeline = redis.pipeline();
  for (const id of jobIds) pipeline.hmget(`${jobKeyPrefix}:${id}`, 'timestamp', 'processedOn', 'ats');
  const answers = (await pipeline.exec()) ?? [];
  const jobs = new Map(jobIds.map((id, i) => [id, ((answers[i]?.[1] as (string | null)[]) ?? []).map((v) => (v === null ? NaN : Number(v)))]));

  const stage: Record<string, number[]> = { commitToClaim: [], claimToJobAdded: [], jobAddedToActive: [], activeToRequest: [], requestTo2xx: [], commitTo2xx: [], twoxxToMarked: [] };
  let steppedAside = 0;
  let counted = 0;
  for (const row of rows) {
    const committed = committedAt.get(row.message_id);
    const seen = sink.get(String(row.id));
    const claimed = ms(row.relayed_at);
    if (committed === undefined || !seen || claimed === null) continue;
    const [added, active, started] = jobs.get(seen.jobId) ?? [];
    counted++;
    if (started > 1) steppedAside++;
    // The relay's now() is its transaction's start, which can precede the commit it then reads (read committed).
    stage.commitToClaim.push(Math.max(0, claimed - committed));
    stage.claimToJobAdded.push(added - Math.max(claimed, committed));
    stage.jobAddedToActive.push(active - added);
    stage.activeToRequest.push(seen.requestAt - active);
    stage.requestTo2xx.push(seen.okAt - seen.requestAt);
    stage.commitTo2xx.push(Math.max(0, seen.okAt - committed));
    const marked = ms(row.completed_at);
    if (marked !== null) stage.twoxxToMarked.push(marked - seen.okAt);
  }
  return {
    events: counted,
    /** Share of events whose job went back to the delayed set at least once (order per conversation, endpoint slots). */
    steppedAsideShare: counted ? Math.round((steppedAside / counted) * 1000) / 1000 : null,
    stagesMs: Object.fromEntries(Object.entries(stage).map(([k, v]) => [k, stats(v)])),
  };
}
