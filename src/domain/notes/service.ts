import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { conversationNotes, conversations, users, visitors } from '../../db/schema';
import { AppError } from '../../lib/errors';

/** A staff-only note in a conversation's transcript. Whispers from monitoring are notes of kind 'whisper'. */
export interface NoteDto {
  id: string;
  conversationId: string;
  kind: 'note' | 'whisper';
  /** The transcript position: shown after the message with this seq. */
  afterSeq: number;
  authorId: string | null;
  authorName: string | null;
  body: string;
  mentions: { id: string; name: string }[];
  createdAt: string;
}

/** `note.mention`: what a mentioned colleague is told. */
export interface MentionDto {
  note: NoteDto;
  visitorName: string | null;
}

const MAX_NOTES = 500;

/**
 * Internal notes. Never part of the message table, so no visitor path (history, `message` events, webhook
 * `message.created`) can carry one: notes reach staff only through `note` / `note.mention` events.
 */
export class NotesService {
  constructor(private readonly db: Db) {}

  async add(
    workspaceId: string,
    conversationId: string,
    author: { id: string; name: string },
    input: { body: string; kind: 'note' | 'whisper'; mentions?: string[] },
  ): Promise<{ note: NoteDto; visitorName: string | null }> {
    const [conversation] = await this.db
      .select({ lastSeq: conversations.lastSeq, status: conversations.status, visitorId: conversations.visitorId })
      .from(conversations)
      .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.id, conversationId)));
    if (!conversation) throw new AppError('not_found', 'Conversation not found');
    // A whisper coaches the agent live; a note may also be written after the chat (follow-up).
    if (input.kind === 'whisper' && conversation.status === 'ended') throw new AppError('invalid_state', 'This conversation has ended');
    const wanted = [...new Set(input.mentions ?? [])].filter((id) => id !== author.id);
    const mentioned = await this.staff(workspaceId, wanted);
    if (mentioned.length !== wanted.length) {
      throw new AppError('bad_request', 'You can only mention colleagues of this workspace', [{ path: 'mentions', message: 'Unknown colleague' }]);
    }
    const [row] = await this.db
      .insert(conversationNotes)
      .values({ workspaceId, conversationId, authorId: author.id, afterSeq: conversation.lastSeq, body: input.body, kind: input.kind, mentions: mentioned.map((m) => m.id) })
      .returning();
    const [visitor] = await this.db.select({ name: visitors.name }).from(visitors).where(eq(visitors.id, conversation.visitorId));
    return { note: toNote(row, author.name, mentioned), visitorName: visitor?.name ?? null };
  }

  async list(workspaceId: string, conversationId: string, kind?: 'note' | 'whisper'): Promise<NoteDto[]> {
    const conditions = [eq(conversationNotes.workspaceId, workspaceId), eq(conversationNotes.conversationId, conversationId)];
    if (kind) conditions.push(eq(conversationNotes.kind, kind));
    const rows = await this.db
      .select({ n: conversationNotes, name: users.name })
      .from(conversationNotes)
      .leftJoin(users, eq(users.id, conversationNotes.authorId))
      .where(and(...conditions))
      .orderBy(asc(conversationNotes.createdAt))
      .limit(MAX_NOTES);
    const names = new Map((await this.staff(workspaceId, [...new Set(rows.flatMap((r) => r.n.mentions))])).map((s) => [s.id, s]));
    return rows.map((r) => toNote(r.n, r.name, r.n.mentions.flatMap((id) => names.get(id) ?? [])));
  }

  /** Active staff of the workspace among `ids` (mention targets). */
  private async staff(workspaceId: string, ids: string[]): Promise<{ id: string; name: string }[]> {
    if (!ids.length) return [];
    return this.db
      .select({ id: users.id, name: users.name })
      .from(users)
      .where(and(eq(users.workspaceId, workspaceId), inArray(users.id, ids), eq(users.active, true)));
  }
}

function toNote(row: typeof conversationNotes.$inferSelect, authorName: string | null, mentions: { id: string; name: string }[]): NoteDto {
  return {
    id: row.id,
    conversationId: row.conversationId,
    kind: row.kind,
    afterSeq: row.afterSeq,
    authorId: row.authorId,
    authorName,
    body: row.body,
    mentions,
    createdAt: row.createdAt.toISOString(),
  };
}
