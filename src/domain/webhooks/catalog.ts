/**
 * The webhook event catalog, dependency-free so that browser code (the console) can import it.
 * Payload types and emitters: `events.ts`.
 */
export const WEBHOOK_EVENT_TYPES = [
  'conversation.started',
  'conversation.queued',
  'conversation.assigned',
  'conversation.transferred',
  'message.created',
  'message.attachments',
  'conversation.ended',
  'satisfaction.submitted',
  'submission.created',
  'submission.replied',
  'sensitive_word.hit',
  'agent.status_changed',
  'conversation.tagged',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** The type of the deliveries made by "Send test" (never written to the outbox). */
export const TEST_EVENT_TYPE = 'webhook.test';

export const WEBHOOK_EVENT_LABELS: Record<WebhookEventType, string> = {
  'conversation.started': 'Chat started',
  'conversation.queued': 'Chat queued',
  'conversation.assigned': 'Chat assigned',
  'conversation.transferred': 'Chat transferred',
  'message.created': 'Message created',
  'message.attachments': 'Message attachments',
  'conversation.ended': 'Chat ended',
  'satisfaction.submitted': 'Satisfaction submitted',
  'submission.created': 'Submission created',
  'submission.replied': 'Submission replied',
  'sensitive_word.hit': 'Sensitive-word hit',
  'agent.status_changed': 'Agent status changed',
  'conversation.tagged': 'Chat tags changed',
};

/** Which event types each endpoint kind receives. */
export type WebhookKind = 'offline' | 'events' | 'push';
export const WEBHOOK_KINDS: readonly WebhookKind[] = ['offline', 'events', 'push'];

/** "Live-chat event messages": lifecycle and monitoring events, not the chat messages themselves. */
export const LIVE_CHAT_EVENT_TYPES: readonly WebhookEventType[] = WEBHOOK_EVENT_TYPES.filter((t) => t !== 'message.created' && t !== 'message.attachments' && t !== 'submission.replied');

/** Whether an endpoint of `kind` (with the push selection `pushTypes`) receives this event. */
export function endpointMatches(kind: WebhookKind, type: string, payload: Record<string, unknown>, pushTypes: readonly string[]): boolean {
  if (kind === 'offline') return ((type === 'message.created' || type === 'message.attachments') && payload.offline === true) || type === 'submission.replied';
  if (kind === 'events') return (LIVE_CHAT_EVENT_TYPES as readonly string[]).includes(type);
  return pushTypes.includes(type);
}

