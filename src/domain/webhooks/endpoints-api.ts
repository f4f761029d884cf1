import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { webhookDeliveries, webhookDeliveryAttempts, webhookEndpoints, webhookSigning } from '../../db/schema';
import { AppError } from '../../lib/errors';
import { decodeCursor, keyTime, pageOf, type Page } from '../publicapi/paging';
import { endpointMatches, LIVE_CHAT_EVENT_TYPES, WEBHOOK_EVENT_TYPES, type WebhookKind } from './catalog';
import { DELIVERY_STATUSES, targetOf, type WebhookService } from './service';
import { newStandardSecret, type WebhookFormat } from './standard';
import { rotateSecret, setFormat } from './signing';

/**
 * Webhook endpoints as the public API shows them (F16). A workspace has one endpoint per kind
 * (offline messages, live-chat events, chosen event types); its URL and switches live in the `webhook`
 * settings section, its secret and health in webhook_endpoints, its format in webhook_signing.
 */
export interface ApiEndpoint {
  id: string;
  kind: WebhookKind;
  url: string;
  enabled: boolean;
  eventTypes: string[];
  format: WebhookFormat;
  secretHint: string;
  secretRotatedAt: string;
  previousSecretValidUntil: string | null;
  disabledAt: string | null;
  disabledReason: string | null;
  failingSince: string | null;
  lastSuccessAt: string | null;
  createdAt: string;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function eventTypesOf(kind: WebhookKind, push: readonly string[]): string[] {
  if (kind === 'push') return [...push];
  if (kind === 'events') return [...LIVE_CHAT_EVENT_TYPES];
  return WEBHOOK_EVENT_TYPES.filter((t) => endpointMatches('offline', t, { offline: true }, []));
}

export class EndpointsApi {
  constructor(
    private readonly db: Db,
    private readonly webhooks: WebhookService,
  ) {}

  async list(workspaceId: string): Promise<ApiEndpoint[]> {
    const [{ value }, rows] = await Promise.all([
      this.webhooks.overview(workspaceId),
      this.db
        .select({ e: webhookEndpoints, format: webhookSigning.format, prevUntil: webhookSigning.previousSecretExpiresAt })
        .from(webhookEndpoints)
        .leftJoin(webhookSigning, eq(webhookSigning.endpointId, webhookEndpoints.id))
        .where(eq(webhookEndpoints.workspaceId, workspaceId))
        .orderBy(webhookEndpoints.createdAt, webhookEndpoints.id),
    ]);
    return rows
      .map(({ e, format, prevUntil }) => {
        const kind = e.kind as WebhookKind;
        const target = targetOf(value, kind);
        return {
          id: e.id,
          kind,
          url: target.url,
          enabled: target.enabled,
          eventTypes: eventTypesOf(kind, value.push.eventTypes),
          format: (format as WebhookFormat | null) ?? 'legacy',
          secretHint: `…${e.secret.slice(-4)}`,
          secretRotatedAt: e.secretRotatedAt.toISOString(),
          previousSecretValidUntil: prevUntil && prevUntil.getTime() > Date.now() ? prevUntil.toISOString() : null,
          disabledAt: iso(e.disabledAt),
          disabledReason: e.disabledReason,
          failingSince: iso(e.failingSince),
          lastSuccessAt: iso(e.lastSuccessAt),
          createdAt: e.createdAt.toISOString(),
        };
      })
      .filter((e) => e.url !== '');
  }

  async get(workspaceId: string, id: string): Promise<ApiEndpoint> {
    const found = (await this.list(workspaceId)).find((e) => e.id === id);
    if (!found) throw new AppError('not_found', 'Webhook endpoint not found');
    return found;
  }

  /**
   * Sets up the endpoint of a kind that has none (409 otherwise), in the Standard Webhooks format with a new
   * secret, returned this once.
   */
  async create(workspaceId: string, input: { kind: WebhookKind; url: string; enabled: boolean; eventTypes?: string[] }): Promise<{ endpoint: ApiEndpoint; secret: string }> {
    const value = await this.webhooks.overview(workspaceId);
    if (targetOf(value.value, input.kind).url) throw new AppError('conflict', `This workspace already has a ${input.kind} webhook endpoint; update or delete it`);
    const saved = await this.webhooks.saveTarget(workspaceId, null, input.kind, input, value.version);
    const endpointId = saved.endpoint.id;
    const secret = newStandardSecret();
    await this.db.transaction(async (tx) => {
      await tx.update(webhookEndpoints).set({ secret, secretRotatedAt: new Date() }).where(and(eq(webhookEndpoints.workspaceId, workspaceId), eq(webhookEndpoints.id, endpointId)));
      await tx
        .insert(webhookSigning)
        .values({ endpointId, workspaceId, format: 'standard' })
        .onConflictDoUpdate({ target: webhookSigning.endpointId, set: { format: 'standard', previousSecret: null, previousSecretExpiresAt: null, updatedAt: new Date() } });
    });
    return { endpoint: await this.get(workspaceId, endpointId), secret };
  }

