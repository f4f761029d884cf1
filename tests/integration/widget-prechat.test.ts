import { eq } from 'drizzle-orm';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversations, customers, skillGroups, userSkillGroups, visitors } from '../../src/db/schema';
import { loadRoutingProfiles } from '../../src/domain/accounts/routing-profile';
import type { RealtimeServer } from '../../src/realtime/server';
import { ChatHarness, nextEvent, request, type TestWorkspace, type VisitorSession } from '../helpers/chat';

/** Issue 14 item 6: the widget's pre-chat form through real sockets, PostgreSQL and Redis. */
const h = new ChatHarness();
let node: RealtimeServer;

beforeAll(async () => {
  await h.setup();
  node = await h.startNode();
});
afterAll(() => h.teardown());

type Session = VisitorSession & { prechatNeeded?: boolean };

async function group(ws: TestWorkspace, name: string, agentId: string): Promise<string> {
  const [g] = await h.database.db.insert(skillGroups).values({ workspaceId: ws.workspaceId, name }).returning({ id: skillGroups.id });
  await h.database.db.insert(userSkillGroups).values({ userId: agentId, groupId: g.id, workspaceId: ws.workspaceId });
  return g.id;
}

async function workspaceWithForm() {
  const ws = await h.createWorkspace(2);
  const sales = await group(ws, 'Sales', ws.agents[0].id);
  const support = await group(ws, 'Support', ws.agents[1].id);
  await node.chat.agents.refreshAgents(ws.workspaceId, await loadRoutingProfiles(h.database.db, ws.workspaceId));
  await h.saveSettings(node, ws.workspaceId, 'widget', {
    prechat: {
      enabled: true,
      name: 'required',
      email: 'required',
      group: { need: 'required', groupIds: [sales, support], designation: 'must' },
      customFields: [{ key: 'plan', label: 'Your plan', type: 'select', options: ['Free', 'Pro'], required: true }],
      consent: { enabled: true, linkUrl: 'https://example.com/privacy' },
    },
  });
  const agents: Socket[] = [];
  for (const agent of ws.agents) {
    const socket = await h.staff(node, ws.workspaceId, agent.id);
    expect((await request(socket, 'status.set', { status: 'online' })).ok).toBe(true);
    agents.push(socket);
  }
  return { ws, sales, support, agents };
}

const answers = (groupId: string) => ({ name: 'Jane Doe', email: 'jane@example.com', groupId, fields: { plan: 'Pro' }, consent: true });

async function visitorWith(auth: Record<string, unknown>): Promise<{ socket: Socket; session: Session }> {
  const socket = h.raw(node, '/visitor', auth);
  return { socket, session: await nextEvent<Session>(socket, 'session') };
}

describe('pre-chat form', () => {
  it('is required before the first chat, refuses wrong answers unchanged, stores good ones and routes to the chosen group', async () => {
    const { ws, support, agents } = await workspaceWithForm();
    const v = await h.visitor(node, ws.widgetKey);
    expect((v.session as Session).prechatNeeded).toBe(true);

    const missing = await request(v.socket, 'chat.start', {});
    expect(missing).toMatchObject({ ok: false, error: { code: 'bad_request', details: [{ path: 'prechat' }] } });

    const wrong = await request(v.socket, 'chat.start', { prechat: { ...answers(support), email: 'not-an-email', consent: false } });
    expect(wrong.ok).toBe(false);
    expect(wrong.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['consent', 'email']);
    const [untouched] = await h.database.db.select().from(visitors).where(eq(visitors.id, v.session.visitorId));
    expect(untouched).toMatchObject({ name: null, email: null, prechat: null });

    const start = await request(v.socket, 'chat.start', { prechat: answers(support) });
    expect(start.ok).toBe(true);
    expect(start.conversation).toMatchObject({ status: 'active', agentId: ws.agents[1].id, groupId: support });

    const [stored] = await h.database.db.select().from(visitors).where(eq(visitors.id, v.session.visitorId));
    expect(stored).toMatchObject({ name: 'Jane Doe', email: 'jane@example.com' });
    expect(stored.prechat).toMatchObject({ fields: [{ key: 'plan', label: 'Your plan', value: 'Pro' }], group: { id: support, name: 'Support' }, consent: { url: 'https://example.com/privacy' } });

    // The agent sees the answers in the visitor context panel.
    const context = await request(agents[1], 'visitor.context', { conversationId: start.conversation.id });
    expect(context.context).toMatchObject({ visitor: { name: 'Jane Doe', email: 'jane@example.com' }, prechat: { group: { name: 'Support' }, fields: [{ key: 'plan', value: 'Pro' }] } });

    // Back later (same token): known, no form; a new chat needs no answers.
    await request(v.socket, 'chat.end', { conversationId: start.conversation.id });
    v.socket.disconnect();
    const again = await h.visitor(node, ws.widgetKey, v.session.token);
    expect((again.session as Session).prechatNeeded).toBe(false);
    expect((await request(again.socket, 'chat.start', {})).ok).toBe(true);
  });

  it('offers only the configured groups', async () => {
    const { ws } = await workspaceWithForm();
    const other = await group(ws, 'Billing', ws.agents[0].id);
    const v = await h.visitor(node, ws.widgetKey);
    const refused = await request(v.socket, 'chat.start', { prechat: answers(other) });
    expect(refused).toMatchObject({ ok: false, error: { code: 'bad_request', details: [{ path: 'groupId' }] } });
  });

  it('hands the answers to the CRM customer once the visitor signs in (partnerid, auto-save)', async () => {
    const { ws, sales } = await workspaceWithForm();
    await h.saveSettings(node, ws.workspaceId, 'autoSave', { enabled: true, verification: 'optional' });
    const anonymous = await h.visitor(node, ws.widgetKey);
    expect((await request(anonymous.socket, 'chat.start', { prechat: { ...answers(sales), name: 'Jane Form' } })).ok).toBe(true);
    anonymous.socket.disconnect();

    // LiveChat('identify') after login: the handshake again, now with a partnerid.
    const known = await visitorWith({ widgetKey: ws.widgetKey, token: anonymous.session.token, partnerId: 'cust-42' });
    expect(known.session.prechatNeeded).toBe(false);
    const [customer] = await h.database.db.select().from(customers).where(eq(customers.partnerId, 'cust-42'));
    expect(customer).toMatchObject({ workspaceId: ws.workspaceId, name: 'Jane Form', email: 'jane@example.com', params: { plan: 'Pro' } });

    // A signed-in visitor the form never saw skips it.
    const fresh = await visitorWith({ widgetKey: ws.widgetKey, partnerId: 'cust-43', name: 'Max' });
    expect(fresh.session.prechatNeeded).toBe(false);
  });
});

