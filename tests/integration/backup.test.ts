import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AttachmentDto } from '../../src/domain/conversations/types';
import type { RealtimeServer } from '../../src/realtime/server';
import { ChatHarness, nextEvent, request, type TestWorkspace } from '../helpers/chat';
import { databaseUrl, quoteIdent, withAdminClient } from '../helpers/db';
import { startWebServices, stopWebServices } from '../helpers/web';

/**
 * Issue 22: `npm run backup` then `npm run restore` (the real scripts, run as the operator would) of a
 * workspace with chats and attachments, into a fresh database and a fresh attachment directory: every
 * conversation, message and file is there, byte for byte.
 */
const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '..', '..');
const h = new ChatHarness();
const work = mkdtempSync(path.join(tmpdir(), 'lc-backup-'));
const dir = path.join(work, 'attachments');
const restoredDir = path.join(work, 'restored-attachments');
const restoredDb = `livechat_restore_${Math.random().toString(36).slice(2, 10)}`;
let node: RealtimeServer;
let auth: typeof import('../../src/lib/auth');
let uploadRoute: typeof import('../../src/app/api/attachments/route');
let ws: TestWorkspace;

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const script = (name: string, args: string[], env: Record<string, string>) =>
  run(path.join(ROOT, 'node_modules', '.bin', 'tsx'), [path.join(ROOT, 'scripts', name), ...args], { cwd: ROOT, env: { ...process.env, ...env }, timeout: 120_000 });

beforeAll(async () => {
  Object.assign(process.env, { ATTACHMENTS_DIR: dir });
  await h.setup();
  node = await h.startNode();
  auth = await startWebServices(h, { ATTACHMENTS_DIR: dir });
  uploadRoute = await import('../../src/app/api/attachments/route');
  ws = await h.createWorkspace(1, { receptionLimit: 10 });
  const agent = await h.staff(node, ws.workspaceId, ws.agents[0].id);
  await request(agent, 'status.set', { status: 'online' });
  // Two chats, each with text both ways and a photo from the visitor.
  for (const n of [1, 2]) {
    const socket = h.raw(node, '/visitor', { widgetKey: ws.widgetKey });
    const session = await nextEvent<{ token: string }>(socket, 'session');
    const { conversation } = await request(socket, 'chat.start', {});
    await request(socket, 'message.send', { conversationId: conversation.id, clientMsgId: `v${n}`, body: `hello from visitor ${n}` });
    await request(agent, 'message.send', { conversationId: conversation.id, clientMsgId: `a${n}`, body: `hello back ${n}` });
    const image = await sharp({ create: { width: 60 + n, height: 40, channels: 3, background: { r: 10 * n, g: 90, b: 200 } } }).png().toBuffer();
    auth.setSessionResolver(async () => null);
    const res = await uploadRoute.POST(new Request(`http://localhost/api/attachments?conversationId=${conversation.id}&name=photo-${n}.png`, { method: 'POST', headers: { authorization: `Bearer ${session.token}` }, body: new Uint8Array(image) }));
    const { attachment } = (await res.json()) as { attachment: AttachmentDto };
    await request(socket, 'message.send', { conversationId: conversation.id, clientMsgId: `f${n}`, body: '', attachmentIds: [attachment.id] });
  }
});

afterAll(async () => {
  await stopWebServices();
  await h.teardown();
  await withAdminClient((c) => c.query(`drop database if exists ${quoteIdent(restoredDb)} with (force)`)).catch(() => {});
  rmSync(work, { recursive: true, force: true });
});

async function snapshot(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const q = async (text: string) => (await client.query(text, [ws.workspaceId])).rows;
    return {
      workspace: await q('select id, name, widget_key from workspaces where id = $1'),
      users: await q('select id, email, password_hash from users where workspace_id = $1 order by email'),
      conversations: await q('select id, status, visitor_id, agent_id from conversations where workspace_id = $1 order by id'),
      messages: await q('select id, conversation_id, seq, sender_type, body from messages where workspace_id = $1 order by conversation_id, seq'),
      attachments: await q('select id, name, mime, size, storage_key, thumb_key from attachments where workspace_id = $1 order by id'),
      searchable: await q(`select count(*)::int as n from message_search where workspace_id = $1 and body_tsv @@ plainto_tsquery('simple', 'visitor')`),
      migrations: (await client.query('select count(*)::int as n from drizzle.__drizzle_migrations')).rows,
    };
  } finally {
    await client.end();
  }
}

describe('backup and restore', () => {
  it('npm run backup, then npm run restore into a fresh database and directory: everything is there', async () => {
    const original = await snapshot(h.database.url);
    expect(original.messages.filter((m) => m.sender_type !== 'system').length).toBeGreaterThanOrEqual(6);
    expect(original.attachments).toHaveLength(2);

    const out = path.join(work, 'backup-1');
    const made = await script('backup.ts', [out], { DATABASE_URL: h.database.url, ATTACHMENTS_DIR: dir });
    expect(made.stdout).toMatch(/attachment files/);
    const manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ format: 'livechat-backup/1', attachments: { storage: 'local', files: 4 } }); // 2 files + 2 thumbnails

    const target = databaseUrl(restoredDb);
    await script('restore.ts', [out], { DATABASE_URL: target, ATTACHMENTS_DIR: restoredDir });
    const restored = await snapshot(target);
    expect(restored).toEqual(original);
    for (const a of original.attachments as { storage_key: string; thumb_key: string | null }[]) {
      for (const key of [a.storage_key, a.thumb_key].filter((k): k is string => Boolean(k))) {
        expect(existsSync(path.join(restoredDir, key))).toBe(true);
        expect(sha(path.join(restoredDir, key))).toBe(sha(path.join(dir, key)));
      }
    }

    // A second restore over the now non-empty database is refused without --force.
    await expect(script('restore.ts', [out], { DATABASE_URL: target, ATTACHMENTS_DIR: path.join(work, 'other') })).rejects.toMatchObject({ stderr: expect.stringMatching(/not empty.*--force/) });
  });
});
