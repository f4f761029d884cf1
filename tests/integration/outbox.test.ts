import { and, asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messages, outbox, webhookEndpoints } from '../../src/db/schema';
import { ConversationService } from '../../src/domain/conversations/service';
import { messageCreatedPayload, WEBHOOK_EVENT_SCHEMAS } from '../../src/domain/webhooks/outbox';
import type { WebhookEventType } from '../../src/domain/webhooks/catalog';
import { ChatHarness } from '../helpers/chat';

const h = new ChatHarness();
let conversations: ConversationService;

beforeAll(async () => {
  await h.setup();
  conversations = new ConversationService(h.database.db);
});
afterAll(async () => {
  await h.teardown();
});

/** message.created rows are written only for a workspace with an enabled webhook endpoint (issue 27). */
const withEndpoint = async (workspaceId: string) => {
  await h.database.db.insert(webhookEndpoints).values({ workspaceId, kind: 'push', secret: 'test-secret' });
};

const rowsOf = (conversationId: string) => h.database.db.select().from(outbox).where(eq(outbox.conversationId, conversationId)).orderBy(asc(outbox.id));

describe('outbox rows (domain/webhooks/outbox.ts)', () => {
  it('every statement of a conversation writes a payload that matches its declared schema, numbered 1..n', async () => {
    const ws = await h.createWorkspace(2);
    await withEndpoint(ws.workspaceId);
    const [a, b] = ws.agents;
    const visitorId = await conversations.createVisitor(ws.workspaceId, { name: 'Ada' });
    const { conversation } = await conversations.start(ws.workspaceId, visitorId, { channel: 'mobile', entryUrl: 'https://shop.example/a', mode: 'realtime' });
    await conversations.recordEvent(ws.workspaceId, 'conversation.queued', { conversationId: conversation.id, visitorId, position: 1, target: 'all' });
    await conversations.markAssigned(ws.workspaceId, conversation.id, a.id);
    await conversations.appendMessage(ws.workspaceId, conversation.id, { type: 'visitor', id: visitorId, name: null }, 'Hello', 'c1', { offline: true });
    await conversations.reassign(ws.workspaceId, conversation.id, a.id, b.id, null);
    await conversations.appendSystemNote(ws.workspaceId, conversation.id, 'Chat transferred');
    await conversations.end(ws.workspaceId, conversation.id, 'agent');

    const rows = await rowsOf(conversation.id);
    const types = rows.map((r) => r.type);
    expect(types).toEqual(['conversation.started', 'conversation.queued', 'conversation.assigned', 'message.created', 'conversation.transferred', 'message.created', 'conversation.ended']);
    for (const row of rows) {
      const parsed = WEBHOOK_EVENT_SCHEMAS[row.type as WebhookEventType].safeParse(row.payload);
      expect(parsed.success, `${row.type}: ${parsed.error?.message}`).toBe(true);
    }
    expect(rows.map((r) => r.seq)).toEqual(rows.map((_, i) => i + 1));
    expect(rows[0].payload).toEqual({ conversationId: conversation.id, visitorId, channel: 'mobile', entryUrl: 'https://shop.example/a', mode: 'realtime' });
    expect(rows[4].payload).toEqual({ conversationId: conversation.id, visitorId, fromAgentId: a.id, toAgentId: b.id, groupId: null, tags: [] });
    expect(rows[6].payload).toEqual({ conversationId: conversation.id, visitorId, agentId: b.id, endedBy: 'agent', tags: [] });
  });

  it('the hot path SQL function (lc_append_messages) writes exactly the typed message.created payload', async () => {
    const ws = await h.createWorkspace(1);
    await withEndpoint(ws.workspaceId);
    const visitorId = await conversations.createVisitor(ws.workspaceId);
    const { conversation } = await conversations.start(ws.workspaceId, visitorId, { channel: 'desktop', entryUrl: null, mode: 'realtime' });
    await conversations.markAssigned(ws.workspaceId, conversation.id, ws.agents[0].id);
    // Visitor, agent (offline) and system messages, with text that JSON has to escape.
    await conversations.appendMessage(ws.workspaceId, conversation.id, { type: 'visitor', id: visitorId, name: null }, 'Quote " backslash \\ ünïcødé 👋\nline', 'v1');
    await conversations.appendMessage(ws.workspaceId, conversation.id, { type: 'agent', id: ws.agents[0].id, name: 'A' }, 'Hi', 'a1', { offline: true });
    await conversations.appendSystemNote(ws.workspaceId, conversation.id, 'Note');

    const stored = await h.database.db.select().from(messages).where(eq(messages.conversationId, conversation.id)).orderBy(asc(messages.seq));
    const events = await h.database.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.conversationId, conversation.id), eq(outbox.type, 'message.created')))
      .orderBy(asc(outbox.id));
    expect(stored).toHaveLength(3);
    expect(events).toHaveLength(3);
    stored.forEach((message, i) => {
      const typed = messageCreatedPayload({ ...message, senderType: message.senderType as 'visitor' | 'agent' | 'system' });
      expect(events[i].payload).toEqual(typed);
      expect(WEBHOOK_EVENT_SCHEMAS['message.created'].parse(events[i].payload)).toEqual(typed);
    });
  });

  it('a workspace without an enabled webhook endpoint: messages are stored without a message.created row', async () => {
    const ws = await h.createWorkspace(1);
    const visitorId = await conversations.createVisitor(ws.workspaceId);
    const { conversation } = await conversations.start(ws.workspaceId, visitorId, { channel: 'desktop', entryUrl: null, mode: 'realtime' });
    await conversations.appendMessage(ws.workspaceId, conversation.id, { type: 'visitor', id: visitorId, name: null }, 'Hello', 'n1');
    await h.database.db.insert(webhookEndpoints).values({ workspaceId: ws.workspaceId, kind: 'push', secret: 'test-secret', disabledAt: new Date() });
    await conversations.appendMessage(ws.workspaceId, conversation.id, { type: 'visitor', id: visitorId, name: null }, 'Anyone?', 'n2');
    // An enabled endpoint (another kind than the disabled one): from now on the event is written.
    await h.database.db.insert(webhookEndpoints).values({ workspaceId: ws.workspaceId, kind: 'events', secret: 'test-secret' });
    await conversations.appendMessage(ws.workspaceId, conversation.id, { type: 'visitor', id: visitorId, name: null }, 'Hello again', 'n3');

    const stored = await h.database.db.select().from(messages).where(eq(messages.conversationId, conversation.id)).orderBy(asc(messages.seq));
    expect(stored.map((m) => m.body)).toEqual(['Hello', 'Anyone?', 'Hello again']);
    const events = (await rowsOf(conversation.id)).filter((r) => r.type === 'message.created');
    expect(events.map((e) => (e.payload as { body: string }).body)).toEqual(['Hello again']);
  });
});