  /** Changes URL, switch, event types (push) and/or format; switching to Standard returns a new secret. */
  async update(workspaceId: string, id: string, input: { url?: string; enabled?: boolean; eventTypes?: string[]; format?: WebhookFormat }): Promise<{ endpoint: ApiEndpoint; secret: string | null }> {
    const current = await this.get(workspaceId, id);
    if (input.url !== undefined || input.enabled !== undefined || input.eventTypes !== undefined) {
      await this.webhooks.saveTarget(workspaceId, null, current.kind, {
        url: input.url ?? current.url,
        enabled: input.enabled ?? current.enabled,
        eventTypes: current.kind === 'push' ? (input.eventTypes ?? current.eventTypes) : undefined,
      });
    }
    // `enabled: true` on an endpoint disabled after failures (or a 410) re-enables it.
    if (input.enabled === true && current.disabledAt) await this.webhooks.reenable(workspaceId, current.kind);
    const switched = input.format ? await setFormat(this.db, workspaceId, id, input.format) : { secret: null };
    return { endpoint: await this.get(workspaceId, id), secret: switched.secret };
  }

  /** Turns the kind off, clears its URL and removes the endpoint with its secret and delivery log. */
  async remove(workspaceId: string, id: string): Promise<void> {
    const current = await this.get(workspaceId, id);
    await this.webhooks.saveTarget(workspaceId, null, current.kind, { url: '', enabled: false, eventTypes: current.kind === 'push' ? [] : undefined });
    await this.db.delete(webhookEndpoints).where(and(eq(webhookEndpoints.workspaceId, workspaceId), eq(webhookEndpoints.id, id)));
  }

  async rotate(workspaceId: string, id: string): Promise<{ secret: string; previousSecretValidUntil: string | null }> {
    await this.get(workspaceId, id);
    const { secret, signing } = await rotateSecret(this.db, workspaceId, id);
    return { secret, previousSecretValidUntil: signing.previousSecretValidUntil };
  }

  async deliveries(workspaceId: string, id: string, f: { limit: number; cursor?: string; status?: string }) {
    await this.get(workspaceId, id);
    const after = decodeCursor(f.cursor);
    const rows = await this.db
      .select({ d: webhookDeliveries, at: keyTime(webhookDeliveries.createdAt) })
      .from(webhookDeliveries)
      .where(
        and(
          eq(webhookDeliveries.workspaceId, workspaceId),
          eq(webhookDeliveries.endpointId, id),
          f.status ? eq(webhookDeliveries.status, f.status) : undefined,
          after ? sql`(${webhookDeliveries.createdAt}, ${webhookDeliveries.id}) < (${after.at}::timestamptz, ${after.id}::uuid)` : undefined,
        ),
      )
      .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
      .limit(f.limit + 1);
    const page = pageOf(rows, f.limit, (r) => ({ at: r.at, id: r.d.id }), (r) => r.d);
    const attempts = page.data.length
      ? await this.db
          .select()
          .from(webhookDeliveryAttempts)
          .where(and(eq(webhookDeliveryAttempts.workspaceId, workspaceId), inArray(webhookDeliveryAttempts.deliveryId, page.data.map((d) => d.id))))
          .orderBy(webhookDeliveryAttempts.attempt)
      : [];
    return {
      ...page,
      data: page.data.map((d) => ({
        id: d.id,
        eventType: d.eventType,
        conversationId: d.conversationId,
        status: d.status as (typeof DELIVERY_STATUSES)[number],
        attempts: d.attempts,
        lastStatusCode: d.lastStatusCode,
        lastError: d.lastError,
        nextAttemptAt: iso(d.nextAttemptAt),
        createdAt: d.createdAt.toISOString(),
        completedAt: iso(d.completedAt),
        attemptLog: attempts
          .filter((a) => a.deliveryId === d.id)
          .map((a) => ({ attempt: a.attempt, statusCode: a.statusCode, error: a.error, latencyMs: a.latencyMs, createdAt: a.createdAt.toISOString() })),
      })),
    } satisfies Page<unknown>;
  }
}
