import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { accountTokens, emailOutbox } from '../../src/db/schema';
import type { SessionUser } from '../../src/domain/accounts/service';
import { hashToken } from '../../src/domain/accounts/account-tokens';
import { RedisKeys } from '../../src/lib/redis';
import { startEmailWorker, type EmailWorkerHandle } from '../../src/worker/email';
import { ChatHarness, TEST_PASSWORD } from '../helpers/chat';
import { linkIn, SmtpSink } from '../helpers/smtp-sink';
import { startWebServices, stopWebServices } from '../helpers/web';

/**
 * Issue 25 (F15) accounts by email, against a REAL SMTP server (smtp-server on 127.0.0.1) fed by the real
 * email worker: invitation -> set password -> sign in; password reset (same answer for unknown addresses,
 * a link works once, older sessions refused); bounce/complaint suppression; the delivery log.
 */
const h = new ChatHarness();
const sink = new SmtpSink();
let worker: EmailWorkerHandle;
let auth: typeof import('../../src/lib/auth');
let agentsRoute: typeof import('../../src/app/api/admin/agents/route');
let resendRoute: typeof import('../../src/app/api/admin/agents/[id]/invite/route');
let inviteRoute: typeof import('../../src/app/api/account/invite/route');
let resetRoute: typeof import('../../src/app/api/account/password-reset/route');
let resetCompleteRoute: typeof import('../../src/app/api/account/password-reset/complete/route');
let eventsRoute: typeof import('../../src/app/api/email/events/route');
let emailRoute: typeof import('../../src/app/api/account/email/route');
let emailConfirmRoute: typeof import('../../src/app/api/account/email/confirm/route');
const SECRET = 'test-email-webhook-secret-123';
const NEW_PASSWORD = 'brand-new-Password-42';

beforeAll(async () => {
  await h.setup();
  await sink.start();
  auth = await startWebServices(h, { PUBLIC_WEB_URL: 'http://chat.test', EMAIL_WEBHOOK_SECRET: SECRET, RL_PASSWORD_RESETS_PER_HOUR: '4' });
  agentsRoute = await import('../../src/app/api/admin/agents/route');
  resendRoute = await import('../../src/app/api/admin/agents/[id]/invite/route');
  inviteRoute = await import('../../src/app/api/account/invite/route');
  resetRoute = await import('../../src/app/api/account/password-reset/route');
  resetCompleteRoute = await import('../../src/app/api/account/password-reset/complete/route');
  eventsRoute = await import('../../src/app/api/email/events/route');
  emailRoute = await import('../../src/app/api/account/email/route');
  emailConfirmRoute = await import('../../src/app/api/account/email/confirm/route');
  worker = await startEmailWorker(h.database.db, h.redis, { prefix: new RedisKeys(h.prefix).bullPrefix() }, {
    smtpUrl: sink.url,
    fromAddress: 'noreply@chat.test',
    retryBaseMs: 200,
    maxAttempts: 12,
    pollMs: 50,
    stalledMs: 2_000,
    sendTimeoutMs: 2_000,
  });
});
afterEach(() => auth?.setSessionResolver(null));
afterAll(async () => {
  await worker?.close();
  await stopWebServices();
  await sink.stop();
  await h.teardown();
});

type Ctx = { params: Promise<Record<string, string>> };
let ipCounter = 0;
async function call(handler: unknown, method: string, body?: unknown, params: Record<string, string> = {}, headers: Record<string, string> = {}) {
  const req = new Request('http://localhost/api/x', { method, headers: { 'content-type': 'application/json', ...headers }, body: body === undefined ? undefined : JSON.stringify(body) });
  const res = await (handler as (r: Request, c: Ctx) => Promise<Response>)(req, { params: Promise.resolve(params) });
  return { status: res.status, json: (await res.json()) as Record<string, any>, headers: res.headers };
}
const adminOf = (ws: { workspaceId: string; adminId: string }): SessionUser => ({ id: ws.adminId, workspaceId: ws.workspaceId, email: 'admin@test.dev', name: 'Ada Admin', role: 'admin', sessionVersion: 0 });
const tokenOf = (link: string) => link.split('/').pop()!;

