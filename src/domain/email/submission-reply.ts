import { createElement } from 'react';
import { z } from 'zod';
import type { Db } from '../../db/client';
import type { SubmissionReplyHook } from '../submissions/service';
import { loadBrand } from './brand';
import { queueEmail } from './outbox';
import { renderEmail } from './render';
import type { SettingsService } from '../settings/service';
import { fill, visitorLocale, visitorWording } from './visitor-wording';
import { SubmissionReplyEmail } from './templates/submission-reply';
import { visitorEmailHeaders, visitorEmailKeyPrefix, type VisitorEmailConfig } from './visitor-transcript';

const Address = z.email().max(254);

/**
 * F5 + F15: an agent's reply to a left message is emailed to the address the visitor gave in the form,
 * queued in the reply's transaction (it exists exactly when the reply committed), once per reply
 * (idempotency key per reply message). When the submission belongs to a conversation the email carries that
 * conversation's signed Reply-To and threads with its earlier visitor emails, so an answer by email comes
 * back into the chat (src/domain/email/inbound.ts); without a conversation there is no Reply-To.
 * A submission without a valid email gets no email.
 */
export function submissionReplyEmailer(db: Db, settings: Pick<SettingsService, 'value'>, config: () => VisitorEmailConfig): SubmissionReplyHook {
  return async (tx, { workspaceId, submission, messageId, body }) => {
    const parsed = Address.safeParse(submission.fields.email?.trim());
    if (!parsed.success) return;
    const cfg = config();
    const brand = await loadBrand(db, workspaceId);
    const withConversation = Boolean(submission.conversationId);
    const { lang } = await visitorLocale(tx, settings, workspaceId, submission.visitorId);
    const words = visitorWording(lang);
    const rendered = await renderEmail(
      `${fill(words.submissionTitle, { n: submission.number })} – ${brand.workspaceName}`,
      createElement(SubmissionReplyEmail, {
        words,
        lang,
        brand,
        number: submission.number,
        reply: body,
        original: submission.fields.content?.trim() || null,
        canReply: withConversation && Boolean(cfg.inboundDomain),
      }),
    );
    const headers = submission.conversationId ? await visitorEmailHeaders(tx, cfg, submission.conversationId) : {};
    const key = submission.conversationId ? `${visitorEmailKeyPrefix(submission.conversationId)}submission-reply:${messageId}` : `submission-reply:${submission.id}:${messageId}`;
    await queueEmail(tx, { ...rendered, workspaceId, idempotencyKey: key, kind: 'visitor_submission_reply', fromName: brand.workspaceName, to: parsed.data, headers });
  };
}
