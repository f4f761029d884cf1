import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { outbox } from '../../src/db/schema';
import type { SessionUser } from '../../src/domain/accounts/service';
import { LinkSigner } from '../../src/domain/attachments/signing';
import type { AttachmentDto, MessageDto } from '../../src/domain/conversations/types';
import type { RealtimeServer } from '../../src/realtime/server';
import { ChatHarness, nextEvent, request, TEST_AUTH_SECRET, type TestWorkspace } from '../helpers/chat';
import { TEST_REDIS_URL } from '../helpers/db';
import { startWebServices, stopWebServices } from '../helpers/web';

/**
 * Attachments end to end (F11): the upload and download route handlers called as functions with real
 * Requests, a real realtime node carrying the messages, local-disk storage in a temp directory.
 */

const h = new ChatHarness();
const dir = mkdtempSync(path.join(tmpdir(), 'lc-attachments-'));
const MAX_BYTES = 300_000;
let node: RealtimeServer;
let auth: typeof import('../../src/lib/auth');
let uploadRoute: typeof import('../../src/app/api/attachments/route');
let fileRoute: typeof import('../../src/app/api/files/[id]/[variant]/route');
let a: TestWorkspace;
let b: TestWorkspace;
let agentA: SessionUser;
let agentB: SessionUser;
let visitor: Awaited<ReturnType<ChatHarness['visitor']>>;
let agentSocket: Awaited<ReturnType<ChatHarness['staff']>>;
let conversationId: string;


async function upload(data: Buffer, options: { conversation?: string; name?: string; token?: string; session?: SessionUser | null } = {}) {
  auth.setSessionResolver(async () => options.session ?? null);
  const query = new URLSearchParams({ conversationId: options.conversation ?? conversationId, name: options.name ?? 'file.bin' });
  const req = new Request(`http://localhost/api/attachments?${query}`, {
    method: 'POST',
    headers: options.token ? { authorization: `Bearer ${options.token}` } : {},
    body: new Uint8Array(data),
  });
  const res = await uploadRoute.POST(req);
  return { status: res.status, json: (await res.json()) as { ok: boolean; attachment: AttachmentDto; error: { code: string; message: string } } };
}

async function download(url: string) {
  const u = new URL(url);
  const [, , , id, variant] = u.pathname.split('/');
  const res = await fileRoute.GET(new Request(`http://localhost${u.pathname}${u.search}`), { params: Promise.resolve({ id, variant }) });
  return { res, body: Buffer.from(await res.arrayBuffer()) };
}

/** A JPEG carrying EXIF (camera, GPS-like comment) that must not survive. */
function photoWithExif(): Promise<Buffer> {
  return sharp({ create: { width: 800, height: 600, channels: 3, background: { r: 200, g: 40, b: 40 } } })
    .jpeg()
    .withExif({ IFD0: { Make: 'SecretCam', Copyright: 'GPS 52.52N 13.40E' } })
    .toBuffer();
}

beforeAll(async () => {
  Object.assign(process.env, {
    ATTACHMENTS_DIR: dir,
    ATTACHMENT_MAX_BYTES: String(MAX_BYTES),
    DATABASE_URL: '',
    AUTH_SECRET: TEST_AUTH_SECRET,
  });
  await h.setup();
  node = await h.startNode();
  auth = await startWebServices(h);
  uploadRoute = await import('../../src/app/api/attachments/route');
  fileRoute = await import('../../src/app/api/files/[id]/[variant]/route');

  a = await h.createWorkspace(1);
  b = await h.createWorkspace(1);
  agentA = { id: a.agents[0].id, workspaceId: a.workspaceId, email: 'a@x.test', name: 'Agent 1', role: 'agent' };
  agentB = { id: b.agents[0].id, workspaceId: b.workspaceId, email: 'b@x.test', name: 'Agent 1', role: 'agent' };
  agentSocket = await h.staff(node, a.workspaceId, a.agents[0].id);
  await request(agentSocket, 'status.set', { status: 'online' });
  visitor = await h.visitor(node, a.widgetKey);
  const started = await request(visitor.socket, 'chat.start', {});
  expect(started.conversation.status).toBe('active');
  conversationId = started.conversation.id;
});

afterEach(() => auth?.setSessionResolver(null));

afterAll(async () => {
  await stopWebServices();
  await h.teardown();
  rmSync(dir, { recursive: true, force: true });
});

