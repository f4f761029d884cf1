import type { Db } from '../../db/client';
import { AppError } from '../../lib/errors';
import type { ChatEvents } from '../chat/events';
import type { ConversationService } from '../conversations/service';
import type { SettingsService } from '../settings/service';
import { emailTranscript, type VisitorEmailConfig } from './visitor-transcript';

/**
 * F15: the automatic transcript. When a chat ends and the workspace turned on End of Chat > "Email the
 * transcript" (off by default), the transcript goes to the visitor's known email (pre-chat form, `identify`,
 * CRM). It is the same email as the widget's "Email me the transcript", under the same idempotency key
 * (`visitor:<conversation>:transcript:<address>`): at most once per conversation and address, however
 * often the end event is seen, and a later request from the widget answers `queued: false`.
 * Runs off the end path: the listener returns at once and never fails the end of a chat.
 */
export function subscribeAutoTranscript(
  events: ChatEvents,
  deps: { db: Db; conversations: ConversationService; settings: Pick<SettingsService, 'value'>; config: () => VisitorEmailConfig; onError(error: unknown): void },
): () => void {
  return events.on('conversation.ended', (e) => {
    void (async () => {
      const { emailTranscript: on } = await deps.settings.value(e.workspaceId, 'endOfChat');
      if (!on) return;
      try {
        await emailTranscript(
          { db: deps.db, conversations: deps.conversations, config: deps.config(), settings: deps.settings },
          { workspaceId: e.workspaceId, visitorId: e.conversation.visitorId, conversationId: e.conversation.id, auto: true },
        );
      } catch (error) {
        // No known email (or the address cap reached by the visitor's own requests): nothing to send.
        if (error instanceof AppError && (error.code === 'bad_request' || error.code === 'rate_limited')) return;
        throw error;
      }
    })().catch(deps.onError);
  });
}
