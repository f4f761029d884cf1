import type { Queue } from 'bullmq';
import { and, inArray, isNull, sql } from 'drizzle-orm';
import type { Redis } from 'ioredis';
import type { Db } from '../db/client';
import { webhookDeliveries, webhookEndpoints } from '../db/schema';
import type { SettingsService } from '../domain/settings/service';
import { batchLane, chunkPerKey } from '../domain/webhooks/batch';
import { endpointMatches, type WebhookKind } from '../domain/webhooks/events';
import { deliveryIdFor, targetOf, type WebhookSettingsValue } from '../domain/webhooks/service';
import { dependencyDown, isUnavailableError } from '../lib/dependencies';
import { logger } from '../lib/logger';
import { listenForOutbox } from './outbox-listener';

/** While LISTEN/NOTIFY is up the outbox is still polled, this many times less often (lost notifications). */
const FALLBACK_POLL_FACTOR = 20;
/** Shortest time between two relay passes: a burst of commits costs one relay transaction per gap, not one each. */
const MIN_RELAY_GAP_MS = 25;
/**
 * Catch-up after a crash (issue 22, docs/reliability.md "Webhook catch-up"): how often the sweep looks for
 * open deliveries without a job (a worker killed between the relay's commit and its `addBulk`), and how old
 * such a row must be (the relay adds its jobs milliseconds after the commit). The first sweep runs when the
 * worker starts, so a restarted worker finds what its predecessor lost at once.
 */
export const SWEEP_EVERY_MS = 5_000;
const SWEEP_MIN_AGE_SECONDS = 5;
/** Open deliveries examined per sweep; a cursor walks through a longer backlog over the following sweeps. */
const SWEEP_PAGE = 2_000;
/** Relayed outbox rows are kept a week for inspection; deleted this often. */
const OUTBOX_PRUNE_EVERY_MS = 10 * 60_000;

export interface WebhookJob {
  deliveryId: string;
  /** Batched delivery (`delivery.batchMax` > 1): every delivery of the request, one endpoint, event order. */
  deliveryIds?: string[];
}

export const DELIVERY_JOB_OPTIONS = { removeOnComplete: { age: 3600, count: 10_000 }, removeOnFail: { age: 86_400 }, attempts: 3, backoff: { type: 'exponential', delay: 1000 } } as const;

interface OutboxRow extends Record<string, unknown> {
  id: string | number;
  workspace_id: string;
  type: string;
  conversation_id: string | null;
  seq: number | null;
  payload: Record<string, unknown>;
  created_at: Date | string;
}

export interface OutboxRelay {
  /** Relays one batch now (tests, benchmarks); returns how many outbox events it relayed. */
  relayOnce(): Promise<number>;
  close(): Promise<void>;
}

/**
 * The relay, woken by LISTEN/NOTIFY at each outbox commit (polling as the fallback), moves committed outbox
 * events to BullMQ: `FOR UPDATE SKIP LOCKED` batches (several workers share the work), one delivery row per
 * matching endpoint with a deterministic id, marked relayed in the same transaction; jobs are added after
 * the commit (a crash in between is repaired by the sweep, which re-adds jobs of open deliveries; duplicate
 * job ids are ignored by BullMQ). Delivery itself is `webhooks.ts`.
 */
