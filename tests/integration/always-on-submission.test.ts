import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversations, submissions, visitors } from '../../src/db/schema';
import { SubmissionService } from '../../src/domain/submissions/service';
import type { RealtimeServer } from '../../src/realtime/server';
import { ChatHarness, nextEvent, request, type TestWorkspace } from '../helpers/chat';

const h = new ChatHarness();
let node: RealtimeServer;

beforeAll(async () => {
  await h.setup();
  node = await h.startNode();
});
afterAll(() => h.teardown());

const closedAllWeek = { enabled: true, workspace: { timezone: 'UTC', days: {}, holidays: [] } };

async function startChat(ws: TestWorkspace, options: { vip?: boolean } = {}) {
  const v = await h.visitor(node, ws.widgetKey);
  if (options.vip) await h.database.db.update(visitors).set({ vip: true }).where(eq(visitors.id, v.session.visitorId));
  const started = await request(v.socket, 'chat.start', {});
  expect(started.ok).toBe(true);
  return { ...v, conversationId: started.conversation.id as string, started };
}

async function statusOf(conversationId: string) {
  const [row] = await h.database.db.select().from(conversations).where(eq(conversations.id, conversationId));
  return row;
}

describe('always-on reception', () => {
  it.each([
    ['oldest', [0, 1, 2]],
    ['newest', [2, 1, 0]],
    ['vip', [1, 0, 2]],
  ] as const)('puts chats no online agent can take in the Unassigned pool and pulls them in %s order', async (order, expected) => {
    const ws = await h.createWorkspace(1, { receptionLimit: 1 });
    await h.saveSettings(node, ws.workspaceId, 'mode', { mode: 'always_on', alwaysOn: { assignTo: 'online_agents', unassignedOrder: order } });
    const chats = [await startChat(ws), await startChat(ws, { vip: true }), await startChat(ws)];
    for (const c of chats) expect(c.started.conversation.status).toBe('unassigned');

    // The visitor can always write, with no queue and no submission.
    const written = await request(chats[0].socket, 'message.send', { conversationId: chats[0].conversationId, clientMsgId: 'm1', body: 'Anyone there? No rush.' });
    expect(written.ok).toBe(true);

    // Agents see the pool; the agent comes online and the pool is pulled in the configured order.
    const agent = await h.staff(node, ws.workspaceId, ws.agents[0].id);
    expect((await request(agent, 'pool.list', {})).conversations).toHaveLength(3);
    await request(agent, 'status.set', { status: 'online' });
    const served: number[] = [];
    for (let round = 0; round < 3; round++) {
      const active = await Promise.all(chats.map((c) => statusOf(c.conversationId)));
      const current = active.findIndex((r) => r.status === 'active');
      served.push(current);
      await request(agent, 'chat.end', { conversationId: chats[current].conversationId });
    }
    expect(served).toEqual(expected);
  });

  it('lets agents claim from the pool, telling every staff socket; "all agents" assigns to offline agents too', async () => {
    const ws = await h.createWorkspace(2);
    await h.saveSettings(node, ws.workspaceId, 'mode', { mode: 'always_on' });
    const observer = await h.staff(node, ws.workspaceId, ws.agents[1].id);
    const entered = nextEvent<{ inPool: boolean }>(observer, 'pool.changed', (e) => e.inPool);
    const chat = await startChat(ws);
    await entered;
    const claimer = await h.staff(node, ws.workspaceId, ws.agents[0].id);
    // Offline agents cannot claim.
    expect((await request(claimer, 'pool.claim', { conversationId: chat.conversationId })).error.code).toBe('invalid_state');
    // A busy agent gets no automatic assignments but may pick a chat by hand.
    await request(claimer, 'status.set', { status: 'busy' });
    const left = nextEvent<{ inPool: boolean }>(observer, 'pool.changed', (e) => !e.inPool);
    const claimed = await request(claimer, 'pool.claim', { conversationId: chat.conversationId });
    expect(claimed.conversation).toMatchObject({ status: 'active', agentId: ws.agents[0].id });
    await left;
    await request(observer, 'status.set', { status: 'busy' });
    expect((await request(observer, 'pool.claim', { conversationId: chat.conversationId })).error.code).toBe('conflict');
    // The claimer can now write in it.
    expect((await request(claimer, 'message.send', { conversationId: chat.conversationId, clientMsgId: 'c1', body: 'Hi, I am here now.' })).ok).toBe(true);

    // Coming online pulls the pool at once.
    const second = await startChat(ws);
    expect(second.started.conversation.status).toBe('unassigned');
    await request(observer, 'status.set', { status: 'online' });
    expect((await statusOf(second.conversationId)).agentId).toBe(ws.agents[1].id);

    // "Assign to all agents": a registered agent under their limit gets the chat even while offline.
    await request(claimer, 'status.set', { status: 'offline' });
    await h.saveSettings(node, ws.workspaceId, 'mode', { mode: 'always_on', alwaysOn: { assignTo: 'all_agents' } });
    const later = await startChat(ws);
    expect(later.started.conversation.status).toBe('active');
    expect(ws.agents.map((a) => a.id)).toContain(later.started.conversation.agentId);
  });

  it('switching mode affects new conversations only, both ways', async () => {
    const ws = await h.createWorkspace(1);
    const queued = await startChat(ws);
    expect(queued.started.conversation.status).toBe('queued');
    await h.saveSettings(node, ws.workspaceId, 'mode', { mode: 'always_on' });
    const pooled = await startChat(ws);
    expect(pooled.started.conversation.status).toBe('unassigned');
    expect((await statusOf(queued.conversationId)).status).toBe('queued');
    await h.saveSettings(node, ws.workspaceId, 'mode', { mode: 'realtime' });
    const queuedAgain = await startChat(ws);
    expect(queuedAgain.started.conversation.status).toBe('queued');
    expect((await statusOf(pooled.conversationId)).status).toBe('unassigned');
    // The running conversations continue under their own mode when capacity appears.
    const agent = await h.staff(node, ws.workspaceId, ws.agents[0].id);
    await request(agent, 'status.set', { status: 'online' });
    for (const c of [queued, pooled, queuedAgain]) expect((await statusOf(c.conversationId)).status).toBe('active');
  });
});

