import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { visitors } from '../../db/schema';
import type { ConversationDto, MessageDto } from '../conversations/types';
import { formatBytes } from '../attachments/policy';
import type { ConversationService } from '../conversations/service';
import type { NoteDto, NotesService } from '../notes/service';
import type { RatingDto, SatisfactionService } from '../satisfaction/service';
import type { TagService } from '../tags/service';
import type { PrechatRecord } from '../widget/prechat-record';

/** What a transcript shows besides the messages (issue 21): staff notes, tags, the rating, the pre-chat answers. */
export interface TranscriptExtras {
  notes: NoteDto[];
  tags: string[];
  rating: RatingDto | null;
  prechat: { name: string | null; email: string | null; record: PrechatRecord | null } | null;
}

export const NO_EXTRAS: TranscriptExtras = { notes: [], tags: [], rating: null, prechat: null };

/**
 * Loads the extras of one conversation. Transcripts are for staff (the route checks read access): notes and
 * whispers are included; the rating only when `ratingsVisible` (agents may see ratings, or admin/supervisor).
 */
export async function transcriptExtras(
  deps: { db: Db; notes: Pick<NotesService, 'list'>; tags: Pick<TagService, 'forConversations'>; satisfaction: Pick<SatisfactionService, 'forConversation'> },
  workspaceId: string,
  conversation: ConversationDto,
  ratingsVisible: boolean,
): Promise<TranscriptExtras> {
  const [notes, tags, rating, [visitor]] = await Promise.all([
    deps.notes.list(workspaceId, conversation.id),
    deps.tags.forConversations(workspaceId, [conversation.id]),
    ratingsVisible ? deps.satisfaction.forConversation(workspaceId, conversation.id) : Promise.resolve(null),
    deps.db
      .select({ name: visitors.name, email: visitors.email, prechat: visitors.prechat })
      .from(visitors)
      .where(and(eq(visitors.workspaceId, workspaceId), eq(visitors.id, conversation.visitorId))),
  ]);
  const prechat = visitor && (visitor.prechat || visitor.email) ? { name: visitor.name, email: visitor.email, record: visitor.prechat ?? null } : null;
  return { notes, tags: (tags.get(conversation.id) ?? []).map((t) => t.name), rating, prechat };
}

/** Messages and notes in transcript order: a note follows the message it was written after. */
function interleave(messages: MessageDto[], notes: NoteDto[]): ({ kind: 'message'; m: MessageDto } | { kind: 'note'; n: NoteDto })[] {
  const out: ({ kind: 'message'; m: MessageDto } | { kind: 'note'; n: NoteDto })[] = [];
  const pending = [...notes].sort((a, b) => a.afterSeq - b.afterSeq || a.createdAt.localeCompare(b.createdAt));
  for (const m of messages) {
    while (pending.length && pending[0].afterSeq < m.seq) out.push({ kind: 'note', n: pending.shift()! });
    out.push({ kind: 'message', m });
  }
  for (const n of pending) out.push({ kind: 'note', n });
  return out;
}

function ratingLine(r: RatingDto): string {
  const extras = [r.label, r.tags.length ? r.tags.join(', ') : '', r.solved === null ? '' : r.solved ? 'solved' : 'not solved'].filter(Boolean).join(' · ');
  return `${r.score} of ${r.scale}${extras ? ` (${extras})` : ''}${r.comment ? ` — “${r.comment}”` : ''}`;
}

function headerLines(x: TranscriptExtras): string[] {
  const lines: string[] = [];
  if (x.tags.length) lines.push(`Tags: ${x.tags.join(', ')}`);
  if (x.rating) lines.push(`Rating: ${ratingLine(x.rating)}`);
  if (x.prechat) {
    const p = x.prechat;
    const answers = [p.name ? `Name: ${p.name}` : '', p.email ? `Email: ${p.email}` : '', p.record?.group ? `Topic: ${p.record.group.name}` : '', ...(p.record?.fields ?? []).map((f) => `${f.label}: ${f.value}`), p.record?.consent ? `Consent given ${stamp(p.record.consent.at)}` : ''].filter(Boolean);
    if (answers.length) lines.push(`Pre-chat form: ${answers.join('; ')}`);
  }
  return lines;
}

