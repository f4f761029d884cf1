import { describe, expect, expectTypeOf, it } from 'vitest';
import type { AgentSocket, MonitorSocket, VisitorSocket } from '../../src/components/chat/socket';
import { request } from '../../src/components/chat/socket';
import type { ConversationDto, MessageDto } from '../../src/domain/conversations/types';
import type { AckResult } from '../../src/realtime/contract';
import { agentContract, monitorContract, visitorContract } from '../../src/realtime/contract';
import { onAgent, onMonitor, onVisitor } from '../../src/realtime/handler';

/**
 * Issue 20 item 1: the socket contract is checked by the compiler. Both sides infer from realtime/contract.ts:
 * the server's `onVisitor/onAgent/onMonitor` and the browser's `request()`. Every `@ts-expect-error` below
 * must be an error, or `npx tsc --noEmit` fails (a wrong event, payload or result would compile otherwise).
 * The functions are declared, never called: this test runs at compile time.
 */
declare const visitor: VisitorSocket;
declare const agent: AgentSocket;
declare const monitor: MonitorSocket;
declare const serverSocket: Parameters<typeof onVisitor>[0];

function clientSide() {
  // Payload and result are inferred from the contract.
  expectTypeOf(request(visitor, 'message.send', { conversationId: 'c', clientMsgId: 'm', body: 'hi' })).resolves.toEqualTypeOf<AckResult<{ message: MessageDto }>>();
  expectTypeOf(request(agent, 'pool.claim', { conversationId: 'c' })).resolves.toEqualTypeOf<AckResult<{ conversation: ConversationDto }>>();
  // Events without fields need no payload.
  void request(agent, 'conversations.list');

  // @ts-expect-error an event that is not in the visitor table
  void request(visitor, 'chat.nonexistent', {});
  // @ts-expect-error an agent-only event on the visitor socket
  void request(visitor, 'pool.claim', { conversationId: 'c' });
  // @ts-expect-error a payload of the wrong shape (typing is a boolean)
  void request(visitor, 'typing', { conversationId: 'c', typing: 'yes' });
  // @ts-expect-error a required field missing
  void request(monitor, 'whisper.send', { conversationId: 'c' });

  void (async () => {
    const ack = await request(agent, 'chat.end', { conversationId: 'c' });
    if (!ack.ok) return;
    expectTypeOf(ack.conversation).toEqualTypeOf<ConversationDto>();
    // @ts-expect-error a result read as the wrong type
    const wrong: string = ack.conversation;
    // @ts-expect-error a result field that does not exist
    void ack.messages;
    void wrong;
  });
}

function serverSide() {
  onVisitor(serverSocket, 'typing', async (payload) => {
    expectTypeOf(payload.typing).toEqualTypeOf<boolean>();
    return {};
  });
  // @ts-expect-error a handler for an event that is not in the table
  onVisitor(serverSocket, 'chat.nonexistent', async () => ({}));
  // @ts-expect-error a monitor event registered on the agent table
  onAgent(serverSocket, 'monitor.snapshot', async () => ({}));
  // @ts-expect-error a handler whose result does not match the table
  onMonitor(serverSocket, 'chat.end', async () => ({ conversation: 'not a conversation' }));
  // @ts-expect-error a handler reading a payload field that does not exist
  onAgent(serverSocket, 'pool.claim', async (payload) => ({ conversation: payload.nope }));
}

describe('socket contract (types)', () => {
  it('is checked at compile time (npx tsc --noEmit); at runtime each table holds a schema per event', () => {
    void clientSide;
    void serverSide;
    for (const table of [visitorContract, agentContract, monitorContract]) {
      for (const [event, def] of Object.entries(table)) expect(typeof (def.payload as { safeParse?: unknown }).safeParse, event).toBe('function');
    }
  });
});
