import { eq } from 'drizzle-orm';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webhookDeliveries, webhookEndpoints } from '../../src/db/schema';
import { ConversationService } from '../../src/domain/conversations/service';
import { SettingsService } from '../../src/domain/settings/service';
import { WebhookService } from '../../src/domain/webhooks/service';
import { createRedis, RedisKeys } from '../../src/lib/redis';
import { startWorker } from '../../src/worker/worker';
import { ChatHarness, type TestWorkspace } from '../helpers/chat';
import { TEST_REDIS_URL } from '../helpers/db';
import { startWebServices, stopWebServices } from '../helpers/web';
import { verifySignature, WebhookReceiver, type ReceivedWebhook } from '../helpers/webhook-receiver';

/**
 * Webhooks in the Standard Webhooks format (issue 24, F16), delivered by a real worker to a real HTTP receiver
 * and verified exactly as a customer would: with the `standardwebhooks` npm package, unchanged. Endpoints are
 * managed through /api/v1. Rotation signs with both secrets; 410 disables; older endpoints keep their format
 * until switched.
 */
const h = new ChatHarness();
let conversations: ConversationService;
let webhooks: WebhookService;
const receivers: WebhookReceiver[] = [];
let routes: {
  endpoints: typeof import('../../src/app/api/v1/webhooks/endpoints/route');
  endpoint: typeof import('../../src/app/api/v1/webhooks/endpoints/[id]/route');
  rotate: typeof import('../../src/app/api/v1/webhooks/endpoints/[id]/rotate-secret/route');
  deliveries: typeof import('../../src/app/api/v1/webhooks/endpoints/[id]/deliveries/route');
};
let createToken: (ws: TestWorkspace) => Promise<string>;

async function receiver(): Promise<WebhookReceiver> {
  const r = await new WebhookReceiver().start();
  receivers.push(r);
  return r;
}

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
async function call(handler: unknown, method: string, token: string, o: { body?: unknown; params?: Record<string, string> } = {}) {
  const res = await (handler as Handler)(
    new Request('http://localhost/api/v1/webhooks/endpoints', { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: o.body === undefined ? undefined : JSON.stringify(o.body) }),
    { params: Promise.resolve(o.params ?? {}) },
  );
  return { status: res.status, json: (await res.json()) as any };
}

const verify = (secret: string, hook: ReceivedWebhook) => new Webhook(secret).verify(hook.rawBody, hook.headers as Record<string, string>) as { type: string; timestamp: string; data: Record<string, unknown> };

async function startChat(workspaceId: string): Promise<string> {
  const visitorId = await conversations.createVisitor(workspaceId);
  return (await conversations.start(workspaceId, visitorId, { channel: 'desktop', entryUrl: null, mode: 'realtime' })).conversation.id;
}