describe('attachments', () => {
  it('a visitor sends a photo: EXIF stripped, thumbnail made, the agent gets signed links, history and webhooks carry it', async () => {
    const original = await photoWithExif();
    expect((await sharp(original).metadata()).exif).toBeDefined();
    const up = await upload(original, { token: visitor.session.token, name: '../../holiday.jpg' });
    expect(up.status).toBe(201);
    expect(up.json.attachment).toMatchObject({ name: 'holiday.jpg', mime: 'image/jpeg', kind: 'image', width: 800, height: 600 });
    expect(up.json.attachment.thumbUrl).toMatch(/\/api\/files\/.+\/thumb\?e=\d+&s=/);

    const seen = nextEvent<MessageDto>(agentSocket, 'message', (m) => Boolean(m.attachments?.length));
    const sent = await request(visitor.socket, 'message.send', { conversationId, clientMsgId: 'photo-1', body: '', attachmentIds: [up.json.attachment.id] });
    expect(sent.ok).toBe(true);
    const message = await seen;
    expect(message.body).toBe('');
    expect(message.attachments![0]).toMatchObject({ id: up.json.attachment.id, name: 'holiday.jpg' });

    const file = await download(message.attachments![0].url);
    expect(file.res.status).toBe(200);
    expect(file.res.headers.get('content-type')).toBe('image/jpeg');
    expect(file.res.headers.get('content-disposition')).toMatch(/^inline;/);
    expect(file.res.headers.get('x-content-type-options')).toBe('nosniff');
    // Issue 22 item 6: sandboxed if opened directly (no script, nothing loaded).
    expect(file.res.headers.get('content-security-policy')).toBe("sandbox; default-src 'none'");
    const meta = await sharp(file.body).metadata();
    expect(meta.exif).toBeUndefined();
    expect(file.body.includes(Buffer.from('SecretCam'))).toBe(false);
    const thumb = await download(message.attachments![0].thumbUrl!);
    expect(thumb.res.headers.get('content-type')).toBe('image/webp');
    expect(thumb.res.headers.get('content-security-policy')).toBe("sandbox; default-src 'none'");
    expect(thumb.res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Math.max((await sharp(thumb.body).metadata()).width!, (await sharp(thumb.body).metadata()).height!)).toBeLessThanOrEqual(320);

    // A retried send with the same clientMsgId returns the same message with its file (no duplicate).
    const retried = await request(visitor.socket, 'message.send', { conversationId, clientMsgId: 'photo-1', body: '', attachmentIds: [up.json.attachment.id] });
    expect(retried.message.id).toBe(sent.message.id);
    expect(retried.message.attachments).toHaveLength(1);
    // The same upload cannot be sent again in another message.
    const again = await request(visitor.socket, 'message.send', { conversationId, clientMsgId: 'photo-2', body: 'again', attachmentIds: [up.json.attachment.id] });
    expect(again).toMatchObject({ ok: false, error: { code: 'bad_request' } });

    // History (both sides) carries the attachment with fresh links.
    const history = await request(agentSocket, 'history', { conversationId });
    const withFile = history.messages.find((m: MessageDto) => m.id === sent.message.id);
    expect(withFile.attachments[0].url).toContain(up.json.attachment.id);
    const visitorHistory = await request(visitor.socket, 'history', { conversationId });
    expect(visitorHistory.messages.some((m: MessageDto) => m.attachments?.[0]?.id === up.json.attachment.id)).toBe(true);

    // Webhooks: a message.attachments event with a day-long signed link.
    const [event] = await h.database.db.select().from(outbox).where(and(eq(outbox.conversationId, conversationId), eq(outbox.type, 'message.attachments')));
    const payload = event.payload as { messageId: string; attachments: { url: string; name: string }[] };
    expect(payload.messageId).toBe(sent.message.id);
    expect(payload.attachments[0].name).toBe('holiday.jpg');
    expect((await download(payload.attachments[0].url)).res.status).toBe(200);
  });

  it('the agent replies with a file: served as a download, never inline', async () => {
    const text = Buffer.from('Order 1234\nShipped on Monday\n');
    const up = await upload(text, { session: agentA, name: 'invoice.txt' });
    expect(up.status).toBe(201);
    expect(up.json.attachment).toMatchObject({ mime: 'text/plain', kind: 'file', size: text.length, thumbUrl: null });
    const seen = nextEvent<MessageDto>(visitor.socket, 'message', (m) => Boolean(m.attachments?.length));
    const sent = await request(agentSocket, 'message.send', { conversationId, clientMsgId: 'file-1', body: 'Here is your invoice', attachmentIds: [up.json.attachment.id] });
    expect(sent.ok).toBe(true);
    const message = await seen;
    expect(message.body).toBe('Here is your invoice');
    const file = await download(message.attachments![0].url);
    expect(file.res.headers.get('content-disposition')).toMatch(/^attachment; filename="invoice.txt"/);
    expect(file.body.equals(text)).toBe(true);
  });

  it('only participants may upload: another visitor, another workspace, nobody signed in are refused', async () => {
    const png = await sharp({ create: { width: 10, height: 10, channels: 3, background: '#00f' } }).png().toBuffer();
    const other = await h.visitor(node, a.widgetKey);
    expect((await upload(png, { token: other.session.token })).json.error.code).toBe('forbidden');
    expect((await upload(png, { session: agentB })).json.error.code).toBe('forbidden');
    expect((await upload(png, {})).status).toBe(401);
    expect((await upload(png, { token: 'forged.token.value' })).status).toBe(401);
    // Someone else's upload id cannot be attached to one's own message.
    const mine = await upload(png, { token: visitor.session.token });
    const otherChat = await request(other.socket, 'chat.start', {});
    const stolen = await request(other.socket, 'message.send', { conversationId: otherChat.conversation.id, clientMsgId: 's1', body: 'x', attachmentIds: [mine.json.attachment.id] });
    expect(stolen).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  });

  it('refuses oversize and disallowed types with a clear error, whatever the file is called', async () => {
    const big = await upload(Buffer.alloc(MAX_BYTES + 1, 1), { token: visitor.session.token, name: 'big.txt' });
    expect(big.status).toBe(413);
    expect(big.json.error).toMatchObject({ code: 'payload_too_large' });
    expect(big.json.error.message).toMatch(/limit is 293 KB/);
    const svg = await upload(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), { token: visitor.session.token, name: 'cat.png' });
    expect(svg.status).toBe(415);
    expect(svg.json.error.message).toMatch(/SVG image/);
    const html = await upload(Buffer.from('<!DOCTYPE html><html><body><script>alert(1)</script></body></html>'), { token: visitor.session.token, name: 'page.txt' });
    expect(html.json.error.code).toBe('unsupported_type');
    const exe = await upload(Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0)]), { token: visitor.session.token, name: 'photo.jpg' });
    expect(exe.json.error.code).toBe('unsupported_type');
  });

  it('refuses forged and expired links', async () => {
    const png = await sharp({ create: { width: 10, height: 10, channels: 3, background: '#0f0' } }).png().toBuffer();
    const up = await upload(png, { token: visitor.session.token });
    const id = up.json.attachment.id;
    const forged = up.json.attachment.url.replace(/s=[^&]+/, 's=AAAA');
    expect((await download(forged)).res.status).toBe(404);
    const otherVariant = up.json.attachment.url.replace('/file?', '/thumb?');
    expect((await download(otherVariant)).res.status).toBe(404);
    const signer = new LinkSigner(TEST_AUTH_SECRET, 'http://localhost:3000');
    const expired = await download(signer.url(id, 'file', 60, Date.now() - 3_600_000));
    expect(expired.res.status).toBe(403);
    expect(JSON.parse(expired.body.toString()).error.message).toMatch(/expired/);
    expect((await download(signer.url(id, 'file', 60))).res.status).toBe(200);
  });

  it('the console can turn attachments off per side', async () => {
    const png = await sharp({ create: { width: 10, height: 10, channels: 3, background: '#000' } }).png().toBuffer();
    // Uploaded while allowed, sent after the switch: refused at send time too.
    const early = await upload(png, { token: visitor.session.token });
    expect(early.status).toBe(201);
    await h.saveSettings(node, a.workspaceId, 'attachments', { visitor: false, agent: true });
    try {
      const refused = await upload(png, { token: visitor.session.token });
      expect(refused.json.error).toMatchObject({ code: 'forbidden', message: 'Sending files is turned off in this chat' });
      const late = await request(visitor.socket, 'message.send', { conversationId, clientMsgId: 'late-file', body: 'here', attachmentIds: [early.json.attachment.id] });
      expect(late).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect((await upload(png, { session: agentA })).status).toBe(201);

      await h.saveSettings(node, a.workspaceId, 'attachments', { visitor: true, agent: false });
      expect((await upload(png, { session: agentA })).json.error).toMatchObject({ code: 'forbidden' });
      expect((await upload(png, { token: visitor.session.token })).status).toBe(201);
    } finally {
      await h.saveSettings(node, a.workspaceId, 'attachments', { visitor: true, agent: true });
    }
  });
});