describe('invitations', () => {
  it('invite -> the email arrives -> the link sets a password once -> sign in works', async () => {
    const ws = await h.createWorkspace(0);
    auth.setSessionResolver(async () => adminOf(ws));
    const created = await call(agentsRoute.POST, 'POST', { name: 'Ivy Invitee', email: 'Ivy@Example.test', role: 'agent' });
    expect(created.status).toBe(201);
    expect(created.json.agent.invitePending).toBe(true);
    // No password yet: nobody can sign in to the account.
    expect(await h.accounts.authenticate({ email: 'ivy@example.test', password: '' })).toBeNull();

    await sink.waitFor(() => sink.to('ivy@example.test').length === 1, 20_000, 'the invitation');
    const mail = sink.to('ivy@example.test')[0];
    expect(mail.parsed.subject).toBe(`Admin invited you to ${(await h.accounts.getWorkspace(ws.workspaceId))!.name}`);
    expect(mail.parsed.from?.name).toMatch(/^WS /); // the workspace's name is the sender name
    expect(mail.parsed.from?.address).toBe('noreply@chat.test');
    expect(mail.parsed.html).toContain('Set my password');
    expect(mail.parsed.text).toContain('Set my password');
    const link = linkIn(mail, '/invite/');
    expect(link.startsWith('http://chat.test/invite/')).toBe(true);
    // Only a hash of the token is stored.
    const [stored] = await h.database.db.select().from(accountTokens).where(eq(accountTokens.tokenHash, hashToken(tokenOf(link))));
    expect(stored.purpose).toBe('invite');

    const weak = await call(inviteRoute.POST, 'POST', { token: tokenOf(link), password: 'short' });
    expect(weak.status).toBe(400);
    const accepted = await call(inviteRoute.POST, 'POST', { token: tokenOf(link), password: NEW_PASSWORD });
    expect(accepted.status).toBe(200);
    expect(accepted.json.email).toBe('ivy@example.test');
    const signedIn = await h.accounts.authenticate({ email: 'ivy@example.test', password: NEW_PASSWORD });
    expect(signedIn?.name).toBe('Ivy Invitee');

    // Single use.
    const again = await call(inviteRoute.POST, 'POST', { token: tokenOf(link), password: 'another-Password-77' });
    expect(again.status).toBe(404);
    expect(again.json.error.message).toMatch(/no longer valid/);
    expect(await h.accounts.authenticate({ email: 'ivy@example.test', password: NEW_PASSWORD })).not.toBeNull();
    // Accepted: no new invitation can be sent.
    expect((await call(resendRoute.POST, 'POST', undefined, { id: created.json.agent.id })).status).toBe(409);
  });

  it('a resent invitation replaces the earlier link; an expired link is refused', async () => {
    const ws = await h.createWorkspace(0);
    auth.setSessionResolver(async () => adminOf(ws));
    const created = await call(agentsRoute.POST, 'POST', { name: 'Rex', email: 'rex@example.test' });
    await sink.waitFor(() => sink.to('rex@example.test').length === 1);
    const first = tokenOf(linkIn(sink.to('rex@example.test')[0], '/invite/'));
    expect((await call(resendRoute.POST, 'POST', undefined, { id: created.json.agent.id })).status).toBe(200);
    await sink.waitFor(() => sink.to('rex@example.test').length === 2);
    const second = tokenOf(linkIn(sink.to('rex@example.test')[1], '/invite/'));
    expect(second).not.toBe(first);
    expect((await call(inviteRoute.POST, 'POST', { token: first, password: NEW_PASSWORD })).status).toBe(404);

    await h.database.db.update(accountTokens).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(accountTokens.tokenHash, hashToken(second)));
    expect((await call(inviteRoute.POST, 'POST', { token: second, password: NEW_PASSWORD })).status).toBe(404);
  });
});