describe('submission (leave a message)', () => {
  const form = {
    custom: [{ id: 'order', type: 'text', label: 'Order number', required: true, pattern: '^A-\\d{4}$', patternMessage: 'Order numbers look like A-1234' }],
  };

  async function offeredTrigger(v: Awaited<ReturnType<typeof h.visitor>>, start: () => Promise<unknown>): Promise<string> {
    const offered = nextEvent<{ kind: string; offer: { trigger: string; fields: { id: string }[] } }>(v.socket, 'notice', (n) => n.kind === 'submission_offered');
    await start();
    const notice = await offered;
    expect(notice.offer.fields.map((f) => f.id)).toEqual(['name', 'email', 'custom.order', 'content']);
    return notice.offer.trigger;
  }

  it('is offered outside working hours, with nobody online, when the queue is full and on queue timeout', async () => {
    const ws = await h.createWorkspace(1, { receptionLimit: 1 });
    await h.saveSettings(node, ws.workspaceId, 'submission', { enabled: true, form });

    await h.saveSettings(node, ws.workspaceId, 'workingHours', closedAllWeek);
    const offHours = await h.visitor(node, ws.widgetKey);
    expect(await offeredTrigger(offHours, () => request(offHours.socket, 'chat.start', {}))).toBe('outside_working_hours');
    await h.saveSettings(node, ws.workspaceId, 'workingHours', { enabled: false });

    const nobody = await h.visitor(node, ws.widgetKey);
    expect(await offeredTrigger(nobody, () => request(nobody.socket, 'chat.start', {}))).toBe('no_agent_online');

    const agent = await h.staff(node, ws.workspaceId, ws.agents[0].id);
    await request(agent, 'status.set', { status: 'online' });
    await h.saveSettings(node, ws.workspaceId, 'queue', { maxLength: 1, timeoutMinutes: 0 });
    expect((await startChat(ws)).started.conversation.status).toBe('active');
    expect((await startChat(ws)).started.conversation.status).toBe('queued');
    const full = await h.visitor(node, ws.widgetKey);
    expect(await offeredTrigger(full, () => request(full.socket, 'chat.start', {}))).toBe('queue_full');

    await h.startWorker();
    await h.saveSettings(node, ws.workspaceId, 'queue', { maxLength: 5, timeoutMinutes: 0.02, timeoutAction: 'offer_submission' });
    const waiting = await h.visitor(node, ws.widgetKey);
    expect(await offeredTrigger(waiting, () => request(waiting.socket, 'chat.start', {}))).toBe('queue_timeout');
  });

  it('is refused in always-on mode and when it was never offered', async () => {
    const ws = await h.createWorkspace(0);
    await h.saveSettings(node, ws.workspaceId, 'submission', { enabled: true });
    const v = await h.visitor(node, ws.widgetKey);
    const notOffered = await request(v.socket, 'submission.create', { fields: { email: 'a@b.co', content: 'Hi' } });
    expect(notOffered.error.code).toBe('invalid_state');
    await h.saveSettings(node, ws.workspaceId, 'mode', { mode: 'always_on' });
    const start = await request(v.socket, 'chat.start', {});
    expect(start.conversation.status).toBe('unassigned'); // no submission offered in always-on mode
    const refused = await request(v.socket, 'submission.create', { fields: { email: 'a@b.co', content: 'Hi' } });
    expect(refused.error).toMatchObject({ code: 'invalid_state', message: expect.stringMatching(/always open/) });
  });

  it('refuses invalid submissions with field errors and stores nothing; a valid one round-trips a reply', async () => {
    const ws = await h.createWorkspace(1);
    await h.saveSettings(node, ws.workspaceId, 'submission', { enabled: true, form, allowFollowUp: true });
    const v = await h.visitor(node, ws.widgetKey);
    await offeredTrigger(v, () => request(v.socket, 'chat.start', {}));

    // A reload brings the offered form back until it is sent.
    v.socket.disconnect();
    const reloaded = await h.visitor(node, ws.widgetKey, v.session.token);
    expect((reloaded.session as unknown as { offer: { trigger: string; fields: { id: string }[] } }).offer).toMatchObject({ trigger: 'no_agent_online' });
    Object.assign(v, reloaded);

    const invalid = await request(v.socket, 'submission.create', { fields: { email: 'not-an-email', 'custom.order': 'B-1' } });
    expect(invalid.error.code).toBe('bad_request');
    expect(Object.fromEntries(invalid.error.details.map((d: { path: string; message: string }) => [d.path, d.message]))).toMatchObject({
      email: 'Email: enter a valid email address',
      'custom.order': 'Order numbers look like A-1234',
      content: 'Message is required',
    });
    expect(await h.database.db.select().from(submissions).where(eq(submissions.workspaceId, ws.workspaceId))).toHaveLength(0);

    const staff = await h.staff(node, ws.workspaceId, ws.agents[0].id);
    const announced = nextEvent<{ id: string; number: number }>(staff, 'submission.created');
    const created = await request(v.socket, 'submission.create', { fields: { name: 'Ada', email: 'ada@example.com', 'custom.order': 'A-1234', content: 'My parcel is late.' } });
    expect(await announced).toMatchObject({ id: created.submission.id, number: 1 });
    expect(created.submission).toMatchObject({ number: 1, status: 'open', trigger: 'no_agent_online', fields: { name: 'Ada', 'custom.order': 'A-1234' } });
    // The offer is used up.
    expect((await request(v.socket, 'submission.create', { fields: { email: 'ada@example.com', 'custom.order': 'A-1234', content: 'Again' } })).error.code).toBe('invalid_state');

    // An agent replies from the inbox: the visitor sees it live, and in their history on return.
    const inbox = new SubmissionService(h.database.db, h.redis, node.settings, h.prefix);
    inbox.publishTo(node.chat.events); // as the composition wires it: the use case publishes its own events
    const page = await inbox.list(ws.workspaceId, { status: 'open' });
    expect(page.items.map((s) => s.id)).toEqual([created.submission.id]);
    const live = nextEvent<{ submissionId: string; message: { body: string } }>(v.socket, 'submission.reply');
    const { message } = await inbox.reply(ws.workspaceId, created.submission.id, ws.agents[0].id, 'We found it, it arrives tomorrow.');
    expect((await live).message.body).toBe('We found it, it arrives tomorrow.');
    v.socket.disconnect();
    const back = await h.visitor(node, ws.widgetKey, v.session.token);
    const history = await request(back.socket, 'submissions.list', {});
    expect(history.submissions[0]).toMatchObject({ status: 'in_progress' });
    expect(history.submissions[0].messages.map((m: { authorType: string; body: string }) => [m.authorType, m.body])).toEqual([['agent', 'We found it, it arrives tomorrow.']]);
    const followUp = await request(back.socket, 'submission.append', { submissionId: created.submission.id, body: 'Thank you!' });
    expect(followUp.submission.messages).toHaveLength(2);
  });

  it('pages the inbox by keyset over many submissions with filters', async () => {
    const ws = await h.createWorkspace(1);
    const visitorId = (await h.visitor(node, ws.widgetKey)).session.visitorId;
    await h.database.db.insert(submissions).values(
      Array.from({ length: 130 }, (_, i) => ({
        workspaceId: ws.workspaceId,
        number: i + 1,
        visitorId,
        channel: (i % 3 === 0 ? 'mobile' : 'desktop') as 'mobile' | 'desktop',
        trigger: 'no_agent_online',
        mode: 'offline_message',
        fields: { content: `Message ${i + 1}` },
        status: (i % 2 ? 'closed' : 'open') as 'closed' | 'open',
        createdAt: new Date(Date.UTC(2026, 10, 1) + i * 60_000),
      })),
    );
    const inbox = new SubmissionService(h.database.db, h.redis, node.settings, h.prefix);
    const seen: number[] = [];
    let cursor: string | undefined;
    do {
      const page = await inbox.list(ws.workspaceId, { status: 'open', limit: 20, cursor });
      seen.push(...page.items.map((s) => s.number));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toHaveLength(65);
    expect(seen).toEqual([...seen].sort((a, b) => b - a));
    const mobileOpen = await inbox.list(ws.workspaceId, { status: 'open', channel: 'mobile', limit: 100 });
    expect(mobileOpen.items.every((s) => s.channel === 'mobile' && s.status === 'open')).toBe(true);
    await expect(inbox.list(ws.workspaceId, { status: 'nope' } as never)).rejects.toMatchObject({ code: 'bad_request' });
  });
});
