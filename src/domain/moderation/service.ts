import { and, asc, count, desc, eq, ilike, inArray, or } from 'drizzle-orm';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { Db } from '../../db/client';
import { sensitiveWords, type ModerationAction, type ModerationSide } from '../../db/schema';
import { AppError } from '../../lib/errors';
import type { SettingsService } from '../settings/service';
import { hitWords, maskText, WordMatcher } from './matcher';
import { normalizeWord } from './normalize';

export type { ModerationAction, ModerationSide };
export { parseWordImport, wordsToCsv } from './word-files';

export const MAX_WORDS_PER_LIST = 20_000;
export const MAX_WORD_LENGTH = 100;

/** What happens to one message. `action` is null when no word matched. */
export interface Verdict {
  action: ModerationAction | null;
  /** Distinct words hit (as entered in the list). */
  words: string[];
  /** The body to store and deliver: masked for `mask`, unchanged otherwise. */
  body: string;
}

export interface SensitiveWordDto {
  id: string;
  side: ModerationSide;
  word: string;
  createdAt: string;
  updatedAt: string;
}

interface Compiled {
  customer: WordMatcher;
  agent: WordMatcher;
  at: number;
}

const Side = z.enum(['customer', 'agent']);
const Word = z.string().trim().min(1, 'Enter a word').max(MAX_WORD_LENGTH, `At most ${MAX_WORD_LENGTH} characters`);
export const AddWordsInput = z.object({ side: Side, words: z.array(z.string()).min(1, 'Enter at least one word').max(MAX_WORDS_PER_LIST) });
export const UpdateWordInput = z.object({ word: Word });
export const ListWordsQuery = z.object({
  side: Side,
  q: z.string().trim().max(MAX_WORD_LENGTH).default(''),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

/** Safety net: a node rebuilds its matcher at least this often even if an invalidation message was lost. */
const MAX_AGE_MS = 5 * 60_000;

/**
 * Sensitive-word lists and message screening (F6). The compiled Aho-Corasick matchers are cached per
 * workspace in each long-lived process and dropped on a Redis pub/sub invalidation that every list change
 * publishes, so screening a message never queries the database.
 */
export class ModerationService {
  private cache = new Map<string, Compiled>();
  private building = new Map<string, Promise<Compiled>>();
  private generation = new Map<string, number>();
  private subscribed = false;

  constructor(
    private readonly db: Db,
    private readonly publisher: Redis,
    private readonly channel: string,
    private readonly settings: SettingsService,
  ) {}

  /** Subscribe to invalidations (long-lived processes). The connection may be shared with other subscribers. */
  async listen(subscriber: Redis): Promise<void> {
    await subscriber.subscribe(this.channel);
    this.subscribed = true;
    subscriber.on('message', (channel, workspaceId) => {
      if (channel !== this.channel) return;
      const wasCached = this.cache.has(workspaceId);
      this.drop(workspaceId);
      // Rebuild at once where it was in use, so the next message does not pay for the compile.
      if (wasCached) void this.compiled(workspaceId).catch(() => {});
    });
  }

  private drop(workspaceId: string) {
    this.cache.delete(workspaceId);
    this.building.delete(workspaceId);
    this.generation.set(workspaceId, (this.generation.get(workspaceId) ?? 0) + 1);
  }

  /** The workspace's compiled matchers (cached; built from the database on first use or after a change). */
  async compiled(workspaceId: string): Promise<Compiled> {
    const hit = this.cache.get(workspaceId);
    if (hit && Date.now() - hit.at < MAX_AGE_MS) return hit;
    let pending = this.building.get(workspaceId);
    if (!pending) {
      const generation = this.generation.get(workspaceId) ?? 0;
      pending = this.build(workspaceId).then((built) => {
        // Only cache if no invalidation arrived while building.
        if (this.subscribed && (this.generation.get(workspaceId) ?? 0) === generation) this.cache.set(workspaceId, built);
        if (this.building.get(workspaceId) === pending) this.building.delete(workspaceId);
        return built;
      });
      this.building.set(workspaceId, pending);
    }
    return pending;
  }

  private async build(workspaceId: string): Promise<Compiled> {
    const rows = await this.db
      .select({ side: sensitiveWords.side, word: sensitiveWords.word })
      .from(sensitiveWords)
      .where(eq(sensitiveWords.workspaceId, workspaceId))
      .orderBy(asc(sensitiveWords.createdAt));
    return {
      customer: WordMatcher.compile(rows.filter((r) => r.side === 'customer').map((r) => r.word)),
      agent: WordMatcher.compile(rows.filter((r) => r.side === 'agent').map((r) => r.word)),
      at: Date.now(),
    };
  }

  /** Screens a message written by `side` against that side's list and applies the list's action. */
  async screen(workspaceId: string, side: ModerationSide, body: string): Promise<Verdict> {
    const compiled = await this.compiled(workspaceId);
    const matcher = compiled[side];
    if (!matcher.size) return { action: null, words: [], body };
    const settings = await this.settings.value(workspaceId, 'sensitiveWords');
    const result = matcher.match(body, { wholeWords: settings.wholeWords });
    if (!result.hits.length) return { action: null, words: [], body };
    const action = side === 'customer' ? settings.customerAction : settings.agentAction;
    return { action, words: hitWords(matcher, result), body: action === 'mask' ? maskText(result) : body };
  }

  // ------------------------------------------------------------------ lists (console)

  async list(workspaceId: string, query: z.output<typeof ListWordsQuery>): Promise<{ items: SensitiveWordDto[]; total: number; page: number; pageSize: number }> {
    const { side, q, page, pageSize } = query;
    const where = and(
      eq(sensitiveWords.workspaceId, workspaceId),
      eq(sensitiveWords.side, side),
      q ? or(ilike(sensitiveWords.word, `%${escapeLike(q)}%`), ilike(sensitiveWords.normalized, `%${escapeLike(normalizeWord(q))}%`)) : undefined,
    );
    const [rows, [{ total }]] = await Promise.all([
      this.db.select().from(sensitiveWords).where(where).orderBy(desc(sensitiveWords.createdAt), asc(sensitiveWords.word)).limit(pageSize).offset((page - 1) * pageSize),
      this.db.select({ total: count() }).from(sensitiveWords).where(where),
    ]);
    return { items: rows.map(toDto), total: Number(total), page, pageSize };
  }

  /** Every word of a list (export). */
  async all(workspaceId: string, side: ModerationSide): Promise<SensitiveWordDto[]> {
    const rows = await this.db
      .select()
      .from(sensitiveWords)
      .where(and(eq(sensitiveWords.workspaceId, workspaceId), eq(sensitiveWords.side, side)))
      .orderBy(asc(sensitiveWords.word));
    return rows.map(toDto);
  }

  /**
   * Adds words (one, or a bulk import). Blank lines are ignored; words already in the list (after
   * normalisation) and repeats within the input are skipped, not errors. Invalid words are reported.
   */
  async add(workspaceId: string, input: z.output<typeof AddWordsInput>): Promise<{ added: number; skipped: number; invalid: { word: string; message: string }[] }> {
    const { side, words } = input;
    const invalid: { word: string; message: string }[] = [];
    const fresh = new Map<string, string>();
    let blank = 0;
    for (const raw of words) {
      const word = raw.trim();
      if (!word) {
        blank++;
        continue;
      }
      const check = Word.safeParse(word);
      const normalized = normalizeWord(word);
      if (!check.success) invalid.push({ word: word.slice(0, 120), message: check.error.issues[0].message });
      else if (!normalized) invalid.push({ word, message: 'Only spaces or invisible characters' });
      else if (!fresh.has(normalized)) fresh.set(normalized, word);
    }
    if (!fresh.size && invalid.length) throw new AppError('bad_request', invalid[0].message, invalid.map((i) => ({ path: 'words', message: `${i.word}: ${i.message}` })));
    const [{ existing }] = await this.db
      .select({ existing: count() })
      .from(sensitiveWords)
      .where(and(eq(sensitiveWords.workspaceId, workspaceId), eq(sensitiveWords.side, side)));
    if (Number(existing) + fresh.size > MAX_WORDS_PER_LIST) {
      throw new AppError('bad_request', `A list holds at most ${MAX_WORDS_PER_LIST.toLocaleString('en')} words (it has ${Number(existing)})`);
    }
    let added = 0;
    const entries = [...fresh.entries()];
    for (let i = 0; i < entries.length; i += 1000) {
      const chunk = entries.slice(i, i + 1000);
      const inserted = await this.db
        .insert(sensitiveWords)
        .values(chunk.map(([normalized, word]) => ({ workspaceId, side, word, normalized })))
        .onConflictDoNothing()
        .returning({ id: sensitiveWords.id });
      added += inserted.length;
    }
    if (added) await this.changed(workspaceId);
    return { added, skipped: words.length - blank - invalid.length - added, invalid };
  }

  async update(workspaceId: string, id: string, input: z.output<typeof UpdateWordInput>): Promise<SensitiveWordDto> {
    const parsed = { data: input };
    const normalized = normalizeWord(parsed.data.word);
    if (!normalized) throw new AppError('bad_request', 'Only spaces or invisible characters', [{ path: 'word', message: 'Enter a word' }]);
    try {
      const [row] = await this.db
        .update(sensitiveWords)
        .set({ word: parsed.data.word, normalized, updatedAt: new Date() })
        .where(and(eq(sensitiveWords.workspaceId, workspaceId), eq(sensitiveWords.id, id)))
        .returning();
      if (!row) throw new AppError('not_found', 'Word not found');
      await this.changed(workspaceId);
      return toDto(row);
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError('conflict', 'That word is already in the list', [{ path: 'word', message: 'Already in the list' }]);
      throw error;
    }
  }

  async remove(workspaceId: string, ids: string[]): Promise<number> {
    if (!ids.length) return 0;
    const deleted = await this.db
      .delete(sensitiveWords)
      .where(and(eq(sensitiveWords.workspaceId, workspaceId), inArray(sensitiveWords.id, ids)))
      .returning({ id: sensitiveWords.id });
    if (deleted.length) await this.changed(workspaceId);
    return deleted.length;
  }

  /** Tells every process to drop its compiled matcher for the workspace. */
  private async changed(workspaceId: string): Promise<void> {
    this.drop(workspaceId);
    await this.publisher.publish(this.channel, workspaceId);
  }
}

function toDto(row: typeof sensitiveWords.$inferSelect): SensitiveWordDto {
  return { id: row.id, side: row.side, word: row.word, createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString() };
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; cause?: { code?: string } };
  return e?.code === '23505' || e?.cause?.code === '23505';
}

/** Pub/sub channel on which list changes are announced (payload: the workspace id). */
export function moderationChannel(redisPrefix: string): string {
  return `${redisPrefix}:moderation:changed`;
}