describe('password reset', () => {
  it('same answer for an unknown address; the link works once; older sessions are refused', async () => {
    const ws = await h.createWorkspace(1);
    const agent = ws.agents[0];
    const oldSession: SessionUser = { id: agent.id, workspaceId: ws.workspaceId, email: agent.email, name: agent.name, role: 'agent', sessionVersion: 0 };
    auth.setSessionResolver(async () => oldSession);
    expect(await auth.getSessionUser()).not.toBeNull();

    const ip = { 'x-forwarded-for': `10.0.0.${++ipCounter}` };
    const known = await call(resetRoute.POST, 'POST', { email: agent.email.toUpperCase() }, {}, ip);
    const unknown = await call(resetRoute.POST, 'POST', { email: 'nobody-here@example.test' }, {}, ip);
    expect(known.status).toBe(200);
    expect(unknown.status).toBe(200);
    expect(unknown.json).toEqual(known.json);

    await sink.waitFor(() => sink.to(agent.email).length === 1, 20_000, 'the reset email');
    const mail = sink.to(agent.email)[0];
    expect(mail.parsed.subject).toBe('Reset your password');
    expect(mail.parsed.text).toMatch(/expires in 60 minutes/);
    const token = tokenOf(linkIn(mail, '/reset-password/'));
    // Nothing is sent for the unknown address (a moment for the relay to pick anything up).
    await worker.relayOnce();
    expect(sink.to('nobody-here@example.test')).toHaveLength(0);
    const rows = await h.database.db.select({ to: emailOutbox.toAddress }).from(emailOutbox).where(eq(emailOutbox.toAddress, 'nobody-here@example.test'));
    expect(rows).toHaveLength(0);

    const done = await call(resetCompleteRoute.POST, 'POST', { token, password: NEW_PASSWORD });
    expect(done.status).toBe(200);
    expect(await h.accounts.authenticate({ email: agent.email, password: NEW_PASSWORD })).not.toBeNull();
    expect(await h.accounts.authenticate({ email: agent.email, password: TEST_PASSWORD })).toBeNull();
    // The session minted before the reset is over.
    expect(await auth.getSessionUser()).toBeNull();
    // The link works once.
    const again = await call(resetCompleteRoute.POST, 'POST', { token, password: 'yet-another-Password-9' });
    expect(again.status).toBe(404);
    expect(await h.accounts.authenticate({ email: agent.email, password: NEW_PASSWORD })).not.toBeNull();
  });

  it('expires after an hour; requests are rate-limited whether or not the address exists', async () => {
    const ws = await h.createWorkspace(1);
    const agent = ws.agents[0];
    const ip = { 'x-forwarded-for': `10.0.1.${++ipCounter}` };
    await call(resetRoute.POST, 'POST', { email: agent.email }, {}, ip);
    await sink.waitFor(() => sink.to(agent.email).length === 1);
    const token = tokenOf(linkIn(sink.to(agent.email)[0], '/reset-password/'));
    await h.database.db.update(accountTokens).set({ expiresAt: new Date(Date.now() - 1) }).where(eq(accountTokens.tokenHash, hashToken(token)));
    expect((await call(resetCompleteRoute.POST, 'POST', { token, password: NEW_PASSWORD })).status).toBe(404);

    // 4 per hour per address (test setting): the 5th is refused, for a known and an unknown address alike.
    for (const email of [agent.email, 'ghost@example.test']) {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await call(resetRoute.POST, 'POST', { email }, {}, { 'x-forwarded-for': `10.0.2.${++ipCounter}` })).status);
      expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
      expect(statuses[4]).toBe(429);
    }
  });
});

