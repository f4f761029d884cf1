import { and, eq, sql } from 'drizzle-orm';
import { createElement } from 'react';
import { z } from 'zod';
import type { Db } from '../../db/client';
import { conversations, visitorReadMarks, visitors } from '../../db/schema';
import { AppError } from '../../lib/errors';
import type { ChatEvents } from '../chat/events';
import type { ConversationService } from '../conversations/service';
import type { SettingsService } from '../settings/service';
import { loadBrand } from './brand';
import { queueEmail } from './outbox';
import { renderEmail } from './render';
import { UnseenRepliesEmail } from './templates/unseen-replies';
import { transcriptLine, visitorEmailHeaders, visitorEmailKeyPrefix, type VisitorEmailConfig } from './visitor-transcript';
import { fill, visitorLocale, visitorWording } from './visitor-wording';

/** The first agent message (its seq) of a conversation's window whose unseen-delay ends when the job runs. */
export interface UnseenRepliesJob {
  workspaceId: string;
  conversationId: string;
  seq: number;
}

const Address = z.email().max(254);
/** At most this many messages in one email (the newest); a long monologue is read in the chat. */
const MAX_LINES = 30;

/**
 * The widget reports the newest message the visitor has seen (`conversation.seen`): the mark only moves
 * forward, never past the conversation's last message, and only for the visitor's own conversation.
 */
export async function recordVisitorSeen(db: Db, workspaceId: string, visitorId: string, conversationId: string, seq: number): Promise<{ seenSeq: number }> {
  const rows = await db.execute<{ seen_seq: number }>(sql`
    insert into ${visitorReadMarks} (conversation_id, workspace_id, seen_seq)
    select c.id, c.workspace_id, least(${seq}::int, c.last_seq) from ${conversations} c
    where c.id = ${conversationId} and c.workspace_id = ${workspaceId} and c.visitor_id = ${visitorId}
    on conflict (conversation_id) do update set seen_seq = greatest(${visitorReadMarks.seenSeq}, excluded.seen_seq), updated_at = now()
    returning seen_seq`);
  const row = rows.rows[0];
  if (!row) throw new AppError('forbidden', 'Not your conversation');
  return { seenSeq: row.seen_seq };
}

/** Windows per delay: a conversation's agent messages share one job per window, so an email waits at most delay × 1.1. */
const WINDOWS_PER_DELAY = 10;

/**
 * When the job for a message written at `now` fires: the end of its window (a tenth of the delay) plus the
 * delay, so every message waits at least the full delay and all messages of a window share one job.
 */
export function unseenJobDue(now: number, delayMs: number): number {
  const window = delayMs / WINDOWS_PER_DELAY;
  return (Math.floor(now / window) + 1) * window + delayMs;
}

/** Clocks of the process that scheduled and the one that sends may differ a little: never by half a window. */
const clockSlackMs = (delayMs: number) => Math.min(1_000, delayMs / WINDOWS_PER_DELAY / 2);

/**
 * The scheduling half (F15): agent messages in a chat (not bots, system lines or notes) schedule a delayed
 * job (BullMQ, kept in Redis: it survives a restart) for the workspace's unseen-delay, when End of Chat >
 * "Email replies the visitor has not seen" is on. One job per conversation and window, not per message:
 * a process remembers the window it scheduled for each conversation and skips the others' Redis round
 * trip and worker wake-up (a burst of replies was one job each). Another process, or this one after a
 * restart, may schedule the same window again: harmless, the sender is idempotent. Runs off the message path.
 */
export function subscribeUnseenReplies(
  events: ChatEvents,
  ports: {
    settings: Pick<SettingsService, 'value'>;
    schedule(job: UnseenRepliesJob, delayMs: number): Promise<void>;
    onError(error: unknown): void;
    now?: () => number;
  },
): () => void {
  const now = ports.now ?? Date.now;
  const scheduled = new Map<string, number>();
  return events.on('message.created', ({ workspaceId, message }) => {
    if (message.senderType !== 'agent' || !message.senderId) return;
    void (async () => {
      const { emailUnseenReplies } = await ports.settings.value(workspaceId, 'endOfChat');
      if (!emailUnseenReplies.enabled) return;
      const at = now();
      const due = unseenJobDue(at, emailUnseenReplies.minutes * 60_000);
      if (scheduled.get(message.conversationId) === due) return;
      if (scheduled.size >= 10_000) for (const [id, d] of scheduled) if (d <= at) scheduled.delete(id);
      scheduled.set(message.conversationId, due);
      await ports.schedule({ workspaceId, conversationId: message.conversationId, seq: message.seq }, Math.ceil(due - at));
    })().catch(ports.onError);
  });
}

