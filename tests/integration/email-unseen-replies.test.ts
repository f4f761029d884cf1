import { like } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { emailOutbox } from '../../src/db/schema';
import { verifyReplyToken } from '../../src/domain/email/reply-address';
import { nextEvent, request, TEST_AUTH_SECRET } from '../helpers/chat';
import { emailTestBed, startEmailWorkers } from '../helpers/email-workers';

/**
 * Issue 25 item 4: agent messages the visitor has not seen in the widget for N minutes (End of Chat setting)
 * are emailed to the visitor's known email: one email with all of them, signed Reply-To, in the language the
 * site chose for the widget (handshake `widgetLanguage` or `visitor.language`). Nothing once the visitor saw
 * them (`conversation.seen`), with the setting off, or without a known email.
 */
process.env.EMAIL_INBOUND_DOMAIN = 'inbound.chat.test';
process.env.MAIL_FROM = 'noreply@chat.test';
const bed = emailTestBed();
const { h, sink } = bed;

/** A chat between an online agent and a visitor identified by the site (`identify` name + email in the handshake). */
async function chat(auth: Record<string, unknown> = { name: 'Ana', email: 'Ana@Example.com' }, minutes = 0.02) {
  const ws = await h.createWorkspace(1);
  await h.saveSettings(bed.node, ws.workspaceId, 'endOfChat', { emailUnseenReplies: { enabled: true, minutes } });
  // `identify` with name and email makes the visitor a contact (their email is known) when CRM saving is on.
  await h.saveSettings(bed.node, ws.workspaceId, 'autoSave', { enabled: true });
  const staff = await h.staff(bed.node, ws.workspaceId, ws.agents[0].id);
  await request(staff, 'status.set', { status: 'online' });
  const visitor = h.raw(bed.node, '/visitor', { widgetKey: ws.widgetKey, ...auth });
  await nextEvent(visitor, 'session');
  const started = await request(visitor, 'chat.start', {});
  const conversationId: string = started.conversation.id;
  await request(visitor, 'message.send', { conversationId, clientMsgId: 'q', body: 'Do you ship to Norway?' });
  let n = 0;
  const say = async (body: string): Promise<number> => (await request(staff, 'message.send', { conversationId, clientMsgId: `a${++n}`, body })).message.seq;
  return { ws, staff, visitor, conversationId, say };
}

const unseenRows = async (conversationId: string) =>
  h.database.db.select({ to: emailOutbox.toAddress, key: emailOutbox.idempotencyKey }).from(emailOutbox).where(like(emailOutbox.idempotencyKey, `visitor:${conversationId}:unseen:%`));

