import { describe, expect, it } from 'vitest';
import { anyEndTimerEnabled } from '../../src/domain/chat/end-timers';
import { EndOfChatSettings } from '../../src/domain/settings/schemas-service';
import { ChatAftercare } from '../../src/domain/chat/aftercare';
import { FakeTimers, RecordingEvents, fakeSettings } from './fakes/chat';

describe('anyEndTimerEnabled (turn changes skip the conversation read when no timer can apply)', () => {
  it('is false for the defaults and true when the global or any channel override turns a timer on', () => {
    const defaults = EndOfChatSettings.parse({});
    expect(anyEndTimerEnabled(defaults)).toBe(false);
    expect(anyEndTimerEnabled(EndOfChatSettings.parse({ agentReplyTimeout: { enabled: true } }))).toBe(true);
    expect(anyEndTimerEnabled(EndOfChatSettings.parse({ channels: { mobile: { inactivity: { enabled: true } } } }))).toBe(true);
    expect(anyEndTimerEnabled(EndOfChatSettings.parse({ channels: { app: {} } }))).toBe(false);
  });
});

describe('ChatAftercare.afterMessage: no turn tracking while every timer is off', () => {
  const message = (senderType: 'visitor' | 'agent') => ({ id: 'm', conversationId: 'c1', seq: 1, senderType, senderId: 'x', senderName: null, body: 'hi', clientMsgId: 'k', createdAt: '' }) as never;

  function aftercare(endOfChat: unknown) {
    const timers = new FakeTimers();
    let turnCalls = 0;
    timers.turnChanged = async () => {
      turnCalls++;
      return false;
    };
    const care = new ChatAftercare({} as never, {} as never, fakeSettings({ endOfChat }), new RecordingEvents(), timers, {} as never, async () => ({}) as never);
    return { care, turns: () => turnCalls };
  }

  it('defaults (all off): a message costs no Redis call for F9', async () => {
    const { care, turns } = aftercare({});
    await care.afterMessage('ws', message('visitor'));
    expect(turns()).toBe(0);
  });

  it('a timer on: every visitor or agent message is tracked', async () => {
    const { care, turns } = aftercare({ agentReplyTimeout: { enabled: true } });
    await care.afterMessage('ws', message('visitor'));
    await care.afterMessage('ws', message('agent'));
    expect(turns()).toBe(2);
  });
});