beforeAll(async () => {
  await h.setup();
  await h.startNode();
  h.workers.push(
    await startWorker({ redisPrefix: h.prefix, webhooks: { allowPrivateTargets: true, retryBaseMs: 1250, pollMs: 50, stalledMs: 5000 } }, h.database.db, createRedis(TEST_REDIS_URL)),
  );
  conversations = new ConversationService(h.database.db);
  const settings = new SettingsService(h.database.db, h.redis, new RedisKeys(h.prefix).settingsChannel());
  webhooks = new WebhookService(h.database.db, settings, { allowPrivateTargets: true });
  await startWebServices(h, { WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true' });
  routes = {
    endpoints: await import('../../src/app/api/v1/webhooks/endpoints/route'),
    endpoint: await import('../../src/app/api/v1/webhooks/endpoints/[id]/route'),
    rotate: await import('../../src/app/api/v1/webhooks/endpoints/[id]/rotate-secret/route'),
    deliveries: await import('../../src/app/api/v1/webhooks/endpoints/[id]/deliveries/route'),
  };
  const { apiTokens } = await import('../../src/server/http/tokens');
  createToken = async (ws) => (await apiTokens().create(ws.workspaceId, ws.adminId, { name: 'hooks', scopes: ['webhooks:manage'] })).token;
});

afterAll(async () => {
  await stopWebServices();
  await h.teardown();
  await Promise.all(receivers.map((r) => r.close()));
});

describe('Standard Webhooks', () => {
  it('an endpoint created through the API delivers { type, timestamp, data } that standardwebhooks verifies; webhook-id is stable across retries', async () => {
    const ws = await h.createWorkspace(0);
    const token = await createToken(ws);
    const sink = await receiver();
    sink.respond = (_hook, i) => (i === 0 ? { status: 503 } : { status: 200 });
    const created = await call(routes.endpoints.POST, 'POST', token, { body: { kind: 'push', url: sink.url, eventTypes: ['conversation.started'] } });
    expect(created.status).toBe(201);
    expect(created.json.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(created.json.endpoint).toMatchObject({ kind: 'push', format: 'standard', url: sink.url, enabled: true, eventTypes: ['conversation.started'] });
    expect(JSON.stringify((await call(routes.endpoints.GET, 'GET', token)).json)).not.toContain(created.json.secret);
    // A second endpoint of the same kind is a conflict.
    expect((await call(routes.endpoints.POST, 'POST', token, { body: { kind: 'push', url: sink.url, eventTypes: ['conversation.started'] } })).status).toBe(409);

    const conversationId = await startChat(ws.workspaceId);
    await sink.waitFor(() => sink.received.length >= 2);
    const [first, retry] = sink.received;
    expect(first.headers['webhook-id']).toBe(retry.headers['webhook-id']);
    expect(first.headers['x-livechat-signature']).toBeUndefined();
    const payload = verify(created.json.secret, retry);
    expect(payload).toMatchObject({ type: 'conversation.started', data: { conversationId, workspaceId: ws.workspaceId, seq: 1, channel: 'desktop' } });
    expect(Date.parse(payload.timestamp)).not.toBeNaN();
    expect(verify(created.json.secret, first).type).toBe('conversation.started');
    // A wrong secret or a changed body fails verification.
    expect(() => verify(`whsec_${Buffer.alloc(32, 1).toString('base64')}`, retry)).toThrow();
    expect(() => new Webhook(created.json.secret).verify(retry.rawBody.replace('desktop', 'mobile'), retry.headers as Record<string, string>)).toThrow();

    const log = await call(routes.deliveries.GET, 'GET', token, { params: { id: created.json.endpoint.id } });
    await expect.poll(async () => (await call(routes.deliveries.GET, 'GET', token, { params: { id: created.json.endpoint.id } })).json.data[0]?.status).toBe('succeeded');
    expect(log.json.data[0].id).toBe(first.headers['webhook-id']);
  });

  it('rotation signs with the old and the new secret during the grace period', async () => {
    const ws = await h.createWorkspace(0);
    const token = await createToken(ws);
    const sink = await receiver();
    const created = await call(routes.endpoints.POST, 'POST', token, { body: { kind: 'push', url: sink.url, eventTypes: ['conversation.started'] } });
    const rotated = await call(routes.rotate.POST, 'POST', token, { params: { id: created.json.endpoint.id } });
    expect(rotated.status).toBe(200);
    expect(rotated.json.secret).not.toBe(created.json.secret);
    expect(Date.parse(rotated.json.previousSecretValidUntil) - Date.now()).toBeGreaterThan(23 * 3600_000);
    await startChat(ws.workspaceId);
    await sink.waitFor(() => sink.received.length >= 1);
    const hook = sink.received[0];
    expect(String(hook.headers['webhook-signature']).split(' ')).toHaveLength(2);
    // Receivers that have not switched yet and those that have both verify.
    expect(verify(created.json.secret, hook).type).toBe('conversation.started');
    expect(verify(rotated.json.secret, hook).type).toBe('conversation.started');
  });

  it('HTTP 410 disables the endpoint at once: no retry, later events are not sent', async () => {
    const ws = await h.createWorkspace(0);
    const token = await createToken(ws);
    const sink = await receiver();
    sink.respond = () => ({ status: 410, body: 'gone' });
    const created = await call(routes.endpoints.POST, 'POST', token, { body: { kind: 'push', url: sink.url, eventTypes: ['conversation.started'] } });
    await startChat(ws.workspaceId);
    await sink.waitFor(() => sink.received.length >= 1);
    await expect.poll(async () => (await h.database.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, created.json.endpoint.id)))[0].disabledAt).not.toBeNull();
    const listed = (await call(routes.endpoints.GET, 'GET', token)).json.data[0];
    expect(listed.disabledReason).toMatch(/410/);
    await expect.poll(async () => (await h.database.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, created.json.endpoint.id)))[0]?.status).toBe('failed');
    expect((await h.database.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, created.json.endpoint.id)))[0].attempts).toBe(1);
    // A later event reaches a witness endpoint of the workspace, not the disabled one.
    const witness = await receiver();
    await webhooks.saveTarget(ws.workspaceId, ws.adminId, 'events', { enabled: true, url: witness.url });
    const later = await startChat(ws.workspaceId);
    await witness.waitFor(() => witness.received.some((r) => r.body.conversationId === later));
    expect(sink.received).toHaveLength(1);
    // Updating it with enabled: true re-enables it.
    expect((await call(routes.endpoint.PATCH, 'PATCH', token, { params: { id: created.json.endpoint.id }, body: { enabled: true } })).json.endpoint).toMatchObject({ disabledAt: null, enabled: true });
  });

  it('an endpoint set up before keeps the original format until switched; switching issues a whsec_ secret for standardwebhooks', async () => {
    const ws = await h.createWorkspace(0);
    const token = await createToken(ws);
    const sink = await receiver();
    const saved = await webhooks.saveTarget(ws.workspaceId, ws.adminId, 'events', { enabled: true, url: sink.url });
    await startChat(ws.workspaceId);
    await sink.waitFor(() => sink.received.length >= 1);
    expect(sink.received[0].headers['webhook-id']).toBeUndefined();
    expect(verifySignature(saved.secret!, sink.received[0])).toBe(true);

    const listed = (await call(routes.endpoints.GET, 'GET', token)).json.data;
    expect(listed).toMatchObject([{ kind: 'events', format: 'legacy' }]);
    const switched = await call(routes.endpoint.PATCH, 'PATCH', token, { params: { id: listed[0].id }, body: { format: 'standard' } });
    expect(switched.json).toMatchObject({ endpoint: { format: 'standard' }, secret: expect.stringMatching(/^whsec_/) });
    await startChat(ws.workspaceId);
    await sink.waitFor(() => sink.received.length >= 2);
    expect(verify(switched.json.secret, sink.received[1]).type).toBe('conversation.started');
    // Deleting removes it: nothing listed, later events not sent.
    expect((await call(routes.endpoint.DELETE, 'DELETE', token, { params: { id: listed[0].id } })).json).toEqual({ id: listed[0].id, deleted: true });
    expect((await call(routes.endpoints.GET, 'GET', token)).json.data).toEqual([]);
  });

  it("the console's format switch and rotation: overview shows the format, rotation keeps the old secret signing", async () => {
    const ws = await h.createWorkspace(0);
    const sink = await receiver();
    const saved = await webhooks.saveTarget(ws.workspaceId, ws.adminId, 'offline', { enabled: true, url: sink.url });
    expect((await webhooks.overview(ws.workspaceId)).endpoints).toMatchObject([{ kind: 'offline', format: 'legacy' }]);
    // Rotating in the original format: the new secret applies at once (one signature).
    const legacyRotated = await webhooks.rotateSecret(ws.workspaceId, 'offline');
    expect(legacyRotated.secret).not.toBe(saved.secret);
    const switched = await webhooks.setFormat(ws.workspaceId, 'offline', 'standard');
    expect(switched.secret).toMatch(/^whsec_/);
    expect((await webhooks.overview(ws.workspaceId)).endpoints).toMatchObject([{ kind: 'offline', format: 'standard' }]);
    expect((await webhooks.setFormat(ws.workspaceId, 'offline', 'standard')).secret).toBeNull();
    const rotated = await webhooks.rotateSecret(ws.workspaceId, 'offline');
    const test = await webhooks.sendTest(ws.workspaceId, 'offline');
    expect(test.statusCode).toBe(200);
    const hook = sink.received[0];
    expect(verify(switched.secret!, hook).type).toBe('webhook.test');
    expect(verify(rotated.secret, hook).type).toBe('webhook.test');
  });
});
