import { z } from 'zod';
import type { ConversationViewer } from '../domain/collision/presence';

/** Socket payloads of issue 26 (F17): collision guard and sneak peek (docs/protocol.md). */

/** `collision.update` (/agent, /monitor): what this staff socket does on a conversation now; `left` when it closes the chat. */
export const CollisionUpdate = z.object({
  conversationId: z.uuid(),
  activity: z.enum(['viewing', 'replying', 'noting', 'left']),
});

/** `typing.preview` (/visitor): the text in the visitor's box now ('' when sent or erased). */
export const TypingPreview = z.object({ conversationId: z.uuid(), text: z.string().max(5000) });

/** Server -> staff: everyone on a conversation now (sent to every staff socket looking at it, on every node). */
export interface CollisionState {
  conversationId: string;
  viewers: ConversationViewer[];
}

/** Server -> staff: what the visitor is typing, not yet sent. Never stored, never a webhook. */
export interface TypingPreviewEvent {
  conversationId: string;
  text: string;
}

/** Server -> client events added to /agent and /monitor. */
export interface F17StaffEvents {
  collision: CollisionState;
  'typing.preview': TypingPreviewEvent;
}

/** Proactive greetings (issue 26 item 4): the widget showed this rule's greeting to the visitor. */
export const GreetingShown = z.object({ ruleId: z.string().regex(/^[a-z0-9-]{1,40}$/, 'Unknown greeting') });
