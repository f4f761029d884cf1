import { and, asc, eq, like, sql } from 'drizzle-orm';
import { createElement } from 'react';
import { z } from 'zod';
import type { Db } from '../../db/client';
import { emailOutbox, visitors } from '../../db/schema';
import { AppError } from '../../lib/errors';
import type { ConversationService } from '../conversations/service';
import type { MessageDto } from '../conversations/types';
import { loadBrand } from './brand';
import { queueEmail, type Executor } from './outbox';
import { renderEmail } from './render';
import { replyAddress } from './reply-address';
import { TranscriptEmail, type TranscriptLine } from './templates/transcript';
import { fill, visitorLocale, visitorTime, visitorWording, type VisitorLocale, type VisitorWording } from './visitor-wording';
import type { SettingsService } from '../settings/service';

export interface VisitorEmailConfig {
  authSecret: string;
  /** MAIL_FROM: its domain is the Message-ID's (src/domain/email/sender.ts). */
  fromAddress: string;
  /** EMAIL_INBOUND_DOMAIN; empty: no Reply-To (replies could not come back). */
  inboundDomain: string;
}

/** Distinct addresses a conversation's transcript may be sent to (each at most once): the abuse bound. */
export const TRANSCRIPTS_PER_CONVERSATION = 3;

const Address = z.email({ message: 'Please enter a valid email address.' }).max(254, { message: 'This email address is too long.' });

/** Every email to a visitor about a conversation has an idempotency key under this prefix (threading). */
export function visitorEmailKeyPrefix(conversationId: string): string {
  return `visitor:${conversationId}:`;
}

/**
 * Headers of a visitor email: Reply-To to the conversation's signed reply address, and In-Reply-To /
 * References naming the Message-IDs of the conversation's earlier visitor emails, so mail clients thread them
 * and a reply without the Reply-To still finds its conversation.
 */
export async function visitorEmailHeaders(tx: Executor, config: VisitorEmailConfig, conversationId: string): Promise<Record<string, string>> {
  const headers: Record<string, string> = {};
  if (config.inboundDomain) headers['Reply-To'] = replyAddress(config.authSecret, conversationId, config.inboundDomain);
  const earlier = await tx
    .select({ id: emailOutbox.id })
    .from(emailOutbox)
    .where(like(emailOutbox.idempotencyKey, `${visitorEmailKeyPrefix(conversationId)}%`))
    .orderBy(asc(emailOutbox.createdAt));
  if (earlier.length) {
    const domain = config.fromAddress.split('@')[1] ?? 'localhost';
    const ids = earlier.map((row) => `<${row.id}@${domain}>`);
    headers['In-Reply-To'] = ids[ids.length - 1];
    headers['References'] = ids.join(' ');
  }
  return headers;
}

/** A message as the visitor reads it in their emails ("You" for their own, the agent's name, the number of files). */
export function transcriptLine(m: MessageDto, brandName: string, words: VisitorWording, locale: VisitorLocale): TranscriptLine {
  const sender = m.senderType === 'visitor' ? words.you : m.senderType === 'system' ? brandName : (m.senderName ?? 'Agent');
  const files = m.attachments?.length ? `\n[${fill(words.files, { n: m.attachments.length })}]` : '';
  return { sender, time: visitorTime(m.createdAt, locale), body: `${m.body}${files}`.trim(), fromVisitor: m.senderType === 'visitor' };
}

/**
 * The visitor asked for a copy of their ended chat (widget, `transcript.email`): queues the transcript to the
 * given address or, without one, to the visitor's known email. Once per conversation and address (asking
 * again answers `queued: false`), at most TRANSCRIPTS_PER_CONVERSATION addresses per conversation.
 */
export async function emailTranscript(
  deps: { db: Db; conversations: ConversationService; config: VisitorEmailConfig; settings?: Pick<SettingsService, 'value'> },
  input: { workspaceId: string; visitorId: string; conversationId: string; email?: string; auto?: boolean },
): Promise<{ queued: boolean; to: string }> {
  const { db, conversations, config } = deps;
  const conversation = await conversations.get(input.workspaceId, input.conversationId);
  if (!conversation || conversation.visitorId !== input.visitorId) throw new AppError('forbidden', 'Not your conversation');
  if (conversation.status !== 'ended') throw new AppError('invalid_state', 'The transcript can be emailed once the chat has ended.');
  let to = input.email?.trim();
  if (!to) {
    const [visitor] = await db.select({ email: visitors.email }).from(visitors).where(and(eq(visitors.workspaceId, input.workspaceId), eq(visitors.id, input.visitorId)));
    to = visitor?.email?.trim() || undefined;
    if (!to) throw new AppError('bad_request', 'Please enter your email address.');
  }
  const parsed = Address.safeParse(to);
  if (!parsed.success) throw new AppError('bad_request', parsed.error.issues[0]?.message ?? 'Please enter a valid email address.');
  const address = parsed.data.toLowerCase();
  const key = `${visitorEmailKeyPrefix(conversation.id)}transcript:${address}`;

  const brand = await loadBrand(db, input.workspaceId);
  // In the visitor's widget language (English when the caller has no settings at hand).
  const locale: VisitorLocale = deps.settings ? await visitorLocale(db, deps.settings, input.workspaceId, input.visitorId) : { lang: 'en', timeZone: 'UTC' };
  const { lang } = locale;
  const words = visitorWording(lang);
  const messages: MessageDto[] = [];
  for (let afterSeq = 0; ; ) {
    const page = await conversations.history(input.workspaceId, conversation.id, { afterSeq });
    messages.push(...page);
    if (!page.length) break;
    afterSeq = page[page.length - 1].seq;
  }
  const rendered = await renderEmail(
    fill(words.transcriptTitle, { ws: brand.workspaceName }),
    createElement(TranscriptEmail, {
      brand,
      started: visitorTime(conversation.startedAt, locale),
      lines: messages.map((m) => transcriptLine(m, brand.workspaceName, words, locale)),
      canReply: Boolean(config.inboundDomain),
      words,
      lang,
      auto: input.auto,
    }),
  );

  const queued = await db.transaction(async (tx) => {
    // One transcript request at a time per conversation: the count below cannot race.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${key.slice(0, key.indexOf(':transcript:'))}))`);
    const [{ count }] = await tx
      .select({ count: sql<number>`count(*)::int` })
      .from(emailOutbox)
      .where(like(emailOutbox.idempotencyKey, `${visitorEmailKeyPrefix(conversation.id)}transcript:%`));
    const [already] = await tx.select({ id: emailOutbox.id }).from(emailOutbox).where(eq(emailOutbox.idempotencyKey, key));
    if (already) return false;
    if (count >= TRANSCRIPTS_PER_CONVERSATION) throw new AppError('rate_limited', 'This transcript has already been sent to several addresses.');
    const headers = await visitorEmailHeaders(tx, config, conversation.id);
    return queueEmail(tx, { ...rendered, workspaceId: input.workspaceId, idempotencyKey: key, kind: 'visitor_transcript', fromName: brand.workspaceName, to: address, headers });
  });
  return { queued, to: address };
}
