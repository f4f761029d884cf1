import type { ChannelEndOfChat, EndOfChatSettings } from '../settings/schemas-service';

/**
 * Pure scheduling decisions for the end-of-chat timers (F9). The chat is "turn based":
 * - after a visitor message it is the agent's turn: the agent-reply-timeout prompt is due N minutes after
 *   the visitor's last message (if no agent writes meanwhile);
 * - after an agent message (or the assignment, when nobody has written yet) it is the visitor's turn: the
 *   inactivity warning is due N minutes later, and the automatic end M minutes after the warning.
 * Every timer carries a `mark` = seq of the latest visitor/agent message when it was scheduled; a timer
 * whose mark is no longer the latest is stale (new activity cancelled or pushed it back).
 */

export type EndTimerKind = 'reply-prompt' | 'inactivity-warn' | 'inactivity-end';

export interface TurnState {
  status: 'queued' | 'active' | 'unassigned' | 'ended';
  assignedAt: Date | null;
  /** Latest visitor/agent message (system messages do not count). */
  last: { seq: number; senderType: 'visitor' | 'agent'; at: Date } | null;
}

export interface TimerPlan {
  kind: EndTimerKind;
  mark: number;
  delayMs: number;
}

export function minutesToMs(minutes: number): number {
  return Math.round(minutes * 60_000);
}

/** The single timer a conversation needs now (or null), with the delay left from `now`. */
export function planEndTimer(state: TurnState, config: ChannelEndOfChat, now: Date): TimerPlan | null {
  if (state.status !== 'active') return null;
  const mark = state.last?.seq ?? 0;
  if (state.last?.senderType === 'visitor') {
    if (!config.agentReplyTimeout.enabled) return null;
    return { kind: 'reply-prompt', mark, delayMs: remaining(state.last.at, config.agentReplyTimeout.minutes, now) };
  }
  if (!config.inactivity.enabled) return null;
  const since = state.last?.at ?? state.assignedAt;
  if (!since) return null;
  return { kind: 'inactivity-warn', mark, delayMs: remaining(since, config.inactivity.warnAfterMinutes, now) };
}

/** Whether a fired timer still applies: the chat is active and nobody has written since it was scheduled. */
export function timerIsCurrent(state: TurnState, kind: EndTimerKind, mark: number): boolean {
  if (state.status !== 'active') return false;
  if ((state.last?.seq ?? 0) !== mark) return false;
  const visitorsTurn = state.last?.senderType !== 'visitor';
  return kind === 'reply-prompt' ? !visitorsTurn : visitorsTurn;
}

function remaining(since: Date, minutes: number, now: Date): number {
  return Math.max(0, since.getTime() + minutesToMs(minutes) - now.getTime());
}


/** Whether any channel can need a timer at all (when none can, a turn change only cancels). */
export function anyEndTimerEnabled(settings: EndOfChatSettings): boolean {
  const { channels, ...global } = settings;
  return [global, ...Object.values(channels)].some((c) => c && (c.agentReplyTimeout.enabled || c.inactivity.enabled));
}
