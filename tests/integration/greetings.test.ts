import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConversationService } from '../../src/domain/conversations/service';
import { GreetingService, widgetGreetings } from '../../src/domain/greetings/service';
import { GreetingRules } from '../../src/domain/greetings/rules';
import type { RealtimeServer } from '../../src/realtime/server';
import { ChatHarness, nextEvent, request } from '../helpers/chat';

/** Proactive greetings (issue 26 item 4) over a real visitor socket: frequency cap, answer starts a routed chat. */
const h = new ChatHarness();
let node: RealtimeServer;

beforeAll(async () => {
  await h.setup();
  node = await h.startNode();
});
afterAll(() => h.teardown());

const rules = [
  { id: 'pricing', name: 'Pricing page', message: 'Questions about our plans? We are here.', conditions: { urlContains: '/pricing', secondsOnPage: 10 } },
  { id: 'docs', name: 'Docs', message: 'Need help with the docs?', conditions: { urlMatches: '*/docs/*' } },
  { id: 'old', name: 'Switched off', message: 'Never shown', enabled: false },
];

describe('proactive greetings', () => {
  it('records each rule once per visitor, refuses inactive rules, and keeps the cap across reconnects', async () => {
    const ws = await h.createWorkspace(1);
    await h.saveSettings(node, ws.workspaceId, 'widget', { greetings: rules });
    const v = await h.visitor(node, ws.widgetKey);
    expect(await request(v.socket, 'greeting.shown', { ruleId: 'pricing' })).toMatchObject({ ok: true, first: true });
    expect(await request(v.socket, 'greeting.shown', { ruleId: 'pricing' })).toMatchObject({ ok: true, first: false });
    expect(await request(v.socket, 'greeting.shown', { ruleId: 'docs' })).toMatchObject({ ok: true, first: true });
    expect(await request(v.socket, 'greeting.shown', { ruleId: 'old' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await request(v.socket, 'greeting.shown', { ruleId: 'Bad Id!' })).toMatchObject({ ok: false });
    // The same visitor (token) on a new connection: still capped. Another visitor: shown again.
    const again = await h.visitor(node, ws.widgetKey, v.session.token);
    expect(await request(again.socket, 'greeting.shown', { ruleId: 'pricing' })).toMatchObject({ ok: true, first: false });
    const other = await h.visitor(node, ws.widgetKey);
    expect(await request(other.socket, 'greeting.shown', { ruleId: 'pricing' })).toMatchObject({ ok: true, first: true });
  });

  it("the visitor's answer starts a routed chat with the greeting as its first message, counted per rule", async () => {
    const ws = await h.createWorkspace(1);
    await h.saveSettings(node, ws.workspaceId, 'widget', { greetings: rules });
    const agent = await h.staff(node, ws.workspaceId, ws.agents[0].id);
    await request(agent, 'status.set', { status: 'online' });
    const v = await h.visitor(node, ws.widgetKey);
    await request(v.socket, 'greeting.shown', { ruleId: 'pricing' });

    const assigned = nextEvent<{ id: string; agentId: string }>(agent, 'conversation.assigned');
    const started = await request<{ ok: boolean; conversation: { id: string }; messages: { senderType: string; body: string }[] }>(v.socket, 'chat.start', {});
    expect(started.ok).toBe(true);
    const conversationId = started.conversation.id;
    expect(started.messages[0]).toMatchObject({ senderType: 'system', body: 'Questions about our plans? We are here.' });
    expect(await assigned).toMatchObject({ id: conversationId, agentId: ws.agents[0].id });
    await request(v.socket, 'message.send', { conversationId, clientMsgId: 'a1', body: 'Yes, is there a yearly plan?' });

    // The agent sees the greeting first in the history, then the visitor's answer; it is not an agent reply.
    const history = await request<{ messages: { senderType: string; body: string }[] }>(agent, 'history', { conversationId });
    const bodies = history.messages.filter((m) => m.senderType !== 'system' || m.body.startsWith('Questions')).map((m) => [m.senderType, m.body]);
    expect(bodies.slice(0, 2)).toEqual([
      ['system', 'Questions about our plans? We are here.'],
      ['visitor', 'Yes, is there a yearly plan?'],
    ]);
    expect(history.messages.some((m) => m.senderType === 'agent')).toBe(false);

    const counts = await new GreetingService(h.database.db, node.settings, new ConversationService(h.database.db)).counts(ws.workspaceId);
    expect(counts).toEqual([
      { ruleId: 'pricing', name: 'Pricing page', shown: 1, chatsStarted: 1 },
      { ruleId: 'docs', name: 'Docs', shown: 0, chatsStarted: 0 },
      { ruleId: 'old', name: 'Switched off', shown: 0, chatsStarted: 0 },
    ]);
  });

  it('ships the active rules to the widget with the sender named (team or chosen agent)', async () => {
    const ws = await h.createWorkspace(1);
    const parsed = GreetingRules.parse([...rules, { id: 'agent', name: 'From Agent 1', message: 'Hi, I am here', from: { kind: 'agent', agentId: ws.agents[0].id } }]);
    const shipped = await widgetGreetings(h.database.db, ws.workspaceId, parsed, 'Acme');
    expect(shipped.map((g) => [g.id, g.fromName])).toEqual([
      ['pricing', 'Acme'],
      ['docs', 'Acme'],
      ['agent', 'Agent 1'],
    ]);
    // An agent of another workspace is never named.
    const other = await h.createWorkspace(1);
    const foreign = await widgetGreetings(h.database.db, ws.workspaceId, GreetingRules.parse([{ id: 'x', name: 'X', message: 'Hi', from: { kind: 'agent', agentId: other.agents[0].id } }]), 'Acme');
    expect(foreign[0].fromName).toBe('Acme');
  });

  it('a chat without a greeting shown starts as before', async () => {
    const ws = await h.createWorkspace(1);
    await h.saveSettings(node, ws.workspaceId, 'widget', { greetings: rules });
    const v = await h.visitor(node, ws.widgetKey);
    const started = await request<{ messages: { body: string }[] }>(v.socket, 'chat.start', {});
    expect(started.messages.map((m) => m.body)).not.toContain('Questions about our plans? We are here.');
  });
});