/** Every message of a conversation, in order (history pages of 200). */
export async function fullHistory(conversations: ConversationService, workspaceId: string, conversationId: string): Promise<MessageDto[]> {
  const all: MessageDto[] = [];
  for (let afterSeq = 0; ; ) {
    const page = await conversations.history(workspaceId, conversationId, { afterSeq });
    all.push(...page);
    if (page.length < 200) return all;
    afterSeq = page[page.length - 1].seq;
  }
}

function who(m: MessageDto, c: ConversationDto): string {
  if (m.senderType === 'system') return 'System';
  if (m.senderType === 'visitor') return m.senderName ?? c.visitorName ?? 'Visitor';
  return m.senderName ?? 'Agent';
}

const stamp = (iso: string) => iso.replace('T', ' ').slice(0, 19) + ' UTC';

/** A plain-text transcript: header (with tags, rating, pre-chat answers), then one block per message or note. */
export function transcriptText(c: ConversationDto, messages: MessageDto[], extras: TranscriptExtras = NO_EXTRAS): string {
  const lines = [
    `Conversation ${c.id}`,
    `Visitor: ${c.visitorName ?? 'Anonymous visitor'}`,
    `Agent: ${c.agentName ?? '-'}`,
    `Started: ${stamp(c.startedAt)}${c.endedAt ? `   Ended: ${stamp(c.endedAt)}` : ''}`,
    ...headerLines(extras),
    '',
  ];
  for (const item of interleave(messages, extras.notes)) {
    if (item.kind === 'note') {
      lines.push(`[${stamp(item.n.createdAt)}] ${item.n.kind === 'whisper' ? 'Whisper' : 'Internal note'} by ${item.n.authorName ?? 'staff'}: ${item.n.body}`);
      continue;
    }
    const m = item.m;
    lines.push(`[${stamp(m.createdAt)}] ${who(m, c)}: ${m.body}`);
    for (const a of m.attachments ?? []) lines.push(`    (file) ${a.name}, ${formatBytes(a.size)}: ${a.url}`);
  }
  return `${lines.join('\n')}\n`;
}

const escape = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** A self-contained HTML transcript (no scripts, no external resources), printable. */
export function transcriptHtml(c: ConversationDto, messages: MessageDto[], extras: TranscriptExtras = NO_EXTRAS): string {
  const rows = interleave(messages, extras.notes)
    .map((item) => {
      if (item.kind === 'note') {
        const n = item.n;
        return `<div class="msg note"><div class="meta">${n.kind === 'whisper' ? 'Whisper' : 'Internal note'} by ${escape(n.authorName ?? 'staff')} · ${escape(stamp(n.createdAt))}</div><div class="body">${escape(n.body)}</div></div>`;
      }
      const m = item.m;
      const files = (m.attachments ?? []).map((a) => `<div class="file"><a href="${escape(a.url)}">${escape(a.name)}</a> · ${escape(formatBytes(a.size))}</div>`).join('');
      return `<div class="msg ${m.senderType}"><div class="meta">${escape(who(m, c))} · ${escape(stamp(m.createdAt))}</div>${m.body ? `<div class="body">${escape(m.body)}</div>` : ''}${files}</div>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Transcript – ${escape(c.visitorName ?? 'Visitor')}</title>
<style>body{font:14px/1.5 system-ui,sans-serif;max-width:760px;margin:24px auto;padding:0 16px;color:#0f172a}h1{font-size:18px}
.head{color:#475569;margin-bottom:16px}.msg{margin:10px 0;padding:8px 12px;border-radius:10px;background:#f1f5f9}
.msg.agent{background:#eef2ff}.msg.system{background:none;color:#64748b;font-size:12px;text-align:center}
.msg.note{background:#fef9c3}.meta{font-size:12px;color:#64748b}.body{white-space:pre-wrap;word-break:break-word}.file{font-size:13px}</style></head>
<body><h1>Conversation with ${escape(c.visitorName ?? 'an anonymous visitor')}</h1>
<div class="head">Agent: ${escape(c.agentName ?? '-')} · Started ${escape(stamp(c.startedAt))}${c.endedAt ? ` · Ended ${escape(stamp(c.endedAt))}` : ''}${headerLines(extras).map((l) => `<br>${escape(l)}`).join('')}</div>
${rows}
</body></html>
`;
}
