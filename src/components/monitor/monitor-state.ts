import type { ConversationDto, MessageDto } from '@/domain/conversations/types';
import type { MonitorAgent, MonitorAlert, MonitorConversation, MonitorLastMessage, MonitorQueue, MonitorSnapshot, WhisperDto } from '@/domain/monitoring/types';
import type { TagDto } from '@/domain/tags/service';
import { mergeMessages, whisperToUi, type UiMessage } from '../chat/messages';

/**
 * The monitoring dashboard's state (F7) as a pure reducer over the /monitor socket's events: a snapshot on
 * (re)connect, then deltas. `useMonitor` feeds it; the views only render it. Unit-tested without a browser.
 */
export interface MonitorState {
  loaded: boolean;
  agents: MonitorAgent[];
  queues: MonitorQueue[];
  conversations: MonitorConversation[];
  alerts: MonitorAlert[];
  /** Seconds of waiting that raise a long-wait alert (0 = off). */
  longWait: number;
  tags: TagDto[];
  conversationTags: Record<string, TagDto[]>;
  /** The conversation being watched, and its transcript (messages + whispers). */
  watchId: string | null;
  watchMessages: UiMessage[];
  /** A delta named something the snapshot does not know (a new agent): the hook reloads the snapshot. */
  stale: boolean;
}

export const MONITOR_DELTAS = ['monitor.agent', 'monitor.queues', 'monitor.conversation', 'monitor.activity', 'monitor.alert'] as const;
export type MonitorDeltaEvent = (typeof MONITOR_DELTAS)[number];

export type MonitorAction =
  | { type: 'snapshot'; snapshot: MonitorSnapshot; tags?: TagDto[]; conversationTags?: Record<string, TagDto[]> }
  | { type: 'delta'; event: MonitorDeltaEvent; payload: unknown }
  | { type: 'conversationTags'; conversationId: string; tags: TagDto[] }
  | { type: 'watch'; conversationId: string | null }
  | { type: 'watchMessages'; conversationId: string; messages: MessageDto[]; whispers?: WhisperDto[] }
  | { type: 'message'; message: MessageDto }
  | { type: 'whisper'; whisper: WhisperDto }
  | { type: 'longWait'; seconds: number };

export const INITIAL_MONITOR: MonitorState = {
  loaded: false,
  agents: [],
  queues: [],
  conversations: [],
  alerts: [],
  longWait: 120,
  tags: [],
  conversationTags: {},
  watchId: null,
  watchMessages: [],
  stale: false,
};

const ALERT_FEED = 100;

function applyDelta(state: MonitorState, event: MonitorDeltaEvent, payload: unknown): MonitorState {
  switch (event) {
    case 'monitor.agent': {
      const a = payload as Pick<MonitorAgent, 'id' | 'status' | 'load' | 'limit'>;
      if (!state.agents.some((x) => x.id === a.id)) return { ...state, stale: true };
      return { ...state, agents: state.agents.map((x) => (x.id === a.id ? { ...x, ...a } : x)) };
    }
    case 'monitor.queues':
      return { ...state, queues: (payload as { queues: MonitorQueue[] }).queues };
    case 'monitor.conversation': {
      const c = payload as ConversationDto;
      if (c.status === 'ended') return { ...state, conversations: state.conversations.filter((x) => x.id !== c.id) };
      const known = state.conversations.some((x) => x.id === c.id);
      return {
        ...state,
        conversations: known ? state.conversations.map((x) => (x.id === c.id ? { ...x, ...c } : x)) : [...state.conversations, { ...c, lastMessage: null, alertCount: 0 }],
      };
    }
    case 'monitor.activity': {
      const { conversationId, lastMessage } = payload as { conversationId: string; lastMessage: MonitorLastMessage };
      return { ...state, conversations: state.conversations.map((x) => (x.id === conversationId ? { ...x, lastMessage } : x)) };
    }
    case 'monitor.alert': {
      const alert = payload as MonitorAlert;
      if (state.alerts.some((x) => x.id === alert.id)) return state;
      return {
        ...state,
        alerts: [alert, ...state.alerts].slice(0, ALERT_FEED),
        conversations: alert.conversationId ? state.conversations.map((x) => (x.id === alert.conversationId ? { ...x, alertCount: x.alertCount + 1 } : x)) : state.conversations,
      };
    }
  }
}

export function monitorReducer(state: MonitorState, action: MonitorAction): MonitorState {
  switch (action.type) {
    case 'snapshot': {
      const s = action.snapshot;
      return {
        ...state,
        loaded: true,
        stale: false,
        agents: s.agents,
        queues: s.queues,
        conversations: s.conversations,
        alerts: s.alerts,
        longWait: s.settings.longWaitSeconds,
        tags: action.tags ?? state.tags,
        conversationTags: action.conversationTags ?? state.conversationTags,
      };
    }
    case 'delta':
      return applyDelta(state, action.event, action.payload);
    case 'conversationTags':
      return { ...state, conversationTags: { ...state.conversationTags, [action.conversationId]: action.tags } };
    case 'watch':
      return { ...state, watchId: action.conversationId, watchMessages: [] };
    case 'watchMessages':
      if (action.conversationId !== state.watchId) return state;
      return { ...state, watchMessages: mergeMessages(state.watchMessages, [...action.messages, ...(action.whispers ?? []).map(whisperToUi)]) };
    case 'message':
      if (action.message.conversationId !== state.watchId) return state;
      return { ...state, watchMessages: mergeMessages(state.watchMessages, [action.message]) };
    case 'whisper':
      if (action.whisper.conversationId !== state.watchId) return state;
      return { ...state, watchMessages: mergeMessages(state.watchMessages, [whisperToUi(action.whisper)]) };
    case 'longWait':
      return { ...state, longWait: action.seconds };
  }
}

/** Figures of the top row. */
export function monitorStats(state: MonitorState) {
  return {
    online: state.agents.filter((a) => a.status === 'online').length,
    agents: state.agents.length,
    queued: state.queues.reduce((n, q) => n + q.length, 0),
    active: state.conversations.filter((c) => c.status === 'active').length,
    alerts: state.alerts.length,
  };
}

/** "42s", "3m 5s", "1h 2m" since `iso` (a dash without one). */
export function since(iso: string | null, now: number): string {
  if (!iso) return '–';
  const s = Math.max(0, Math.floor((now - Date.parse(iso)) / 1000));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${s % 60}s`;
  return `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}m`;
}