/**
 * Issue 21 item 1: each question off / optional / required and consent on / off, through a real visitor
 * socket, answered the way the widget sends answers (asked questions only, blanks left out). A form with a
 * question off used to refuse every chat ("expected nonoptional").
 */
describe('pre-chat form: each choice through the socket', () => {
  const needs = ['off', 'optional', 'required'] as const;
  const cases = [
    ...needs.map((need) => ({ label: `name ${need}`, form: { name: need, email: 'off' }, send: need === 'off' ? {} : { name: 'Jane' } })),
    ...needs.map((need) => ({ label: `email ${need}`, form: { name: 'off', email: need }, send: need === 'off' ? {} : { email: 'jane@example.com' } })),
    ...needs.map((need) => ({ label: `topic ${need}`, form: { name: 'off', email: 'off', group: { need } }, send: need === 'off' ? {} : { groupId: 'SALES' } })),
    ...needs.map((need) => ({
      label: `custom field ${need}`,
      form: { name: 'off', email: 'off', customFields: need === 'off' ? [] : [{ key: 'plan', label: 'Plan', required: need === 'required' }] },
      send: need === 'off' ? {} : { fields: { plan: 'Pro' } },
    })),
    { label: 'consent on', form: { name: 'off', email: 'off', consent: { enabled: true } }, send: { consent: true } },
    { label: 'consent off', form: { name: 'optional', email: 'optional', consent: { enabled: false } }, send: {} },
    { label: 'nothing required, nothing given', form: { name: 'optional', email: 'optional', group: { need: 'optional' }, customFields: [{ key: 'plan', label: 'Plan' }] }, send: {} },
  ];

  it.each(cases)('$label: starts a chat with the answers the widget sends', async ({ form, send }) => {
    const ws = await h.createWorkspace(1);
    const sales = await group(ws, 'Sales', ws.agents[0].id);
    await node.chat.agents.refreshAgents(ws.workspaceId, await loadRoutingProfiles(h.database.db, ws.workspaceId));
    await h.saveSettings(node, ws.workspaceId, 'widget', { prechat: { enabled: true, ...form } });
    const agent = await h.staff(node, ws.workspaceId, ws.agents[0].id);
    expect((await request(agent, 'status.set', { status: 'online' })).ok).toBe(true);

    const v = await h.visitor(node, ws.widgetKey);
    expect((v.session as Session).prechatNeeded).toBe(true);
    const prechat = 'groupId' in send ? { ...send, groupId: sales } : send;
    const start = await request(v.socket, 'chat.start', { prechat });
    expect(start).toMatchObject({ ok: true, conversation: { status: 'active', agentId: ws.agents[0].id } });
    const [stored] = await h.database.db.select().from(visitors).where(eq(visitors.id, v.session.visitorId));
    expect(stored.prechat).not.toBeNull();
    if ('name' in send) expect(stored.name).toBe('Jane');
    if ('email' in send) expect(stored.email).toBe('jane@example.com');
    agent.disconnect();
    v.socket.disconnect();
  });

  it('a required question left out is refused with its name, and changes nothing', async () => {
    const ws = await h.createWorkspace(1);
    await h.saveSettings(node, ws.workspaceId, 'widget', { prechat: { enabled: true, name: 'off', email: 'required' } });
    const v = await h.visitor(node, ws.widgetKey);
    const refused = await request(v.socket, 'chat.start', { prechat: {} });
    expect(refused).toMatchObject({ ok: false, error: { code: 'bad_request', details: [{ path: 'email', message: 'Please fill this in' }] } });
    const [stored] = await h.database.db.select().from(visitors).where(eq(visitors.id, v.session.visitorId));
    expect(stored.prechat).toBeNull();
    v.socket.disconnect();
  });
});

