import { and, desc, eq, lt } from 'drizzle-orm';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { Db } from '../../db/client';
import { settings, settingsAudit, users } from '../../db/schema';
import { AppError, badRequestFromZod } from '../../lib/errors';
import { SETTINGS_SCHEMAS, type SettingsInput, type SettingsSection, type SettingsValue } from './schemas';
import { saveIssues } from './save-checks';

export interface StoredSettings<S extends SettingsSection> {
  section: S;
  version: number;
  value: SettingsValue<S>;
}

export interface SettingsAuditEntry {
  id: number;
  section: string;
  version: number;
  user: { id: string; name: string; email: string } | null;
  before: unknown;
  after: unknown;
  createdAt: Date;
}

const InvalidationMessage = z.object({ workspaceId: z.string(), section: z.string(), version: z.number() });

/**
 * Loads and saves per-workspace settings. Reads are served from an in-process cache that every process
 * invalidates on a Redis pub/sub message, so a save reaches all nodes within milliseconds.
 */
export class SettingsService {
  private cache = new Map<string, StoredSettings<SettingsSection>>();
  private listeners = new Set<(workspaceId: string, section: SettingsSection) => void>();
  private subscriber?: Redis;

  constructor(
    private readonly db: Db,
    private readonly publisher: Redis,
    private readonly channel: string,
  ) {}

  /** Subscribe to invalidations (long-lived processes). Pass a dedicated connection: it enters subscriber mode. */
  async listen(subscriber: Redis): Promise<void> {
    this.subscriber = subscriber;
    await subscriber.subscribe(this.channel);
    subscriber.on('message', (channel, raw) => {
      if (channel !== this.channel) return;
      let parsed;
      try {
        parsed = InvalidationMessage.safeParse(JSON.parse(raw));
      } catch {
        return;
      }
      if (!parsed.success) return;
      const { workspaceId, section } = parsed.data;
      this.cache.delete(cacheKey(workspaceId, section));
      for (const listener of this.listeners) listener(workspaceId, section as SettingsSection);
    });
  }

  onChange(listener: (workspaceId: string, section: SettingsSection) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async get<S extends SettingsSection>(workspaceId: string, section: S): Promise<StoredSettings<S>> {
    const key = cacheKey(workspaceId, section);
    const hit = this.subscriber ? this.cache.get(key) : undefined;
    if (hit) return hit as StoredSettings<S>;
    const [row] = await this.db
      .select({ version: settings.version, value: settings.value })
      .from(settings)
      .where(and(eq(settings.workspaceId, workspaceId), eq(settings.section, section)));
    // Stored values are re-parsed: defaults fill fields added since they were saved.
    const value = SETTINGS_SCHEMAS[section].parse(row?.value ?? {}) as SettingsValue<S>;
    const stored: StoredSettings<S> = { section, version: row?.version ?? 0, value };
    if (this.subscriber) this.cache.set(key, stored as StoredSettings<SettingsSection>);
    return stored;
  }

  async value<S extends SettingsSection>(workspaceId: string, section: S): Promise<SettingsValue<S>> {
    return (await this.get(workspaceId, section)).value;
  }

  /**
   * Validates and saves a section. `expectedVersion` (optional) guards against overwriting a concurrent
   * edit. Writes the audit row in the same transaction, then publishes the invalidation.
   */
  async save<S extends SettingsSection>(
    workspaceId: string,
    section: S,
    input: SettingsInput<S>,
    actorUserId: string | null,
    expectedVersion?: number,
  ): Promise<StoredSettings<S>> {
    const parsed = SETTINGS_SCHEMAS[section].safeParse(input);
    if (!parsed.success) throw badRequestFromZod(parsed.error, `${section} settings`);
    const value = parsed.data as SettingsValue<S>;
    const refused = saveIssues(section, value);
    if (refused.length) throw new AppError('bad_request', refused[0].message, refused);

    const version = await this.db.transaction(async (tx) => {
      const [current] = await tx
        .select({ version: settings.version, value: settings.value })
        .from(settings)
        .where(and(eq(settings.workspaceId, workspaceId), eq(settings.section, section)))
        .for('update');
      const currentVersion = current?.version ?? 0;
      if (expectedVersion !== undefined && expectedVersion !== currentVersion) {
        throw new AppError('conflict', `Settings were changed by someone else (version ${currentVersion}); reload and try again`);
      }
      const next = currentVersion + 1;
      await tx
        .insert(settings)
        .values({ workspaceId, section, version: next, value, updatedBy: actorUserId, updatedAt: new Date() })
        .onConflictDoUpdate({
          target: [settings.workspaceId, settings.section],
          set: { version: next, value, updatedBy: actorUserId, updatedAt: new Date() },
        });
      await tx.insert(settingsAudit).values({
        workspaceId,
        section,
        version: next,
        userId: actorUserId,
        before: current?.value ?? null,
        after: value,
      });
      return next;
    });

    this.cache.delete(cacheKey(workspaceId, section));
    await this.publisher.publish(this.channel, JSON.stringify({ workspaceId, section, version }));
    return { section, version, value };
  }

  /** A workspace's settings audit trail, newest first; `cursor` is the last id of the previous page. */
  async listAudit(workspaceId: string, options: { cursor?: number; limit?: number } = {}): Promise<{ items: SettingsAuditEntry[]; nextCursor: number | null }> {
    const limit = Math.min(Math.max(options.limit ?? 50, 1), 200);
    const rows = await this.db
      .select({
        id: settingsAudit.id,
        section: settingsAudit.section,
        version: settingsAudit.version,
        userId: settingsAudit.userId,
        userName: users.name,
        userEmail: users.email,
        before: settingsAudit.before,
        after: settingsAudit.after,
        createdAt: settingsAudit.createdAt,
      })
      .from(settingsAudit)
      .leftJoin(users, and(eq(users.id, settingsAudit.userId), eq(users.workspaceId, settingsAudit.workspaceId)))
      .where(and(eq(settingsAudit.workspaceId, workspaceId), options.cursor !== undefined ? lt(settingsAudit.id, options.cursor) : undefined))
      .orderBy(desc(settingsAudit.id))
      .limit(limit + 1);
    const page = rows.slice(0, limit);
    return {
      items: page.map((r) => ({
        id: r.id,
        section: r.section,
        version: r.version,
        user: r.userId && r.userName !== null ? { id: r.userId, name: r.userName, email: r.userEmail ?? '' } : null,
        before: r.before,
        after: r.after,
        createdAt: r.createdAt,
      })),
      nextCursor: rows.length > limit ? page[page.length - 1].id : null,
    };
  }
}

function cacheKey(workspaceId: string, section: string) {
  return `${workspaceId}:${section}`;
}