describe('emails for agent replies the visitor has not seen', () => {
  it('a burst of replies never seen: one email with all of them, signed Reply-To, in the language the site chose, with the workspace logo', async () => {
    // 3 s: the three replies are all written before the first one's delay ends.
    const { ws, conversationId, say } = await chat({ name: 'Ana', email: 'Ana@Example.com', language: 'en-US', widgetLanguage: 'de', timeZone: 'Europe/Berlin' }, 0.05);
    // The workspace's email logo (Widget settings, https only) is at the top of every email.
    const refused = await bed.node.settings.save(ws.workspaceId, 'widget', { emailLogoUrl: 'http://cdn.example.com/logo.png' } as never, null).catch((e: Error) => e);
    expect(refused).toBeInstanceOf(Error);
    await h.saveSettings(bed.node, ws.workspaceId, 'widget', { emailLogoUrl: 'https://cdn.example.com/logo.png' });
    const seqs = [await say('Yes, we do.'), await say('Shipping takes 3 to 5 days.'), await say('Anything else?')];
    // One job per conversation and window (a tenth of the delay), named after its first message: the first
    // reply's job finds all three unseen, the oldest having waited the full delay.
    expect(await bed.jobs.result(`vu-${conversationId}-${seqs[0]}`)).toEqual({ result: 'sent' });
    const rows = await unseenRows(conversationId);
    expect(rows).toEqual([{ to: 'ana@example.com', key: `visitor:${conversationId}:unseen:${seqs[2]}:ana@example.com` }]);

    await sink.waitFor(() => sink.to('ana@example.com').length >= 1, 20_000, 'the unseen replies email');
    const [mail] = sink.to('ana@example.com');
    expect(mail.parsed.subject).toMatch(/^Neue Antwort von WS /);
    for (const text of ['Yes, we do.', 'Shipping takes 3 to 5 days.', 'Anything else?']) expect(mail.parsed.text).toContain(text);
    expect(mail.parsed.text).not.toContain('Do you ship to Norway?');
    expect(verifyReplyToken(TEST_AUTH_SECRET, mail.parsed.replyTo?.[0]?.address ?? '')).toEqual({ conversationId });
    expect(mail.parsed.html).toContain('lang="de"');
    // Times in German and in the browser's zone (reported at the handshake), not UTC.
    expect(mail.parsed.text).toMatch(/\d{2}:\d{2} MEZ/);
    expect(mail.parsed.text).not.toContain('UTC');
    expect(mail.parsed.html).toContain('src="https://cdn.example.com/logo.png"');
  });

  it('replies the visitor saw are not emailed; a later unseen one is, alone, in the language the site switched to', async () => {
    const { conversationId, visitor, say } = await chat();
    const seen = await say('Yes, we do.');
    expect(await request(visitor, 'conversation.seen', { conversationId, seq: seen })).toMatchObject({ seenSeq: seen });
    expect(await bed.jobs.result(`vu-${conversationId}-${seen}`)).toEqual({ result: 'seen' });
    expect(await unseenRows(conversationId)).toHaveLength(0);

    // The site switches the widget to French; the next reply stays unseen.
    expect(await request(visitor, 'visitor.language', { lang: 'fr-CA' })).toMatchObject({ lang: 'fr' });
    const unseen = await say('Le colis part demain.');
    expect(await bed.jobs.result(`vu-${conversationId}-${unseen}`)).toEqual({ result: 'sent' });
    await sink.waitFor(() => sink.to('ana@example.com').some((m) => (m.parsed.text ?? '').includes('Le colis part demain.')), 20_000, 'the email');
    const mail = sink.to('ana@example.com').find((m) => (m.parsed.text ?? '').includes('Le colis part demain.'))!;
    expect(mail.parsed.subject).toMatch(/^Nouvelle réponse de WS /);
    expect(mail.parsed.text).not.toContain('Yes, we do.');

    // Seeing it afterwards changes nothing already sent; a seen mark never moves back or past the last message.
    expect(await request(visitor, 'conversation.seen', { conversationId, seq: 1 })).toMatchObject({ seenSeq: seen });
    expect(await request(visitor, 'conversation.seen', { conversationId, seq: 10_000 })).toMatchObject({ seenSeq: unseen });
  });

  it('the visitor saw the first replies of a window: the later ones of that window are still emailed, by its job', async () => {
    const { conversationId, visitor, say } = await chat({ name: 'Cy', email: 'cy@example.com' }, 0.05);
    const first = await say('Yes, we do.');
    expect(await request(visitor, 'conversation.seen', { conversationId, seq: first })).toMatchObject({ seenSeq: first });
    const second = await say('It ships tomorrow.');
    expect(await bed.jobs.result(`vu-${conversationId}-${first}`)).toMatchObject({ result: expect.stringMatching(/^(sent|not_yet)$/) });
    // Whichever window the second reply fell in, it is emailed once, alone, after its own full delay.
    await sink.waitFor(() => sink.to('cy@example.com').length >= 1, 20_000, 'the email for the unseen second reply');
    const rows = await unseenRows(conversationId);
    expect(rows).toEqual([{ to: 'cy@example.com', key: `visitor:${conversationId}:unseen:${second}:cy@example.com` }]);
    expect(sink.to('cy@example.com')[0].parsed.text).toContain('It ships tomorrow.');
    expect(sink.to('cy@example.com')[0].parsed.text).not.toContain('Yes, we do.');
  });

  it('survives a worker restart: the job scheduled before the restart sends after it', async () => {
    const { conversationId, say } = await chat({ name: 'Bo', email: 'bo@example.com' }, 0.05);
    await bed.workers.close();
    const seq = await say('We have it in blue too.');
    bed.workers = await startEmailWorkers(h, bed.node, sink);
    expect(await bed.jobs.result(`vu-${conversationId}-${seq}`)).toEqual({ result: 'sent' });
    await sink.waitFor(() => sink.to('bo@example.com').length >= 1, 20_000, 'the email after the restart');
    expect(sink.to('bo@example.com')[0].parsed.text).toContain('We have it in blue too.');
  });

  it('nothing with the setting turned off meanwhile, or without a known email; marks and languages are checked', async () => {
    const off = await chat();
    const seq = await off.say('Yes, we do.');
    await h.saveSettings(bed.node, off.ws.workspaceId, 'endOfChat', { emailUnseenReplies: { enabled: false, minutes: 0.02 } });
    expect(await bed.jobs.result(`vu-${off.conversationId}-${seq}`)).toEqual({ result: 'turned_off' });

    const anonymous = await chat({});
    const anonymousSeq = await anonymous.say('Yes, we do.');
    expect(await bed.jobs.result(`vu-${anonymous.conversationId}-${anonymousSeq}`)).toEqual({ result: 'no_email' });
    expect([...(await unseenRows(off.conversationId)), ...(await unseenRows(anonymous.conversationId))]).toHaveLength(0);

    // Another visitor's conversation, a bad seq and an unknown language are refused.
    const stranger = await anonymous.visitor.timeout(5000).emitWithAck('conversation.seen', { conversationId: off.conversationId, seq: 1 });
    expect(stranger).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const bad = await anonymous.visitor.timeout(5000).emitWithAck('conversation.seen', { conversationId: anonymous.conversationId, seq: -1 });
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    const lang = await anonymous.visitor.timeout(5000).emitWithAck('visitor.language', { lang: 'klingon' });
    expect(lang).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  });
});