/** Issue 21 item 7 (a): a visitor who gave name and email without a partnerid becomes a contact (customer keyed by email). */
describe('contacts: name and email without partnerid', () => {
  it('the pre-chat form creates one customer per email (any case), links the chats and merges the answers', async () => {
    const { ws, sales } = await workspaceWithForm();
    await h.saveSettings(node, ws.workspaceId, 'autoSave', { enabled: true, verification: 'off' });
    const first = await h.visitor(node, ws.widgetKey);
    const start = await request(first.socket, 'chat.start', { prechat: answers(sales) });
    expect(start.ok).toBe(true);
    const [customer] = await h.database.db.select().from(customers).where(eq(customers.workspaceId, ws.workspaceId));
    expect(customer).toMatchObject({ partnerId: null, name: 'Jane Doe', email: 'jane@example.com', params: { plan: 'Pro' } });
    const [conversation] = await h.database.db.select({ customerId: conversations.customerId }).from(conversations).where(eq(conversations.id, start.conversation.id));
    expect(conversation.customerId).toBe(customer.id);

    // Another browser, same person (email in another case): the same customer, name kept when not given.
    const second = await h.visitor(node, ws.widgetKey);
    expect((await request(second.socket, 'chat.start', { prechat: { ...answers(sales), name: 'Jane D.', email: 'JANE@example.com', fields: { plan: 'Free' } } })).ok).toBe(true);
    const all = await h.database.db.select().from(customers).where(eq(customers.workspaceId, ws.workspaceId));
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ id: customer.id, name: 'Jane D.', visits: 2, params: { plan: 'Free' } });
    const [visitor] = await h.database.db.select().from(visitors).where(eq(visitors.id, second.session.visitorId));
    expect(visitor.customerId).toBe(customer.id);

    // Back later on the first browser without partnerid: still the contact, no form.
    first.socket.disconnect();
    const again = await visitorWith({ widgetKey: ws.widgetKey, token: first.session.token });
    expect(again.session.prechatNeeded).toBe(false);
    const [still] = await h.database.db.select().from(visitors).where(eq(visitors.id, first.session.visitorId));
    expect(still.customerId).toBe(customer.id);
    again.socket.disconnect();
    second.socket.disconnect();
  });

  it('identify with name and email but no partnerid makes a contact; a partnerid customer with the same email stays apart', async () => {
    const ws = await h.createWorkspace(1);
    await h.saveSettings(node, ws.workspaceId, 'autoSave', { enabled: true, verification: 'off' });
    const partner = await visitorWith({ widgetKey: ws.widgetKey, partnerId: 'cust-1', email: 'max@example.com' });
    const contact = await visitorWith({ widgetKey: ws.widgetKey, name: 'Max', email: 'max@example.com' });
    const bad = await visitorWith({ widgetKey: ws.widgetKey, name: 'Nobody', email: 'not-an-email' });
    const rows = await h.database.db.select().from(customers).where(eq(customers.workspaceId, ws.workspaceId));
    expect(rows.map((r) => [r.partnerId, r.email]).sort()).toEqual([['cust-1', 'max@example.com'], [null, 'max@example.com']].sort());
    const [v] = await h.database.db.select().from(visitors).where(eq(visitors.id, contact.session.visitorId));
    expect(v.customerId).toBe(rows.find((r) => r.partnerId === null)?.id);
    const [b] = await h.database.db.select().from(visitors).where(eq(visitors.id, bad.session.visitorId));
    expect(b.customerId).toBeNull();
    for (const s of [partner, contact, bad]) s.socket.disconnect();
  });

  it('nothing is saved with customer info auto-save off', async () => {
    const ws = await h.createWorkspace(1);
    const v = await visitorWith({ widgetKey: ws.widgetKey, name: 'Max', email: 'max@example.com' });
    expect(await h.database.db.select().from(customers).where(eq(customers.workspaceId, ws.workspaceId))).toHaveLength(0);
    v.socket.disconnect();
  });
});
