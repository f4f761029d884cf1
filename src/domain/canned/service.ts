import { and, asc, eq, isNull, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client';
import { cannedReplies, skillGroups, userSkillGroups, workspaces } from '../../db/schema';
import { AppError, badRequestFromZod } from '../../lib/errors';
import { parseCsv, toCsv } from './csv';

export interface CannedReplyDto {
  id: string;
  scope: 'shared' | 'personal';
  groupId: string | null;
  groupName: string | null;
  shortcut: string;
  body: string;
  updatedAt: string;
}

export const CannedReplyInput = z.object({
  shortcut: z
    .string()
    .trim()
    .min(1, 'Enter a shortcut')
    .max(40, 'Shortcuts are at most 40 characters')
    .regex(/^[\p{L}\p{N}_-]+$/u, 'Use letters, digits, - or _ (no spaces)'),
  body: z.string().trim().min(1, 'Enter the reply text').max(5000, 'Replies are at most 5000 characters'),
  groupId: z.uuid().nullable().optional(),
});
export type CannedReplyInput = z.infer<typeof CannedReplyInput>;

const MAX_IMPORT_ROWS = 1000;

/**
 * Canned replies (issue 15 item 2). Shared ones (owner null) are managed by admins and may be limited to one
 * skill group; personal ones belong to one staff member. An agent sees the shared ones for all groups and
 * their own groups, plus their personal ones.
 */
export class CannedReplyService {
  constructor(private readonly db: Db) {}

  /** What a staff member can insert: personal first (they override a shared one with the same shortcut), then shared. */
  async forAgent(workspaceId: string, userId: string): Promise<CannedReplyDto[]> {
    const groups = this.db.select({ id: userSkillGroups.groupId }).from(userSkillGroups).where(eq(userSkillGroups.userId, userId));
    const rows = await this.select()
      .where(
        and(
          eq(cannedReplies.workspaceId, workspaceId),
          or(eq(cannedReplies.ownerId, userId), and(isNull(cannedReplies.ownerId), or(isNull(cannedReplies.groupId), sql`${cannedReplies.groupId} in ${groups}`))),
        ),
      )
      .orderBy(sql`${cannedReplies.ownerId} is null`, asc(sql`lower(${cannedReplies.shortcut})`));
    const seen = new Set<string>();
    return rows.map(toDto).filter((r) => {
      const key = r.shortcut.toLowerCase();
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }

  async shared(workspaceId: string): Promise<CannedReplyDto[]> {
    const rows = await this.select()
      .where(and(eq(cannedReplies.workspaceId, workspaceId), isNull(cannedReplies.ownerId)))
      .orderBy(asc(sql`lower(${cannedReplies.shortcut})`));
    return rows.map(toDto);
  }

  async personal(workspaceId: string, userId: string): Promise<CannedReplyDto[]> {
    const rows = await this.select()
      .where(and(eq(cannedReplies.workspaceId, workspaceId), eq(cannedReplies.ownerId, userId)))
      .orderBy(asc(sql`lower(${cannedReplies.shortcut})`));
    return rows.map(toDto);
  }

  /** `ownerId` null = a shared reply (admins only; checked by the caller). */
  async create(workspaceId: string, ownerId: string | null, raw: z.input<typeof CannedReplyInput>): Promise<CannedReplyDto> {
    const input = parse(raw);
    const groupId = ownerId ? null : await this.checkGroup(workspaceId, input.groupId ?? null);
    try {
      const [row] = await this.db.insert(cannedReplies).values({ workspaceId, ownerId, groupId, shortcut: input.shortcut, body: input.body }).returning({ id: cannedReplies.id });
      return (await this.get(workspaceId, row.id))!;
    } catch (error) {
      throw duplicate(error, input.shortcut);
    }
  }

  async update(workspaceId: string, ownerId: string | null, id: string, raw: z.input<typeof CannedReplyInput>): Promise<CannedReplyDto> {
    const input = parse(raw);
    const groupId = ownerId ? null : await this.checkGroup(workspaceId, input.groupId ?? null);
    try {
      const updated = await this.db
        .update(cannedReplies)
        .set({ shortcut: input.shortcut, body: input.body, groupId, updatedAt: new Date() })
        .where(and(eq(cannedReplies.workspaceId, workspaceId), eq(cannedReplies.id, id), ownerId ? eq(cannedReplies.ownerId, ownerId) : isNull(cannedReplies.ownerId)))
        .returning({ id: cannedReplies.id });
      if (!updated.length) throw new AppError('not_found', 'That canned reply no longer exists');
      return (await this.get(workspaceId, id))!;
    } catch (error) {
      throw duplicate(error, input.shortcut);
    }
  }

  async remove(workspaceId: string, ownerId: string | null, id: string): Promise<void> {
    const removed = await this.db
      .delete(cannedReplies)
      .where(and(eq(cannedReplies.workspaceId, workspaceId), eq(cannedReplies.id, id), ownerId ? eq(cannedReplies.ownerId, ownerId) : isNull(cannedReplies.ownerId)))
      .returning({ id: cannedReplies.id });
    if (!removed.length) throw new AppError('not_found', 'That canned reply no longer exists');
  }

  /** CSV export of the shared replies: `shortcut,body,group`. */
  async exportShared(workspaceId: string): Promise<string> {
    const rows = await this.shared(workspaceId);
    return toCsv([['shortcut', 'body', 'group'], ...rows.map((r) => [r.shortcut, r.body, r.groupName ?? ''])]);
  }

  /**
   * CSV import of shared replies (`shortcut,body[,group]`, header optional). An existing shortcut is updated,
   * a new one added; rows with errors are reported by line and skipped. The group is matched by name.
   */
  async importShared(workspaceId: string, text: string): Promise<{ added: number; updated: number; invalid: { line: number; message: string }[] }> {
    const rows = parseCsv(text);
    if (rows.length && rows[0][0]?.trim().toLowerCase() === 'shortcut') rows.shift();
    if (!rows.length) throw new AppError('bad_request', 'The file contains no canned replies', [{ path: 'file', message: 'No rows found' }]);
    if (rows.length > MAX_IMPORT_ROWS) throw new AppError('bad_request', `At most ${MAX_IMPORT_ROWS} canned replies per import`);
    const groups = await this.db.select({ id: skillGroups.id, name: skillGroups.name }).from(skillGroups).where(eq(skillGroups.workspaceId, workspaceId));
    const groupByName = new Map(groups.map((g) => [g.name.toLowerCase(), g.id]));
    const existing = new Map((await this.shared(workspaceId)).map((r) => [r.shortcut.toLowerCase(), r.id]));
    let added = 0;
    let updated = 0;
    const invalid: { line: number; message: string }[] = [];
    for (const [index, [shortcut = '', body = '', group = '']] of rows.entries()) {
      const line = index + 1;
      const groupId = group.trim() ? groupByName.get(group.trim().toLowerCase()) : null;
      if (groupId === undefined) {
        invalid.push({ line, message: `Unknown skill group “${group.trim()}”` });
        continue;
      }
      const parsed = CannedReplyInput.safeParse({ shortcut, body, groupId });
      if (!parsed.success) {
        invalid.push({ line, message: parsed.error.issues[0]?.message ?? 'Invalid row' });
        continue;
      }
      const id = existing.get(parsed.data.shortcut.toLowerCase());
      if (id) {
        await this.db.update(cannedReplies).set({ body: parsed.data.body, groupId, updatedAt: new Date() }).where(eq(cannedReplies.id, id));
        updated++;
      } else {
        const [row] = await this.db.insert(cannedReplies).values({ workspaceId, ownerId: null, groupId, shortcut: parsed.data.shortcut, body: parsed.data.body }).returning({ id: cannedReplies.id });
        existing.set(parsed.data.shortcut.toLowerCase(), row.id);
        added++;
      }
    }
    return { added, updated, invalid };
  }

  async workspaceName(workspaceId: string): Promise<string> {
    const [ws] = await this.db.select({ name: workspaces.name }).from(workspaces).where(eq(workspaces.id, workspaceId));
    return ws?.name ?? '';
  }

  private async get(workspaceId: string, id: string): Promise<CannedReplyDto | null> {
    const [row] = await this.select().where(and(eq(cannedReplies.workspaceId, workspaceId), eq(cannedReplies.id, id)));
    return row ? toDto(row) : null;
  }

  private async checkGroup(workspaceId: string, groupId: string | null): Promise<string | null> {
    if (!groupId) return null;
    const [group] = await this.db.select({ id: skillGroups.id }).from(skillGroups).where(and(eq(skillGroups.workspaceId, workspaceId), eq(skillGroups.id, groupId)));
    if (!group) throw new AppError('bad_request', 'That skill group does not exist', [{ path: 'groupId', message: 'Unknown skill group' }]);
    return group.id;
  }

  private select() {
    return this.db
      .select({ r: cannedReplies, groupName: skillGroups.name })
      .from(cannedReplies)
      .leftJoin(skillGroups, eq(skillGroups.id, cannedReplies.groupId));
  }
}

function parse(raw: z.input<typeof CannedReplyInput>): CannedReplyInput {
  const parsed = CannedReplyInput.safeParse(raw);
  if (!parsed.success) throw badRequestFromZod(parsed.error, 'canned reply');
  return parsed.data;
}

function duplicate(error: unknown, shortcut: string): unknown {
  const code = (error as { code?: string; cause?: { code?: string } }).code ?? (error as { cause?: { code?: string } }).cause?.code;
  return code === '23505' ? new AppError('conflict', `The shortcut /${shortcut} is already used`, [{ path: 'shortcut', message: 'Already used' }]) : error;
}

function toDto(row: { r: typeof cannedReplies.$inferSelect; groupName: string | null }): CannedReplyDto {
  return {
    id: row.r.id,
    scope: row.r.ownerId ? 'personal' : 'shared',
    groupId: row.r.groupId,
    groupName: row.groupName,
    shortcut: row.r.shortcut,
    body: row.r.body,
    updatedAt: row.r.updatedAt.toISOString(),
  };
}
