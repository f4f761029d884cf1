import { eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailOutbox, visitorDevices, visitors } from '../../src/db/schema';
import { verifyReplyToken } from '../../src/domain/email/reply-address';
import type { RealtimeServer } from '../../src/realtime/server';
import { RedisKeys } from '../../src/lib/redis';
import { startEmailWorker, type EmailWorkerHandle } from '../../src/worker/email';
import { ChatHarness, request, TEST_AUTH_SECRET } from '../helpers/chat';
import { SmtpSink } from '../helpers/smtp-sink';

/**
 * Issue 25 item 4: the visitor's transcript by email, asked from the widget after the chat. It carries the
 * whole chat, a signed `Reply-To: reply+<token>@<inbound domain>` and, for a later email of the same
 * conversation, In-Reply-To / References naming the earlier Message-ID.
 */
process.env.EMAIL_INBOUND_DOMAIN = 'inbound.chat.test';
process.env.MAIL_FROM = 'noreply@chat.test';
const h = new ChatHarness();
const sink = new SmtpSink();
let node: RealtimeServer;
let email: EmailWorkerHandle;

beforeAll(async () => {
  await h.setup();
  await sink.start();
  node = await h.startNode();
  const bull = { prefix: new RedisKeys(h.prefix).bullPrefix() };
  email = await startEmailWorker(h.database.db, h.redis, bull, { smtpUrl: sink.url, fromAddress: 'noreply@chat.test', retryBaseMs: 200, maxAttempts: 5, pollMs: 50, stalledMs: 2000, sendTimeoutMs: 2000 });
});
afterAll(async () => {
  await email?.close();
  await sink.stop();
  await h.teardown();
});

async function endedChat() {
  const ws = await h.createWorkspace(1);
  const agent = ws.agents[0];
  const staff = await h.staff(node, ws.workspaceId, agent.id);
  await request(staff, 'status.set', { status: 'online' });
  const { socket: visitor, session } = await h.visitor(node, ws.widgetKey);
  const visitorId = session.visitorId;
  const started = await request(visitor, 'chat.start', {});
  const conversationId: string = started.conversation.id;
  await request(visitor, 'message.send', { conversationId, clientMsgId: 'q', body: 'Do you ship to Norway?' });
  await request(staff, 'message.send', { conversationId, clientMsgId: 'a', body: 'Yes, in 3 to 5 days.' });
  return { ws, agent, staff, visitor, visitorId, conversationId };
}