/**
 * The sending half, when a window's delay is over: the agent messages the visitor has neither seen nor
 * been emailed yet. Nothing when the visitor saw them, when the oldest of them has not waited the full delay
 * (it belongs to a later window, whose job comes later; so every email waits the full delay for its oldest
 * message), when the setting was turned off, or without a known, valid visitor email. Otherwise one email
 * with all of them, in the visitor's language, with the conversation's signed Reply-To and threading
 * headers, keyed `visitor:<conversation>:unseen:<last seq>:<address>`; the row lock makes concurrent jobs
 * send one email.
 */
export async function sendUnseenReplies(
  deps: { db: Db; conversations: Pick<ConversationService, 'history'>; settings: Pick<SettingsService, 'value'>; config: VisitorEmailConfig },
  job: UnseenRepliesJob,
): Promise<'sent' | 'seen' | 'not_yet' | 'no_email' | 'turned_off'> {
  const { db } = deps;
  const { emailUnseenReplies } = await deps.settings.value(job.workspaceId, 'endOfChat');
  if (!emailUnseenReplies.enabled) return 'turned_off';
  const delayMs = emailUnseenReplies.minutes * 60_000;
  const [conversation] = await db
    .select({ id: conversations.id, visitorId: conversations.visitorId, entryUrl: conversations.entryUrl, email: visitors.email })
    .from(conversations)
    .innerJoin(visitors, eq(visitors.id, conversations.visitorId))
    .where(and(eq(conversations.workspaceId, job.workspaceId), eq(conversations.id, job.conversationId)));
  const address = Address.safeParse(conversation?.email?.trim());
  if (!conversation || !address.success) return 'no_email';
  const to = address.data.toLowerCase();
  const brand = await loadBrand(db, job.workspaceId);
  const locale = await visitorLocale(db, deps.settings, job.workspaceId, conversation.visitorId);
  const { lang } = locale;
  const words = visitorWording(lang);
  return db.transaction(async (tx) => {
    await tx.insert(visitorReadMarks).values({ conversationId: conversation.id, workspaceId: job.workspaceId }).onConflictDoNothing();
    const [mark] = await tx.select().from(visitorReadMarks).where(eq(visitorReadMarks.conversationId, conversation.id)).for('update');
    const after = Math.max(mark.seenSeq, mark.emailedSeq);
    const unseen = (await deps.conversations.history(job.workspaceId, conversation.id, { afterSeq: after, limit: 200 })).filter((m) => m.senderType === 'agent' && m.senderId);
    if (!unseen.length) return 'seen' as const;
    if (Date.parse(unseen[0].createdAt) > Date.now() - delayMs + clockSlackMs(delayMs)) return 'not_yet' as const;
    const lastSeq = unseen[unseen.length - 1].seq;
    const rendered = await renderEmail(
      fill(words.unseenTitle, { ws: brand.workspaceName }),
      createElement(UnseenRepliesEmail, {
        brand,
        words,
        lang,
        lines: unseen.slice(-MAX_LINES).map((m) => transcriptLine(m, brand.workspaceName, words, locale)),
        canReply: Boolean(deps.config.inboundDomain),
        chatUrl: conversation.entryUrl && /^https?:\/\//i.test(conversation.entryUrl) ? conversation.entryUrl : null,
      }),
    );
    const headers = await visitorEmailHeaders(tx, deps.config, conversation.id);
    await queueEmail(tx, { ...rendered, workspaceId: job.workspaceId, idempotencyKey: `${visitorEmailKeyPrefix(conversation.id)}unseen:${lastSeq}:${to}`, kind: 'visitor_unseen_replies', fromName: brand.workspaceName, to, headers });
    await tx.update(visitorReadMarks).set({ emailedSeq: lastSeq, updatedAt: new Date() }).where(eq(visitorReadMarks.conversationId, conversation.id));
    return 'sent' as const;
  });
}
