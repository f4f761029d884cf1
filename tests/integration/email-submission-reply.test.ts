import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailOutbox, submissions, visitorDevices } from '../../src/db/schema';
import { verifyReplyToken } from '../../src/domain/email/reply-address';
import type { RealtimeServer } from '../../src/realtime/server';
import { RedisKeys } from '../../src/lib/redis';
import { compose, type Composition } from '../../src/server/compose';
import { startEmailWorker, type EmailWorkerHandle } from '../../src/worker/email';
import { ChatHarness, request, TEST_AUTH_SECRET } from '../helpers/chat';
import { SmtpSink } from '../helpers/smtp-sink';

/**
 * Issue 25: an agent's reply to a left message (F5) is emailed to the address the visitor gave, queued in the
 * reply's transaction, once per reply; with the conversation's signed Reply-To when the submission has one.
 */
process.env.EMAIL_INBOUND_DOMAIN = 'inbound.chat.test';
process.env.MAIL_FROM = 'noreply@chat.test';
const h = new ChatHarness();
const sink = new SmtpSink();
let node: RealtimeServer;
let app: Composition;
let email: EmailWorkerHandle;

beforeAll(async () => {
  await h.setup();
  await sink.start();
  node = await h.startNode();
  app = compose({ db: h.database.db, redis: h.redis, redisPrefix: h.prefix, authSecret: TEST_AUTH_SECRET });
  const bull = { prefix: new RedisKeys(h.prefix).bullPrefix() };
  email = await startEmailWorker(h.database.db, h.redis, bull, { smtpUrl: sink.url, fromAddress: 'noreply@chat.test', retryBaseMs: 200, maxAttempts: 5, pollMs: 50, stalledMs: 2000, sendTimeoutMs: 2000 });
});
afterAll(async () => {
  await email?.close();
  await app?.close();
  await sink.stop();
  await h.teardown();
});

describe('reply to a left message by email', () => {
  it('emails each reply to the visitor once, threaded under the conversation with its signed Reply-To; none without a conversation or an address', async () => {
    const ws = await h.createWorkspace(1);
    const staff = await h.staff(node, ws.workspaceId, ws.agents[0].id);
    await request(staff, 'status.set', { status: 'online' });
    const { socket: visitor, session } = await h.visitor(node, ws.widgetKey);
    const started = await request(visitor, 'chat.start', {});
    const conversationId: string = started.conversation.id;
    const base = { workspaceId: ws.workspaceId, visitorId: session.visitorId, channel: 'desktop' as const, trigger: 'no_agent_online', mode: 'realtime' };
    const [withChat, alone, noEmail] = await h.database.db
      .insert(submissions)
      .values([
        { ...base, number: 1, conversationId, fields: { name: 'Ada', email: 'Ada@Example.com', content: 'My parcel is late.' } },
        { ...base, number: 2, conversationId: null, fields: { name: 'Bo', email: 'bo@example.com', content: 'Do you ship to Norway?' } },
        { ...base, number: 3, conversationId: null, fields: { name: 'Cy', content: 'Call me' } },
      ])
      .returning({ id: submissions.id });

    const agentId = ws.agents[0].id;
    await app.submissions.reply(ws.workspaceId, withChat.id, agentId, 'We found it, it arrives tomorrow.');
    await app.submissions.reply(ws.workspaceId, withChat.id, agentId, 'Tracking number: 42.');
    await app.submissions.reply(ws.workspaceId, alone.id, agentId, 'Yes, in 3 to 5 days.');
    await app.submissions.reply(ws.workspaceId, noEmail.id, agentId, 'We will call you.');

    // Each reply's email row was committed with it: two for the first submission, one per reply key.
    const rows = await h.database.db.select({ key: emailOutbox.idempotencyKey, kind: emailOutbox.kind }).from(emailOutbox).where(eq(emailOutbox.workspaceId, ws.workspaceId));
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => r.kind === 'visitor_submission_reply')).toBe(true);
    expect(rows.filter((r) => r.key.startsWith(`visitor:${conversationId}:submission-reply:`))).toHaveLength(2);

    await sink.waitFor(() => sink.to('ada@example.com').length >= 2 && sink.to('bo@example.com').length >= 1, 20_000, 'the reply emails');
    const ada = sink.to('ada@example.com');
    const first = ada.find((m) => (m.parsed.text ?? '').includes('We found it'))!;
    const second = ada.find((m) => (m.parsed.text ?? '').includes('Tracking number: 42.'))!;
    expect(first.parsed.subject).toMatch(/^Reply to your message #1 – WS /);
    expect(first.parsed.text).toContain('My parcel is late.');
    const replyTo = first.parsed.replyTo?.[0]?.address ?? '';
    expect(verifyReplyToken(TEST_AUTH_SECRET, replyTo)).toEqual({ conversationId });
    // The second reply threads under the first email of the conversation.
    expect(second.header('in-reply-to')).toBe(first.messageId);

    const [bo] = sink.to('bo@example.com');
    expect(bo.parsed.text).toContain('Yes, in 3 to 5 days.');
    expect(bo.parsed.text).toContain('Do you ship to Norway?');
    expect(bo.parsed.replyTo ?? []).toHaveLength(0);
    expect(sink.to('ada@example.com')).toHaveLength(2);

    // Nothing queued for the submission without an address.
    const none = await h.database.db.select().from(emailOutbox).where(and(eq(emailOutbox.workspaceId, ws.workspaceId), like(emailOutbox.idempotencyKey, `submission-reply:${noEmail.id}:%`)));
    expect(none).toHaveLength(0);
  });

  it("is written in the visitor's widget language (subject and fixed sentences)", async () => {
    const ws = await h.createWorkspace(1);
    const { session } = await h.visitor(node, ws.widgetKey);
    // The language the widget reported at the handshake (recorded in the background).
    await expect.poll(async () => (await h.database.db.select().from(visitorDevices).where(eq(visitorDevices.visitorId, session.visitorId))).length).toBe(1);
    await h.database.db.update(visitorDevices).set({ language: 'de-AT' }).where(eq(visitorDevices.visitorId, session.visitorId));
    const [left] = await h.database.db
      .insert(submissions)
      .values({ workspaceId: ws.workspaceId, visitorId: session.visitorId, channel: 'desktop', trigger: 'no_agent_online', mode: 'realtime', number: 7, conversationId: null, fields: { email: 'dora@example.de', content: 'Wo ist mein Paket?' } })
      .returning({ id: submissions.id });
    await app.submissions.reply(ws.workspaceId, left.id, ws.agents[0].id, 'Es kommt morgen an.');
    await sink.waitFor(() => sink.to('dora@example.de').length >= 1, 20_000, 'the German reply email');
    const [mail] = sink.to('dora@example.de');
    expect(mail.parsed.subject).toMatch(/^Antwort auf Ihre Nachricht #7 – WS /);
    expect(mail.parsed.text).toContain('Sie schrieben:');
    expect(mail.parsed.text).toContain('weil Sie WS ');
    expect(mail.parsed.html).toContain('lang="de"');
  });
});