describe('visitor transcript email', () => {
  it('is refused before the chat ends, then sent with the whole chat and a signed Reply-To; a second address threads under the first', async () => {
    const { visitor, conversationId, ws } = await endedChat();
    const early = await visitor.timeout(5000).emitWithAck('transcript.email', { conversationId, email: 'ana@example.com' });
    expect(early.ok).toBe(false);
    expect(early.error.message).toMatch(/once the chat has ended/);

    await request(visitor, 'chat.end', { conversationId });
    const bad = await visitor.timeout(5000).emitWithAck('transcript.email', { conversationId, email: 'not an address' });
    expect(bad.ok).toBe(false);
    expect(bad.error.message).toBe('Please enter a valid email address.');

    const first = await request(visitor, 'transcript.email', { conversationId, email: 'Ana@Example.com' });
    expect(first).toMatchObject({ queued: true, to: 'ana@example.com' });
    const again = await request(visitor, 'transcript.email', { conversationId, email: 'ana@example.com' });
    expect(again.queued).toBe(false);

    await sink.waitFor(() => sink.to('ana@example.com').length >= 1, 20_000, 'the transcript');
    const [mail] = sink.to('ana@example.com');
    expect(mail.parsed.subject).toMatch(/^Your chat with WS /);
    expect(ws.workspaceId).toBeTruthy();
    expect(mail.parsed.text).toContain('Do you ship to Norway?');
    expect(mail.parsed.text).toContain('Yes, in 3 to 5 days.');
    expect(mail.parsed.html).toContain('Do you ship to Norway?');
    const replyTo = mail.parsed.replyTo?.[0]?.address ?? '';
    expect(replyTo).toMatch(/^reply\+[0-9a-f]{32}\.[0-9a-f]{20}@inbound\.chat\.test$/);
    expect(verifyReplyToken(TEST_AUTH_SECRET, replyTo)).toEqual({ conversationId });
    expect(verifyReplyToken(TEST_AUTH_SECRET, replyTo.replace(/\.([0-9a-f])/, (_m, c: string) => `.${c === '0' ? '1' : '0'}`))).toEqual({ forged: true });
    expect(mail.messageId).toMatch(/@chat\.test>$/);
    expect(mail.header('in-reply-to')).toBeUndefined();

    await request(visitor, 'transcript.email', { conversationId, email: 'ana.work@example.com' });
    await sink.waitFor(() => sink.to('ana.work@example.com').length >= 1, 20_000, 'the second transcript');
    const [second] = sink.to('ana.work@example.com');
    expect(second.header('in-reply-to')).toBe(mail.messageId);
    expect(second.header('references')).toContain(mail.messageId);
    expect(second.messageId).not.toBe(mail.messageId);

    // At most three addresses per conversation.
    await request(visitor, 'transcript.email', { conversationId, email: 'third@example.com' });
    const fourth = await visitor.timeout(5000).emitWithAck('transcript.email', { conversationId, email: 'fourth@example.com' });
    expect(fourth.ok).toBe(false);
    expect(fourth.error.code).toBe('rate_limited');
  });

  it("goes to the visitor's known email without an address, and is refused for another visitor's chat", async () => {
    const { visitor, visitorId, conversationId, ws } = await endedChat();
    await request(visitor, 'chat.end', { conversationId });
    const none = await visitor.timeout(5000).emitWithAck('transcript.email', { conversationId });
    expect(none.ok).toBe(false);
    expect(none.error.message).toBe('Please enter your email address.');

    await h.database.db.update(visitors).set({ email: 'known@example.com' }).where(eq(visitors.id, visitorId));
    const sent = await request(visitor, 'transcript.email', { conversationId });
    expect(sent).toMatchObject({ queued: true, to: 'known@example.com' });
    await sink.waitFor(() => sink.to('known@example.com').length >= 1, 20_000, 'the transcript to the known email');

    const { socket: stranger } = await h.visitor(node, ws.widgetKey);
    const refused = await stranger.timeout(5000).emitWithAck('transcript.email', { conversationId, email: 'thief@example.com' });
    expect(refused.ok).toBe(false);
    expect(refused.error.code).toBe('forbidden');
    expect(sink.to('thief@example.com')).toHaveLength(0);
  });

  it('is emailed automatically at the end of a chat with a known email when End of Chat says so (off by default), once', async () => {
    const off = await endedChat();
    await h.database.db.update(visitors).set({ email: 'off@example.com' }).where(eq(visitors.id, off.visitorId));
    await request(off.visitor, 'chat.end', { conversationId: off.conversationId });

    const on = await endedChat();
    await h.saveSettings(node, on.ws.workspaceId, 'endOfChat', { emailTranscript: true });
    await h.database.db.update(visitors).set({ email: 'Auto@Example.com' }).where(eq(visitors.id, on.visitorId));
    await request(on.staff, 'chat.end', { conversationId: on.conversationId });

    await sink.waitFor(() => sink.to('auto@example.com').length >= 1, 20_000, 'the automatic transcript');
    const [mail] = sink.to('auto@example.com');
    expect(mail.parsed.subject).toMatch(/^Your chat with WS /);
    expect(mail.parsed.text).toContain('Do you ship to Norway?');
    expect(mail.parsed.text).toContain('because you chatted with WS ');
    expect(verifyReplyToken(TEST_AUTH_SECRET, mail.parsed.replyTo?.[0]?.address ?? '')).toEqual({ conversationId: on.conversationId });
    // Idempotent per conversation: the widget's request for the same address queues nothing more.
    expect((await request(on.visitor, 'transcript.email', { conversationId: on.conversationId })).queued).toBe(false);
    const rows = await h.database.db.select({ key: emailOutbox.idempotencyKey }).from(emailOutbox).where(like(emailOutbox.idempotencyKey, `visitor:${on.conversationId}:%`));
    expect(rows).toHaveLength(1);
    // The workspace that did not turn it on: nothing.
    expect(await h.database.db.select().from(emailOutbox).where(like(emailOutbox.idempotencyKey, `visitor:${off.conversationId}:%`))).toHaveLength(0);
    expect(sink.to('off@example.com')).toHaveLength(0);
  });

  it("is written in the visitor's widget language (subject and fixed sentences)", async () => {
    const { visitor, visitorId, conversationId } = await endedChat();
    await expect.poll(async () => (await h.database.db.select().from(visitorDevices).where(eq(visitorDevices.visitorId, visitorId))).length).toBe(1);
    await h.database.db.update(visitorDevices).set({ language: 'fr-FR' }).where(eq(visitorDevices.visitorId, visitorId));
    await request(visitor, 'chat.end', { conversationId });
    await request(visitor, 'transcript.email', { conversationId, email: 'fleur@example.fr' });
    await sink.waitFor(() => sink.to('fleur@example.fr').length >= 1, 20_000, 'the French transcript');
    const [mail] = sink.to('fleur@example.fr');
    expect(mail.parsed.subject).toMatch(/^Votre discussion avec WS /);
    expect(mail.parsed.text).toContain('Vous');
    expect(mail.parsed.text).toContain('Commencée le');
    expect(mail.parsed.text).toContain('demandé une copie de votre discussion');
    expect(mail.parsed.text).toContain('Répondez à cet e-mail');
  });
});
