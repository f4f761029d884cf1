import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { webhookDeliveries, webhookDeliveryAttempts, webhookEndpoints } from '../../db/schema';
import type { AttemptResult } from './http';

/** Statuses after which a delivery is never attempted again. */
export const FINAL_STATUSES = ['succeeded', 'failed', 'cancelled'] as const;

/** One attempt for several deliveries of one endpoint (one request): attempt rows and delivery states. */
export async function recordBatchAttempt(
  db: Db,
  deliveries: { id: string; workspaceId: string; attempt: number }[],
  url: string,
  result: AttemptResult,
  next: { status: string; nextAttemptAt: Date | null },
): Promise<void> {
  const final = (FINAL_STATUSES as readonly string[]).includes(next.status);
  await db.execute(sql`
    with t as (select * from unnest(${sql.param(deliveries.map((d) => d.id))}::uuid[], ${sql.param(deliveries.map((d) => d.workspaceId))}::uuid[],
        ${sql.param(deliveries.map((d) => d.attempt))}::int[]) as t(id, workspace_id, attempt)),
    a as (
      insert into ${webhookDeliveryAttempts} (delivery_id, workspace_id, attempt, url, status_code, error, latency_ms, response_excerpt)
      select t.id, t.workspace_id, t.attempt, ${url}, ${result.statusCode}, ${result.error}, ${result.latencyMs}, ${result.responseExcerpt} from t
    )
    update ${webhookDeliveries} d set status = ${next.status}, last_status_code = ${result.statusCode}, last_error = ${result.error},
      last_latency_ms = ${result.latencyMs}, response_excerpt = ${result.responseExcerpt}, next_attempt_at = ${next.nextAttemptAt?.toISOString() ?? null}::timestamptz,
      updated_at = now(), completed_at = case when ${final}::boolean then now() else null end
    from t where d.id = t.id`);
}

/** Records one attempt of a delivery (attempt row + the delivery's last-attempt columns) in one statement. */
export function recordAttempt(
  db: Db,
  delivery: { id: string; workspaceId: string },
  attempt: number,
  url: string,
  result: AttemptResult,
  next: { status: string; nextAttemptAt: Date | null },
): Promise<void> {
  return recordBatchAttempt(db, [{ ...delivery, attempt }], url, result, next);
}

/**
 * Endpoint health after an attempt: a success clears the failure run; a failure starts or extends it and
 * disables the endpoint once it has lasted `autoDisableAfterMinutes`. Returns the reason when it disabled it.
 */
export async function recordEndpointHealth(db: Db, endpointId: string, result: AttemptResult, autoDisableAfterMinutes: number): Promise<string | null> {
  const ok = result.statusCode !== null && result.statusCode >= 200 && result.statusCode < 300;
  if (ok) {
    await db.update(webhookEndpoints).set({ failingSince: null, lastError: null, lastSuccessAt: new Date() }).where(eq(webhookEndpoints.id, endpointId));
    return null;
  }
  const describe = result.statusCode !== null ? `HTTP ${result.statusCode}` : (result.error ?? 'network error');
  const { rows } = await db.execute<{ disabled_reason: string | null }>(sql`
    update ${webhookEndpoints} set
      failing_since = coalesce(failing_since, now()),
      last_error = ${describe},
      disabled_at = case when disabled_at is null and coalesce(failing_since, now()) <= now() - make_interval(mins => ${autoDisableAfterMinutes}) then now() else disabled_at end,
      disabled_reason = case when disabled_at is null and coalesce(failing_since, now()) <= now() - make_interval(mins => ${autoDisableAfterMinutes})
        then 'Disabled automatically: every delivery failed for more than ' || ${autoDisableAfterMinutes}::text || ' minutes (failing since ' ||
          to_char(coalesce(failing_since, now()) at time zone 'UTC', 'YYYY-MM-DD HH24:MI') || ' UTC). Last error: ' || ${describe}
        else disabled_reason end
    where id = ${endpointId}
    returning case when disabled_at is not null and disabled_at >= now() then disabled_reason end as disabled_reason`);
  return rows[0]?.disabled_reason ?? null;
}

/** A receiver answered 410 Gone: the endpoint is disabled at once (deliveries stop until an admin re-enables it). */
export async function disableGone(db: Db, endpointId: string): Promise<string> {
  const reason = 'Disabled: the receiver answered 410 Gone (it no longer accepts these webhooks)';
  await db
    .update(webhookEndpoints)
    .set({ disabledAt: new Date(), disabledReason: reason, lastError: 'HTTP 410', failingSince: sql`coalesce(${webhookEndpoints.failingSince}, now())` })
    .where(eq(webhookEndpoints.id, endpointId));
  return reason;
}
