import type { CollisionActivity, ConversationViewer } from '@/domain/collision/presence';
import { lastSeq, repliedSince, type TranscriptItem } from '@/domain/collision/replied-since';

/** Collision guard state of the open chat (pure: tested without a browser). */
export interface CollisionState {
  conversationId: string | null;
  /** Everyone on the chat, the agent included (the server's list). */
  viewers: ConversationViewer[];
  /** What this agent does now. */
  activity: CollisionActivity;
  /** The last message seen when the agent started the reply being written (null: not writing). */
  typingSinceSeq: number | null;
  /** A send held back because colleagues replied meanwhile. */
  pending: { body: string; names: string[] } | null;
}

export type CollisionAction =
  | { type: 'open'; conversationId: string | null }
  | { type: 'viewers'; conversationId: string; viewers: ConversationViewer[] }
  | { type: 'typing'; kind: 'replying' | 'noting'; typing: boolean; transcript: readonly TranscriptItem[] }
  | { type: 'hold'; body: string; names: string[] }
  | { type: 'settled' };

export const initialCollision: CollisionState = { conversationId: null, viewers: [], activity: 'viewing', typingSinceSeq: null, pending: null };

export function collisionReducer(state: CollisionState, action: CollisionAction): CollisionState {
  switch (action.type) {
    case 'open':
      return action.conversationId === state.conversationId ? state : { ...initialCollision, conversationId: action.conversationId };
    case 'viewers':
      return action.conversationId === state.conversationId ? { ...state, viewers: action.viewers } : state;
    case 'typing': {
      if (!action.typing) return state.activity === action.kind ? { ...state, activity: 'viewing' } : state;
      const since = action.kind === 'replying' ? (state.typingSinceSeq ?? lastSeq(action.transcript)) : state.typingSinceSeq;
      return { ...state, activity: action.kind, typingSinceSeq: since };
    }
    case 'hold':
      return { ...state, pending: { body: action.body, names: action.names } };
    case 'settled':
      // The reply went out (or was dropped): the next one starts from what is on screen then.
      return { ...state, pending: null, typingSinceSeq: null };
  }
}

/** Colleagues who replied since the agent started writing this reply (empty: send at once). */
export function collidingRepliers(state: CollisionState, transcript: readonly TranscriptItem[], selfId: string): string[] {
  return state.typingSinceSeq === null ? [] : repliedSince(transcript, state.typingSinceSeq, selfId);
}

/** "Ada is typing a reply" style labels for the header and screen readers. */
export function viewerLabel(viewer: ConversationViewer): string {
  if (viewer.activity === 'replying') return `${viewer.name} is typing a reply`;
  if (viewer.activity === 'noting') return `${viewer.name} is writing a note`;
  return `${viewer.name} is viewing`;
}
