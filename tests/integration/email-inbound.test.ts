import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachments, emailOutbox, messages } from '../../src/db/schema';
import { replyAddress } from '../../src/domain/email/reply-address';
import type { RealtimeServer } from '../../src/realtime/server';
import { ChatHarness, nextEvent, request, TEST_AUTH_SECRET } from '../helpers/chat';
import { startWebServices, stopWebServices } from '../helpers/web';

/**
 * Issue 25 item 4: a visitor's email reply comes back into the conversation (POST /api/email/inbound, raw
 * MIME): found by the signed reply+ address or by In-Reply-To; quoted text, Outlook header blocks and
 * signatures stripped; an attachment stored through the attachment store; a forged token appends nothing.
 */
const SECRET = 'inbound-webhook-secret-0123456789';
process.env.EMAIL_INBOUND_DOMAIN = 'inbound.chat.test';
process.env.MAIL_FROM = 'noreply@chat.test';
const h = new ChatHarness();
let node: RealtimeServer;
let inbound: typeof import('../../src/app/api/email/inbound/route');

beforeAll(async () => {
  await h.setup();
  node = await h.startNode();
  await startWebServices(h, { EMAIL_WEBHOOK_SECRET: SECRET, EMAIL_INBOUND_DOMAIN: 'inbound.chat.test', MAIL_FROM: 'noreply@chat.test' });
  inbound = await import('../../src/app/api/email/inbound/route');
});
afterAll(async () => {
  await stopWebServices();
  await h.teardown();
});

function post(raw: string, secret = SECRET) {
  return inbound.POST(new Request('http://chat.test/api/email/inbound', { method: 'POST', headers: { authorization: `Bearer ${secret}`, 'content-type': 'message/rfc822' }, body: raw.replace(/\n/g, '\r\n') }));
}

function gmailReply(to: string, messageId: string, body: string) {
  return `From: Ana <ana@example.com>
To: ${to}
Subject: Re: Your chat with Demo
Message-ID: ${messageId}
Date: Mon, 7 Dec 2026 10:00:00 +0000
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="b1"

--b1
Content-Type: text/plain; charset=utf-8

${body}

On Mon, 7 Dec 2026 at 09:00, Demo <noreply@chat.test> wrote:
> Yes, in 3 to 5 days.
> Earlier text

--
Ana Example
Product buyer
--b1
Content-Type: text/plain; name="order.txt"
Content-Disposition: attachment; filename="order.txt"
Content-Transfer-Encoding: base64

${Buffer.from('Order 1234: 2 chairs').toString('base64')}
--b1--
`;
}

function outlookReply(inReplyTo: string, body: string) {
  return `From: Ana <ana@example.com>
To: support@chat.test
Subject: RE: Your chat with Demo
Message-ID: <outlook-1@example.com>
In-Reply-To: ${inReplyTo}
References: ${inReplyTo}
Thread-Index: AQHZ1234
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

${body}

________________________________
From: Demo <noreply@chat.test>
Sent: Monday, December 7, 2026 9:00 AM
To: Ana <ana@example.com>
Subject: Your chat with Demo

Yes, in 3 to 5 days.
`;
}

async function chat() {
  const ws = await h.createWorkspace(1);
  const agent = ws.agents[0];
  const staff = await h.staff(node, ws.workspaceId, agent.id);
  await request(staff, 'status.set', { status: 'online' });
  const { socket: visitor } = await h.visitor(node, ws.widgetKey);
  const started = await request(visitor, 'chat.start', {});
  const conversationId: string = started.conversation.id;
  await request(visitor, 'message.send', { conversationId, clientMsgId: 'q', body: 'Do you ship to Norway?' });
  return { ws, staff, visitor, conversationId };
}

const countMessages = async () => (await h.database.db.select({ id: messages.id }).from(messages)).length;

describe('inbound email replies', () => {
  it('a reply to the signed address lands in the open conversation, without the quote and signature, with its file; the agent sees it live', async () => {
    const { staff, conversationId } = await chat();
    const seen = nextEvent<{ body: string; conversationId: string }>(staff, 'message', (p) => p.conversationId === conversationId && p.body.startsWith('Great'));
    const res = await post(gmailReply(replyAddress(TEST_AUTH_SECRET, conversationId, 'inbound.chat.test'), '<gmail-1@example.com>', 'Great, please send 2 chairs.\nThanks!'));
    expect(res.status).toBe(200);
    const json = await res.json();
    expect(json).toMatchObject({ conversationId, newConversation: false, refusedFiles: [] });
    const event = await seen;
    expect(event.body).toBe('Great, please send 2 chairs.\nThanks!');
    const [stored] = await h.database.db.select().from(messages).where(eq(messages.id, json.messageId));
    expect(stored.senderType).toBe('visitor');
    expect(stored.body).not.toContain('wrote:');
    expect(stored.body).not.toContain('Product buyer');
    const files = await h.database.db.select({ name: attachments.name }).from(attachments).where(eq(attachments.messageId, json.messageId));
    expect(files.map((f) => f.name)).toEqual(['order.txt']);

    // The same mail posted again (an inbound service retrying) is one message.
    const before = await countMessages();
    expect((await post(gmailReply(replyAddress(TEST_AUTH_SECRET, conversationId, 'inbound.chat.test'), '<gmail-1@example.com>', 'Great, please send 2 chairs.\nThanks!'))).status).toBe(200);
    expect(await countMessages()).toBe(before);
  });

  it('an Outlook reply without the token is found by In-Reply-To; the chat had ended, so a new conversation starts', async () => {
    const { visitor, conversationId } = await chat();
    await request(visitor, 'chat.end', { conversationId });
    await request(visitor, 'transcript.email', { conversationId, email: 'ana@example.com' });
    const [row] = await h.database.db.select({ id: emailOutbox.id }).from(emailOutbox).where(like(emailOutbox.idempotencyKey, `visitor:${conversationId}:%`));
    const res = await post(outlookReply(`<${row.id}@chat.test>`, 'One more question: do you ship to Iceland?'));
    expect(res.status).toBe(200);
    const json = await res.json();
    expect(json.newConversation).toBe(true);
    expect(json.conversationId).not.toBe(conversationId);
    const [stored] = await h.database.db.select().from(messages).where(and(eq(messages.id, json.messageId), eq(messages.conversationId, json.conversationId)));
    expect(stored.body).toBe('One more question: do you ship to Iceland?');
  });

  it('a forged token is refused (401) and an unknown thread (404): nothing is appended; a wrong secret is 401', async () => {
    const { conversationId } = await chat();
    const before = await countMessages();
    const good = replyAddress(TEST_AUTH_SECRET, conversationId, 'inbound.chat.test');
    const forged = good.replace(/\.([0-9a-f]{20})@/, '.0000000000000000dead@');
    expect((await post(gmailReply(forged, '<forged@example.com>', 'Let me in'))).status).toBe(401);
    const otherSecret = replyAddress('another-secret-another-secret-another', conversationId, 'inbound.chat.test');
    expect((await post(gmailReply(otherSecret, '<forged2@example.com>', 'Let me in'))).status).toBe(401);
    expect((await post(outlookReply('<00000000-0000-4000-8000-000000000000@chat.test>', 'Who am I?'))).status).toBe(404);
    expect((await post(gmailReply(good, '<x@example.com>', 'hi'), 'wrong-secret-wrong-secret-wrong')).status).toBe(401);
    expect(await countMessages()).toBe(before);
  });
});