describe('email change', () => {
  it('confirmed by the new address; the old one works until then; the link works once', async () => {
    const ws = await h.createWorkspace(1);
    const agent = ws.agents[0];
    auth.setSessionResolver(async () => ({ id: agent.id, workspaceId: ws.workspaceId, email: agent.email, name: agent.name, role: 'agent', sessionVersion: 0 }));
    const wrong = await call(emailRoute.POST, 'POST', { newEmail: 'moved@example.test', password: 'not-my-password' });
    expect(wrong.status).toBe(400);
    expect(wrong.json.error.details[0].path).toBe('password');
    const taken = await call(emailRoute.POST, 'POST', { newEmail: ws.agents[0].email.replace('agent1', 'admin'), password: TEST_PASSWORD });
    expect([400, 409]).toContain(taken.status);
    const asked = await call(emailRoute.POST, 'POST', { newEmail: 'Moved@Example.test', password: TEST_PASSWORD });
    expect(asked.status).toBe(200);
    await sink.waitFor(() => sink.to('moved@example.test').length === 1, 20_000, 'the confirmation');
    expect(sink.to(agent.email)).toHaveLength(0);
    const mail = sink.to('moved@example.test')[0];
    expect(mail.parsed.subject).toBe('Confirm your new email address');
    // Not confirmed yet: the old address still signs in.
    expect(await h.accounts.authenticate({ email: agent.email, password: TEST_PASSWORD })).not.toBeNull();
    const token = tokenOf(linkIn(mail, '/account/confirm-email/'));
    const confirmed = await call(emailConfirmRoute.POST, 'POST', { token });
    expect(confirmed.json).toEqual({ ok: true, email: 'moved@example.test' });
    expect(await h.accounts.authenticate({ email: 'moved@example.test', password: TEST_PASSWORD })).not.toBeNull();
    expect(await h.accounts.authenticate({ email: agent.email, password: TEST_PASSWORD })).toBeNull();
    expect((await call(emailConfirmRoute.POST, 'POST', { token })).status).toBe(404);
  });
});

describe('delivery guarantees', () => {
  it('a hard bounce reported to /api/email/events suppresses the address; the log says so', async () => {
    const ws = await h.createWorkspace(0);
    auth.setSessionResolver(async () => adminOf(ws));
    const unauthorised = await call(eventsRoute.POST, 'POST', { type: 'bounce', email: 'gone@example.test' }, {}, { authorization: 'Bearer wrong-secret-wrong-secret' });
    expect(unauthorised.status).toBe(401);
    const soft = await call(eventsRoute.POST, 'POST', { type: 'bounce', hard: false, email: 'gone@example.test' }, {}, { authorization: `Bearer ${SECRET}` });
    expect(soft.json.suppressed).toBe(0);
    const hard = await call(eventsRoute.POST, 'POST', [{ type: 'bounce', hard: true, email: 'Gone@Example.test', detail: '550 5.1.1 user unknown' }], {}, { authorization: `Bearer ${SECRET}` });
    expect(hard.json.suppressed).toBe(1);

    await call(agentsRoute.POST, 'POST', { name: 'Gone', email: 'gone@example.test' });
    const { deliveryLog } = await import('../../src/domain/email/outbox');
    await expect.poll(async () => (await deliveryLog(h.database.db, ws.workspaceId))[0]?.status, { timeout: 20_000 }).toBe('suppressed');
    const [entry] = await deliveryLog(h.database.db, ws.workspaceId);
    expect(entry.kind).toBe('invite');
    expect(entry.lastResponse).toMatch(/suppressed \(bounce\)/);
    expect(sink.to('gone@example.test')).toHaveLength(0);
  });

  it('the SMTP server down for 10 s: the email is sent once it is back, once', async () => {
    const ws = await h.createWorkspace(0);
    auth.setSessionResolver(async () => adminOf(ws));
    await sink.stop();
    const startedAt = Date.now();
    await call(agentsRoute.POST, 'POST', { name: 'Dora Down', email: 'dora@example.test' });
    const { deliveryLog } = await import('../../src/domain/email/outbox');
    // It is tried and fails while the server is away (the log keeps the error).
    await expect.poll(async () => (await deliveryLog(h.database.db, ws.workspaceId))[0]?.lastResponse ?? '', { timeout: 20_000 }).toMatch(/ECONNREFUSED|connect/i);
    await new Promise((r) => setTimeout(r, Math.max(0, 10_000 - (Date.now() - startedAt))));
    await sink.start();
    await sink.waitFor(() => sink.to('dora@example.test').length === 1, 60_000, 'the email after the outage');
    await expect.poll(async () => (await deliveryLog(h.database.db, ws.workspaceId))[0]?.status, { timeout: 10_000 }).toBe('sent');
    const [entry] = await deliveryLog(h.database.db, ws.workspaceId);
    expect(entry.attempts).toBeGreaterThan(1);
    expect(entry.lastResponse).toMatch(/Queued as/);
    await worker.relayOnce();
    expect(sink.to('dora@example.test')).toHaveLength(1);
  }, 90_000);
});
