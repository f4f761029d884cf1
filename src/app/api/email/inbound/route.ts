import { receiveInboundMail } from '../../../../domain/email/inbound';
import { env } from '../../../../lib/env';
import { AppError } from '../../../../lib/errors';
import { logger } from '../../../../lib/logger';
import { assertEmailWebhookSecret } from '../../../../server/email';
import { services } from '../../../../server/web';
import { route } from '../../../../server/http/route';

/** Larger mails are refused (413): inbound services split or drop them. */
const MAX_MIME_BYTES = 30 * 1024 * 1024;

/**
 * POST /api/email/inbound (Authorization: Bearer EMAIL_WEBHOOK_SECRET), body: the raw MIME message as an
 * inbound-mail service posts it (message/rfc822 or text/plain) -> { conversationId, messageId,
 * newConversation, refusedFiles }. A visitor's reply to one of our emails becomes their message in the
 * conversation (docs/email.md). Forged reply token: 401; no conversation found: 404; nothing is appended.
 */
export const POST = route(
  {
    auth: 'public',
    rateLimit: async (req) => assertEmailWebhookSecret(req),
  },
  async ({ req }) => {
    const declared = Number(req.headers.get('content-length') ?? '0');
    if (declared > MAX_MIME_BYTES) throw new AppError('payload_too_large', 'This email is too large');
    const raw = await req.arrayBuffer();
    if (raw.byteLength > MAX_MIME_BYTES) throw new AppError('payload_too_large', 'This email is too large');
    if (raw.byteLength === 0) throw new AppError('bad_request', 'The request body must be the raw email (MIME)');
    const { db, chat, conversations, attachments } = services();
    const result = await receiveInboundMail(
      { db, chat, conversations, attachments, authSecret: env().AUTH_SECRET!, log: (level, fields, message) => logger[level](fields, message) },
      raw,
    );
    return { conversationId: result.conversationId, messageId: result.message.id, newConversation: result.newConversation, refusedFiles: result.refusedFiles };
  },
);
