import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client';
import { conversationTags, tags } from '../../db/schema';
import { AppError, badRequestFromZod } from '../../lib/errors';
import { emitWebhookEvent } from '../webhooks/outbox';

export { filterByTags, TAG_COLORS } from './filter';

export interface TagDto {
  id: string;
  name: string;
  color: string;
}


export const TagInput = z.object({
  name: z.string().trim().min(1, 'Enter a name').max(40, 'Tag names are at most 40 characters'),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'Pick a colour'),
});

const MAX_TAGS_PER_CONVERSATION = 20;

/**
 * Workspace-defined coloured tags on conversations (issue 15 item 4). Agents set them during or after a
 * chat; the embed may give tag names at start (they feed routing rule conditions). Changes are webhook
 * events (`conversation.tagged`) with the full tag list.
 */
export class TagService {
  constructor(private readonly db: Db) {}

  async list(workspaceId: string): Promise<TagDto[]> {
    return this.db.select({ id: tags.id, name: tags.name, color: tags.color }).from(tags).where(eq(tags.workspaceId, workspaceId)).orderBy(asc(sql`lower(${tags.name})`));
  }

  async create(workspaceId: string, raw: z.input<typeof TagInput>): Promise<TagDto> {
    const input = parseTag(raw);
    try {
      const [row] = await this.db.insert(tags).values({ workspaceId, ...input }).returning({ id: tags.id, name: tags.name, color: tags.color });
      return row;
    } catch (error) {
      throw duplicate(error, input.name);
    }
  }

  async update(workspaceId: string, id: string, raw: z.input<typeof TagInput>): Promise<TagDto> {
    const input = parseTag(raw);
    try {
      const [row] = await this.db.update(tags).set(input).where(and(eq(tags.workspaceId, workspaceId), eq(tags.id, id))).returning({ id: tags.id, name: tags.name, color: tags.color });
      if (!row) throw new AppError('not_found', 'That tag no longer exists');
      return row;
    } catch (error) {
      throw duplicate(error, input.name);
    }
  }

  async remove(workspaceId: string, id: string): Promise<void> {
    const removed = await this.db.delete(tags).where(and(eq(tags.workspaceId, workspaceId), eq(tags.id, id))).returning({ id: tags.id });
    if (!removed.length) throw new AppError('not_found', 'That tag no longer exists');
  }

  /** Tags of many conversations at once (conversation lists). */
  async forConversations(workspaceId: string, conversationIds: string[]): Promise<Map<string, TagDto[]>> {
    const out = new Map<string, TagDto[]>();
    if (!conversationIds.length) return out;
    const rows = await this.db
      .select({ conversationId: conversationTags.conversationId, id: tags.id, name: tags.name, color: tags.color })
      .from(conversationTags)
      .innerJoin(tags, eq(tags.id, conversationTags.tagId))
      .where(and(eq(conversationTags.workspaceId, workspaceId), inArray(conversationTags.conversationId, conversationIds)))
      .orderBy(asc(sql`lower(${tags.name})`));
    for (const { conversationId, ...tag } of rows) out.set(conversationId, [...(out.get(conversationId) ?? []), tag]);
    return out;
  }

  /**
   * Replaces a conversation's tags (ids must be tags of the workspace). Writes `conversation.tagged` to the
   * outbox in the same transaction. Returns the new list.
   */
  async setForConversation(workspaceId: string, conversationId: string, tagIds: string[], by: string | null): Promise<TagDto[]> {
    const wanted = [...new Set(tagIds)];
    if (wanted.length > MAX_TAGS_PER_CONVERSATION) throw new AppError('bad_request', `At most ${MAX_TAGS_PER_CONVERSATION} tags per conversation`);
    const known = wanted.length ? await this.db.select({ id: tags.id }).from(tags).where(and(eq(tags.workspaceId, workspaceId), inArray(tags.id, wanted))) : [];
    if (known.length !== wanted.length) throw new AppError('bad_request', 'One of these tags no longer exists', [{ path: 'tagIds', message: 'Unknown tag' }]);
    await this.db.transaction(async (tx) => {
      await tx.delete(conversationTags).where(and(eq(conversationTags.workspaceId, workspaceId), eq(conversationTags.conversationId, conversationId)));
      if (wanted.length) await tx.insert(conversationTags).values(wanted.map((tagId) => ({ workspaceId, conversationId, tagId, addedBy: by })));
      const names = wanted.length ? await tx.select({ name: tags.name }).from(tags).where(inArray(tags.id, wanted)) : [];
      await emitWebhookEvent(tx, workspaceId, 'conversation.tagged', { conversationId, tags: names.map((n) => n.name).sort(), by });
    });
    return (await this.forConversations(workspaceId, [conversationId])).get(conversationId) ?? [];
  }

  /** The workspace's tags among `names` (case-insensitive), by their stored name. */
  async knownNames(workspaceId: string, names: string[]): Promise<string[]> {
    return (await this.byNames(workspaceId, names)).map((t) => t.name);
  }

  /** Tags given by name at chat start (embed `data-tags`): known names only, unknown ones ignored. */
  async tagAtStart(workspaceId: string, conversationId: string, names: string[]): Promise<string[]> {
    const found = await this.byNames(workspaceId, names);
    if (!found.length) return [];
    await this.db.transaction(async (tx) => {
      await tx
        .insert(conversationTags)
        .values(found.map((t) => ({ workspaceId, conversationId, tagId: t.id, addedBy: null })))
        .onConflictDoNothing();
      await emitWebhookEvent(tx, workspaceId, 'conversation.tagged', { conversationId, tags: found.map((t) => t.name).sort(), by: null });
    });
    return found.map((t) => t.name);
  }

  private async byNames(workspaceId: string, names: string[]): Promise<{ id: string; name: string }[]> {
    const lower = [...new Set(names.map((n) => n.trim().toLowerCase()).filter(Boolean))];
    if (!lower.length) return [];
    return this.db
      .select({ id: tags.id, name: tags.name })
      .from(tags)
      .where(and(eq(tags.workspaceId, workspaceId), inArray(sql`lower(${tags.name})`, lower)));
  }
}

function parseTag(raw: z.input<typeof TagInput>) {
  const parsed = TagInput.safeParse(raw);
  if (!parsed.success) throw badRequestFromZod(parsed.error, 'tag');
  return parsed.data;
}

function duplicate(error: unknown, name: string): unknown {
  const code = (error as { code?: string; cause?: { code?: string } }).code ?? (error as { cause?: { code?: string } }).cause?.code;
  return code === '23505' ? new AppError('conflict', `A tag named “${name}” already exists`, [{ path: 'name', message: 'Already used' }]) : error;
}