describe('agent-side messages without a sender (reporting triggers)', () => {
  it('a named bot message (no sender id) and a message in a chat with no agent are stored and reported', async () => {
    const ws = await h.createWorkspace(1);
    const visitorId = await conversations.createVisitor(ws.workspaceId, { name: 'Ada' });
    const { conversation } = await conversations.start(ws.workspaceId, visitorId, { channel: 'desktop', entryUrl: null, mode: 'always_on' });
    await conversations.appendMessage(ws.workspaceId, conversation.id, { type: 'visitor', id: visitorId, name: null }, 'Hello', 'b0');
    // Before any agent: the bot answers (public API, `botName`): the insert used to fail on report_state.
    await conversations.appendMessage(ws.workspaceId, conversation.id, { type: 'agent', id: null, name: 'Helper bot' }, 'A person will be with you soon', 'b1');
    await conversations.markAssigned(ws.workspaceId, conversation.id, ws.agents[0].id);
    await conversations.appendMessage(ws.workspaceId, conversation.id, { type: 'agent', id: null, name: 'Helper bot' }, 'Alice is here', 'b2');
    const stored = await h.database.db.execute(sql`select count(*)::int as n from messages where conversation_id = ${conversation.id}`);
    expect((stored.rows[0] as { n: number }).n).toBeGreaterThanOrEqual(3);
    const state = await h.database.db.execute(sql`select holder_replied from report_state where conversation_id = ${conversation.id}`);
    expect(state.rows[0]).toMatchObject({ holder_replied: false });
  });
});