export function startOutboxRelay(db: Db, redis: Redis, queue: Queue<WebhookJob>, settings: SettingsService, config: { pollMs: number; relayBatch?: number }): OutboxRelay {
  const batchSize = config.relayBatch ?? 500;

  async function relayOnce(): Promise<number> {
    const result = await db.transaction(async (tx) => {
      // Claimed and marked relayed in one statement (one round trip fewer on the commit -> 2xx path); the
      // transaction still inserts the deliveries, so a failed pass leaves the rows unrelayed.
      const { rows: claimed } = await tx.execute<OutboxRow>(sql`
        update outbox set relayed_at = now()
        where id in (select id from outbox where relayed_at is null order by id limit ${batchSize} for update skip locked)
        returning id, workspace_id, type, conversation_id, seq, payload, created_at`);
      const rows = claimed.sort((a, b) => Number(a.id) - Number(b.id));
      if (!rows.length) return { relayed: 0, jobs: [] as { ids: string[]; type: string; batched: boolean }[] };
      const workspaceIds = [...new Set(rows.map((r) => r.workspace_id))];
      const endpoints = await tx
        .select({ id: webhookEndpoints.id, workspaceId: webhookEndpoints.workspaceId, kind: webhookEndpoints.kind })
        .from(webhookEndpoints)
        .where(and(inArray(webhookEndpoints.workspaceId, workspaceIds), isNull(webhookEndpoints.disabledAt)));
      const config = new Map<string, WebhookSettingsValue>();
      for (const ws of new Set(endpoints.map((e) => e.workspaceId))) config.set(ws, await settings.value(ws, 'webhook'));
      const deliveries: (typeof webhookDeliveries.$inferInsert)[] = [];
      for (const row of rows) {
        for (const endpoint of endpoints) {
          if (endpoint.workspaceId !== row.workspace_id) continue;
          const value = config.get(endpoint.workspaceId)!;
          const kind = endpoint.kind as WebhookKind;
          const target = targetOf(value, kind);
          if (!target.enabled || !target.url || !endpointMatches(kind, row.type, row.payload, value.push.eventTypes)) continue;
          deliveries.push({
            id: deliveryIdFor(Number(row.id), endpoint.id),
            workspaceId: row.workspace_id,
            endpointId: endpoint.id,
            outboxId: Number(row.id),
            eventType: row.type,
            conversationId: row.conversation_id,
            seq: row.seq,
            createdAt: new Date(row.created_at),
            updatedAt: new Date(),
          });
        }
      }
      if (deliveries.length) await tx.insert(webhookDeliveries).values(deliveries).onConflictDoNothing();
      // One job per delivery, or per run of up to `batchMax` deliveries of an endpoint (batched receivers).
      const batchMax = (d: (typeof deliveries)[number]) => config.get(d.workspaceId)!.delivery.batchMax;
      const single = deliveries.filter((d) => batchMax(d) <= 1).map((d) => [d]);
      const batched = chunkPerKey(deliveries.filter((d) => batchMax(d) > 1), (d) => `${d.endpointId}:${batchLane(d.conversationId)}`, batchMax);
      const jobs = [...single, ...batched].map((group) => ({ ids: group.map((d) => d.id!), type: group.length > 1 ? 'batch' : group[0].eventType, batched: batchMax(group[0]) > 1 }));
      return { relayed: rows.length, jobs };
    });
    if (result.jobs.length) {
      await queue.addBulk(
        result.jobs.map((j) => ({ name: j.type, data: j.batched ? { deliveryId: j.ids[0], deliveryIds: j.ids } : { deliveryId: j.ids[0] }, opts: { ...DELIVERY_JOB_OPTIONS, jobId: j.ids[0] } })),
      );
    }
    return result.relayed;
  }

  /**
   * Open deliveries whose job was lost (crash between commit and enqueue, or a job that failed unexpectedly):
   * re-added under their delivery id. Re-adding is always safe: BullMQ ignores an existing job id, and a job
   * of a delivery that meanwhile finished is skipped by the processor (it re-reads the status). One pipelined
   * round trip checks the jobs of a whole page.
   */
  let cursor: { at: Date; id: string } | null = null;
  async function sweep(): Promise<number> {
    const after = cursor;
    const { rows } = await db.execute<{ id: string; event_type: string; updated_at: Date | string }>(sql`
      select id, event_type, updated_at from ${webhookDeliveries}
      where status in ('pending', 'in_flight', 'retrying') and updated_at < now() - make_interval(secs => ${SWEEP_MIN_AGE_SECONDS})
        and (next_attempt_at is null or next_attempt_at < now() - make_interval(secs => ${SWEEP_MIN_AGE_SECONDS}))
        ${after ? sql`and (updated_at, id) > (${after.at.toISOString()}::timestamptz, ${after.id}::uuid)` : sql``}
      order by updated_at, id
      limit ${SWEEP_PAGE}`);
    const last = rows[rows.length - 1];
    cursor = rows.length === SWEEP_PAGE ? { at: new Date(last.updated_at), id: last.id } : null;
    if (!rows.length) return 0;
    const pipeline = redis.pipeline();
    for (const row of rows) pipeline.exists(queue.toKey(row.id)).zscore(queue.keys.failed, row.id);
    const answers = (await pipeline.exec()) ?? [];
    let repaired = 0;
    for (const [i, row] of rows.entries()) {
      const exists = Number(answers[2 * i]?.[1] ?? 1) > 0;
      const failed = answers[2 * i + 1]?.[1] !== null && answers[2 * i + 1]?.[1] !== undefined;
      if (!exists) await queue.add(row.event_type, { deliveryId: row.id }, { ...DELIVERY_JOB_OPTIONS, jobId: row.id });
      else if (failed) await (await queue.getJob(row.id))?.retry();
      if (!exists || failed) repaired++;
    }
    if (repaired) logger.info({ repaired }, 'webhook sweep re-queued deliveries whose job was lost');
    return repaired;
  }

  let stopped = false;
  let wake: (() => void) | null = null;
  // Woken by LISTEN/NOTIFY at outbox commits; `notified` keeps a wake-up that arrives mid-relay.
  let notified = false;
  const listener = listenForOutbox(db.$client, () => {
    notified = true;
    wake?.();
  });
  const loop = (async () => {
    let lastSweep = 0;
    let lastPrune = 0;
    let lastRelay = 0;
    while (!stopped) {
      // Commits arriving close together are relayed together: at most one relay per MIN_RELAY_GAP_MS.
      const gap = lastRelay + MIN_RELAY_GAP_MS - Date.now();
      if (gap > 0) await new Promise((resolve) => setTimeout(resolve, gap));
      lastRelay = Date.now();
      let relayed = 0;
      notified = false;
      try {
        relayed = await relayOnce();
        if (Date.now() - lastSweep >= SWEEP_EVERY_MS) {
          lastSweep = Date.now();
          await sweep();
        }
        if (Date.now() - lastPrune >= OUTBOX_PRUNE_EVERY_MS) {
          lastPrune = Date.now();
          await db.execute(sql`delete from outbox where relayed_at < now() - interval '7 days'`);
        }
      } catch (error) {
        // An outage is logged once (dependency state); anything else every time.
        if (!stopped && isUnavailableError(error)) dependencyDown('database', error);
        else if (!stopped) logger.error({ err: error }, 'webhook relay failed');
      }
      if (relayed >= batchSize || notified || stopped) continue;
      await new Promise<void>((resolve) => {
        // Polling is the fallback: rare while the listener is up.
        const poll = listener.listening ? config.pollMs * FALLBACK_POLL_FACTOR : config.pollMs;
        const timer = setTimeout(resolve, Math.max(0, Math.min(poll, lastSweep + SWEEP_EVERY_MS - Date.now())));
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = null;
    }
  })();


  return {
    relayOnce,
    async close() {
      stopped = true;
      wake?.();
      await loop;
      await listener.close();
    },
  };
}
