import { describe, expect, it } from 'vitest';
import { anyEndTimerEnabled } from '../../src/domain/chat/end-timers';
import { EndOfChatSettings } from '../../src/domain/settings/schemas-service';

describe('anyEndTimerEnabled (turn changes skip the conversation read when no timer can apply)', () => {
  it('is false for the defaults and true when the global or any channel override turns a timer on', () => {
    const defaults = EndOfChatSettings.parse({});
    expect(anyEndTimerEnabled(defaults)).toBe(false);
    expect(anyEndTimerEnabled(EndOfChatSettings.parse({ agentReplyTimeout: { enabled: true } }))).toBe(true);
    expect(anyEndTimerEnabled(EndOfChatSettings.parse({ channels: { mobile: { inactivity: { enabled: true } } } }))).toBe(true);
    expect(anyEndTimerEnabled(EndOfChatSettings.parse({ channels: { app: {} } }))).toBe(false);
  });
});
