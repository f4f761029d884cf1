import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailOutbox } from '../../src/db/schema';
import { queueEmail } from '../../src/domain/email/outbox';
import { ChatHarness } from '../helpers/chat';
import { TEST_REDIS_URL } from '../helpers/db';
import { SmtpSink } from '../helpers/smtp-sink';
import { spawnWorker, type WorkerProcess } from '../helpers/worker-process';

/**
 * Issue 25: the REAL worker process (`tsx src/worker/main.ts`) is killed (SIGKILL) while the SMTP server
 * holds the messages' DATA unanswered (sends in flight); after a restart every email is sent exactly once
 * per idempotency key. (A crash in the milliseconds between the server's 250 and the row's update would
 * repeat that one email, with the same Message-ID: docs/email.md, Guarantees.)
 */
const h = new ChatHarness();
const sink = new SmtpSink();
const workers = new Set<WorkerProcess>();

async function startWorkerProcess(): Promise<WorkerProcess> {
  const worker = await spawnWorker({
    databaseUrl: h.database.url,
    redisUrl: TEST_REDIS_URL,
    redisPrefix: h.prefix,
    extra: { SMTP_URL: sink.url, MAIL_FROM: 'noreply@chat.test', EMAIL_RETRY_BASE_MS: '200', EMAIL_RELAY_POLL_MS: '50', EMAIL_STALLED_MS: '1500', EMAIL_SEND_TIMEOUT_MS: '1000' },
  });
  workers.add(worker);
  return worker;
}

beforeAll(async () => {
  await h.setup();
  await sink.start();
});
afterAll(async () => {
  await Promise.all([...workers].map((w) => w.kill()));
  await sink.stop();
  await h.teardown();
});

describe('email survives a worker crash', () => {
  it('kill -9 mid-send: after a restart each key is sent exactly once', async () => {
    const ws = await h.createWorkspace(0);
    const db = h.database.db;
    const queue = (n: number) =>
      db.transaction((tx) =>
        queueEmail(tx, { workspaceId: ws.workspaceId, idempotencyKey: `test:${n}:r${n}@example.test`, kind: 'test', fromName: 'Crash Co', to: `r${n}@example.test`, subject: `Mail ${n}`, html: `<p>${n}</p>`, text: `${n}` }),
      );
    // The same cause queued twice is one email.
    expect(await queue(0)).toBe(true);
    expect(await queue(0)).toBe(false);
    for (let i = 1; i < 5; i++) await queue(i);

    // The server answers no DATA while the first worker runs: it dies with sends in flight, none accepted.
    sink.holdAll = true;
    const first = await startWorkerProcess();
    await sink.waitFor(() => sink.dataStarted >= 3, 60_000, 'sends in flight');
    await first.kill();
    expect(sink.received).toHaveLength(0);
    sink.holdAll = false;

    // Emails queued while no worker runs are not lost either.
    for (let i = 5; i < 10; i++) await queue(i);
    await startWorkerProcess();
    await sink.waitFor(() => new Set(sink.received.map((m) => m.to[0])).size === 10, 60_000, 'all ten emails');
    await expect.poll(async () => (await db.select({ s: emailOutbox.status }).from(emailOutbox).where(eq(emailOutbox.workspaceId, ws.workspaceId))).every((r) => r.s === 'sent'), { timeout: 15_000 }).toBe(true);
    // A moment more for any duplicate to show up: none does.
    await new Promise((r) => setTimeout(r, 1500));
    const perRecipient = new Map<string, number>();
    for (const m of sink.received) perRecipient.set(m.to[0], (perRecipient.get(m.to[0]) ?? 0) + 1);
    expect([...perRecipient.values()]).toEqual(Array(10).fill(1));
    // The interrupted emails were tried twice (the first DATA never answered) and accepted once, with their row's Message-ID.
    const rows = await db.select().from(emailOutbox).where(eq(emailOutbox.workspaceId, ws.workspaceId));
    expect(rows.some((r) => r.attempts >= 2)).toBe(true);
    for (const row of rows) expect(sink.received.find((m) => m.to[0] === row.toAddress)!.messageId).toBe(`<${row.id}@chat.test>`);
  }, 240_000);
});
