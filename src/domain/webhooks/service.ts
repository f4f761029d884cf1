import { createHash, randomUUID } from 'node:crypto';
import { and, count, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { webhookDeliveries, webhookDeliveryAttempts, webhookEndpoints, webhookSigning, type WebhookEndpointRow } from '../../db/schema';
import { AppError } from '../../lib/errors';
import type { SettingsValue } from '../settings/schemas';
import type { SettingsService } from '../settings/service';
import { assertSafeTarget } from './address';
import { recordAttempt } from './attempts';
import { TEST_EVENT_TYPE, WEBHOOK_KINDS, type WebhookEnvelope, type WebhookKind } from './events';
import { postWebhook, type AttemptResult, type PostOptions } from './http';
import { newWebhookSecret } from './signature';
import { standardPayload, type WebhookFormat } from './standard';
import { rotateSecret as rotateSigningSecret, setFormat as setSigningFormat } from './signing';

export type WebhookSettingsValue = SettingsValue<'webhook'>;
export { FINAL_STATUSES, recordAttempt, recordEndpointHealth } from './attempts';

/** The settings entry of an endpoint kind. */
export function targetOf(value: WebhookSettingsValue, kind: WebhookKind): { enabled: boolean; url: string } {
  if (kind === 'offline') return value.offlineMessages;
  if (kind === 'events') return value.events;
  return value.push;
}

/** Deterministic delivery id of (event, endpoint): a re-relayed event gets the same id (and BullMQ job id). */
export function deliveryIdFor(outboxId: number, endpointId: string): string {
  const h = createHash('sha256').update(`${outboxId}:${endpointId}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${((parseInt(h[16], 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export const DELIVERY_STATUSES = ['pending', 'in_flight', 'retrying', 'succeeded', 'failed', 'cancelled'] as const;

/** What the console may see of an endpoint: never the secret, only its last 4 characters. */
export interface EndpointView {
  id: string;
  kind: WebhookKind;
  secretHint: string;
  secretRotatedAt: string;
  failingSince: string | null;
  lastError: string | null;
  lastSuccessAt: string | null;
  disabledAt: string | null;
  disabledReason: string | null;
  /** How it signs (F16): 'standard' (Standard Webhooks) or 'legacy' (X-Livechat-Signature). Set by overview(). */
  format?: WebhookFormat;
}

export interface DeliveryView {
  id: string;
  endpointId: string;
  kind: WebhookKind;
  eventType: string;
  conversationId: string | null;
  seq: number | null;
  status: string;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  lastLatencyMs: number | null;
  responseExcerpt: string | null;
  nextAttemptAt: string | null;
  createdAt: string;
  completedAt: string | null;
  attemptLog: { attempt: number; statusCode: number | null; error: string | null; latencyMs: number; responseExcerpt: string | null; createdAt: string }[];
}

export interface DeliveryFilter {
  eventType?: string;
  status?: string;
  kind?: WebhookKind;
  page?: number;
  pageSize?: number;
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

function toView(row: WebhookEndpointRow): EndpointView {
  return {
    id: row.id,
    kind: row.kind as WebhookKind,
    secretHint: `…${row.secret.slice(-4)}`,
    secretRotatedAt: iso(row.secretRotatedAt)!,
    failingSince: iso(row.failingSince),
    lastError: row.lastError,
    lastSuccessAt: iso(row.lastSuccessAt),
    disabledAt: iso(row.disabledAt),
    disabledReason: row.disabledReason,
  };
}

/**
 * Console side of webhooks: endpoint configuration (settings section `webhook` + `webhook_endpoints`),
 * secrets (shown once), re-enabling, "send test" and the delivery log. Every query is workspace-scoped.
 */
export class WebhookService {
  constructor(
    private readonly db: Db,
    private readonly settings: SettingsService,
    private readonly options: { allowPrivateTargets: boolean },
  ) {}

  async overview(workspaceId: string): Promise<{ version: number; value: WebhookSettingsValue; endpoints: EndpointView[] }> {
    const stored = await this.settings.get(workspaceId, 'webhook');
    const rows = await this.db
      .select({ e: webhookEndpoints, format: webhookSigning.format })
      .from(webhookEndpoints)
      .leftJoin(webhookSigning, eq(webhookSigning.endpointId, webhookEndpoints.id))
      .where(eq(webhookEndpoints.workspaceId, workspaceId));
    return { version: stored.version, value: stored.value, endpoints: rows.map((r) => ({ ...toView(r.e), format: (r.format as WebhookFormat | null) ?? 'legacy' })) };
  }

  /**
   * Saves one endpoint's configuration. The URL must be http(s) and resolve to public addresses only (unless
   * allowed by the environment). Creates the endpoint (and its secret, returned this once) on first save; a
   * changed URL or a re-enable clears an automatic disable.
   */
  async saveTarget(
    workspaceId: string,
    actorUserId: string | null,
    kind: WebhookKind,
    input: { enabled: boolean; url: string; eventTypes?: string[] },
    expectedVersion?: number,
  ): Promise<{ version: number; value: WebhookSettingsValue; endpoint: EndpointView; secret: string | null }> {
    const url = input.url.trim();
    if (url) await assertSafeTarget(url, this.options.allowPrivateTargets);
    const current = await this.settings.get(workspaceId, 'webhook');
    const before = targetOf(current.value, kind);
    const next: WebhookSettingsValue = structuredClone(current.value);
    if (kind === 'offline') next.offlineMessages = { enabled: input.enabled, url };
    else if (kind === 'events') next.events = { enabled: input.enabled, url };
    else next.push = { enabled: input.enabled, url, eventTypes: (input.eventTypes ?? current.value.push.eventTypes) as WebhookSettingsValue['push']['eventTypes'] };
    const saved = await this.settings.save(workspaceId, 'webhook', next, actorUserId, expectedVersion ?? current.version);
    const { endpoint, secret } = await this.ensureEndpoint(workspaceId, kind);
    if (before.url !== url || (!before.enabled && input.enabled)) {
      await this.db
        .update(webhookEndpoints)
        .set({ disabledAt: null, disabledReason: null, failingSince: null })
        .where(and(eq(webhookEndpoints.workspaceId, workspaceId), eq(webhookEndpoints.id, endpoint.id)));
    }
    const [row] = await this.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, endpoint.id));
    return { version: saved.version, value: saved.value, endpoint: toView(row), secret };
  }

  /** The endpoint of a kind, created with a new secret if missing (the secret is returned only then). */
  async ensureEndpoint(workspaceId: string, kind: WebhookKind): Promise<{ endpoint: WebhookEndpointRow; secret: string | null }> {
    const secret = newWebhookSecret();
    const [created] = await this.db.insert(webhookEndpoints).values({ workspaceId, kind, secret }).onConflictDoNothing().returning();
    if (created) return { endpoint: created, secret };
    const [existing] = await this.db.select().from(webhookEndpoints).where(and(eq(webhookEndpoints.workspaceId, workspaceId), eq(webhookEndpoints.kind, kind)));
    return { endpoint: existing, secret: null };
  }

  /**
   * A new secret for the endpoint, returned this once; deliveries from now on are signed with it (Standard
   * format: together with the old one for a grace period, see signing.ts).
   */
  async rotateSecret(workspaceId: string, kind: WebhookKind): Promise<{ endpoint: EndpointView; secret: string }> {
    const { endpoint } = await this.ensureEndpoint(workspaceId, kind);
    const { secret } = await rotateSigningSecret(this.db, workspaceId, endpoint.id);
    const [row] = await this.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, endpoint.id));
    return { endpoint: toView(row), secret };
  }

  /** Switches the endpoint's format (console); switching to Standard returns a new secret, shown once. */
  async setFormat(workspaceId: string, kind: WebhookKind, format: WebhookFormat): Promise<{ endpoint: EndpointView; secret: string | null }> {
    const { endpoint } = await this.ensureEndpoint(workspaceId, kind);
    const { secret } = await setSigningFormat(this.db, workspaceId, endpoint.id, format);
    const [row] = await this.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, endpoint.id));
    return { endpoint: { ...toView(row), format }, secret };
  }

  /** Clears an automatic disable; deliveries resume with the next event. */
  async reenable(workspaceId: string, kind: WebhookKind): Promise<EndpointView> {
    const [row] = await this.db
      .update(webhookEndpoints)
      .set({ disabledAt: null, disabledReason: null, failingSince: null })
      .where(and(eq(webhookEndpoints.workspaceId, workspaceId), eq(webhookEndpoints.kind, kind)))
      .returning();
    if (!row) throw new AppError('not_found', 'This webhook has not been set up yet');
    return toView(row);
  }

  /** "Send test": one signed `webhook.test` delivery, sent now; the answer is returned and logged. */
  async sendTest(workspaceId: string, kind: WebhookKind, overrides: Partial<Pick<PostOptions, 'timeoutMs'>> = {}): Promise<{ deliveryId: string; url: string } & AttemptResult> {
    const value = await this.settings.value(workspaceId, 'webhook');
    const url = targetOf(value, kind).url;
    if (!url) throw new AppError('bad_request', 'Enter and save the receiving address first');
    await assertSafeTarget(url, this.options.allowPrivateTargets);
    const { endpoint } = await this.ensureEndpoint(workspaceId, kind);
    const deliveryId = randomUUID();
    const now = new Date();
    await this.db.insert(webhookDeliveries).values({ id: deliveryId, workspaceId, endpointId: endpoint.id, eventType: TEST_EVENT_TYPE, status: 'in_flight', attempts: 1 });
    const envelope: WebhookEnvelope = {
      deliveryId,
      eventId: `test-${deliveryId}`,
      type: TEST_EVENT_TYPE,
      workspaceId,
      conversationId: null,
      seq: null,
      occurredAt: now.toISOString(),
      data: { message: 'This is a test delivery from the live-chat webhook settings.', kind },
    };
    const [signing] = await this.db.select().from(webhookSigning).where(eq(webhookSigning.endpointId, endpoint.id));
    const standard = signing?.format === 'standard';
    const previousSecret = standard && signing.previousSecretExpiresAt && signing.previousSecretExpiresAt.getTime() > Date.now() ? signing.previousSecret : null;
    const result = await postWebhook({
      url,
      secret: endpoint.secret,
      format: standard ? 'standard' : 'legacy',
      previousSecret,
      eventType: TEST_EVENT_TYPE,
      deliveryId,
      body: JSON.stringify(standard ? standardPayload(envelope) : envelope),
      timeoutMs: overrides.timeoutMs ?? value.delivery.timeoutSeconds * 1000,
      allowPrivate: this.options.allowPrivateTargets,
    });
    const ok = result.statusCode !== null && result.statusCode >= 200 && result.statusCode < 300;
    await recordAttempt(this.db, { id: deliveryId, workspaceId }, 1, url, result, { status: ok ? 'succeeded' : 'failed', nextAttemptAt: null });
    return { deliveryId, url, ...result };
  }

  /** The delivery log, newest first, filtered, with every attempt of each delivery on the page. */
  async listDeliveries(workspaceId: string, filter: DeliveryFilter = {}): Promise<{ items: DeliveryView[]; total: number; page: number; pageSize: number }> {
    const pageSize = Math.min(Math.max(filter.pageSize ?? 20, 1), 100);
    const page = Math.max(filter.page ?? 1, 1);
    const conditions: SQL[] = [eq(webhookDeliveries.workspaceId, workspaceId)];
    if (filter.eventType) conditions.push(eq(webhookDeliveries.eventType, filter.eventType));
    if (filter.status) conditions.push(eq(webhookDeliveries.status, filter.status));
    if (filter.kind) conditions.push(eq(webhookEndpoints.kind, filter.kind));
    const where = and(...conditions);
    const [rows, [{ total }]] = await Promise.all([
      this.db
        .select({ d: webhookDeliveries, kind: webhookEndpoints.kind })
        .from(webhookDeliveries)
        .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
        .where(where)
        .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
        .limit(pageSize)
        .offset((page - 1) * pageSize),
      this.db.select({ total: count() }).from(webhookDeliveries).innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId)).where(where),
    ]);
    const ids = rows.map((r) => r.d.id);
    const attempts = ids.length
      ? await this.db.select().from(webhookDeliveryAttempts).where(and(eq(webhookDeliveryAttempts.workspaceId, workspaceId), inArray(webhookDeliveryAttempts.deliveryId, ids))).orderBy(webhookDeliveryAttempts.attempt)
      : [];
    return {
      page,
      pageSize,
      total: Number(total),
      items: rows.map(({ d, kind }) => ({
        id: d.id,
        endpointId: d.endpointId,
        kind: kind as WebhookKind,
        eventType: d.eventType,
        conversationId: d.conversationId,
        seq: d.seq,
        status: d.status,
        attempts: d.attempts,
        lastStatusCode: d.lastStatusCode,
        lastError: d.lastError,
        lastLatencyMs: d.lastLatencyMs,
        responseExcerpt: d.responseExcerpt,
        nextAttemptAt: iso(d.nextAttemptAt),
        createdAt: iso(d.createdAt)!,
        completedAt: iso(d.completedAt),
        attemptLog: attempts
          .filter((a) => a.deliveryId === d.id)
          .map((a) => ({ attempt: a.attempt, statusCode: a.statusCode, error: a.error, latencyMs: a.latencyMs, responseExcerpt: a.responseExcerpt, createdAt: iso(a.createdAt)! })),
      })),
    };
  }
}

export function isWebhookKind(value: unknown): value is WebhookKind {
  return typeof value === 'string' && (WEBHOOK_KINDS as readonly string[]).includes(value);
}
