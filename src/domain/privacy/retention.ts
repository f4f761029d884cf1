import { and, eq, isNotNull, lt, sql } from 'drizzle-orm';
import { conversations, settings } from '../../db/schema';
import type { PrivacyDeps } from './ports';
import { purgeConversations, type PurgeCounts } from './purge';
import { PrivacySettings } from './settings';

export interface RetentionOptions {
  /** Conversations deleted per transaction (short transactions: chats never wait on them). */
  batchSize?: number;
  /** Pause between batches, leaving the database to live traffic. */
  pauseMs?: number;
  /** Upper bound per workspace and run; the next run continues. */
  maxBatches?: number;
  now?: Date;
}

/**
 * Deletes a workspace's ended conversations (and their messages, attachments and files) that ended more
 * than `retentionDays` ago, in small batches. Live conversations are never touched. Returns the counts.
 */
export async function applyRetention(deps: PrivacyDeps, workspaceId: string, retentionDays: number, options: RetentionOptions = {}): Promise<PurgeCounts> {
  const batchSize = options.batchSize ?? 100;
  const cutoff = new Date((options.now ?? new Date()).getTime() - retentionDays * 86_400_000);
  const total: PurgeCounts = { conversations: 0, messages: 0, attachments: 0 };
  for (let batch = 0; batch < (options.maxBatches ?? 100); batch++) {
    const old = await deps.db
      .select({ id: conversations.id })
      .from(conversations)
      .where(
        and(
          eq(conversations.workspaceId, workspaceId),
          eq(conversations.status, 'ended'),
          lt(conversations.startedAt, cutoff),
          sql`coalesce(${conversations.endedAt}, ${conversations.startedAt}) < ${cutoff.toISOString()}`,
        ),
      )
      .orderBy(conversations.startedAt)
      .limit(batchSize);
    if (!old.length) break;
    const done = await purgeConversations(deps, workspaceId, old.map((c) => c.id));
    total.conversations += done.conversations;
    total.messages += done.messages;
    total.attachments += done.attachments;
    if (old.length < batchSize) break;
    await new Promise((resolve) => setTimeout(resolve, options.pauseMs ?? 50));
  }
  return total;
}

/** Workspaces with a retention period set, and that period in days. */
export async function workspacesWithRetention(deps: Pick<PrivacyDeps, 'db'>): Promise<{ workspaceId: string; retentionDays: number }[]> {
  const rows = await deps.db
    .select({ workspaceId: settings.workspaceId, value: settings.value })
    .from(settings)
    .where(and(eq(settings.section, 'privacy'), isNotNull(sql`${settings.value}->'retentionDays'`), sql`jsonb_typeof(${settings.value}->'retentionDays') = 'number'`));
  return rows.flatMap((r) => {
    const parsed = PrivacySettings.safeParse(r.value);
    return parsed.success && parsed.data.retentionDays ? [{ workspaceId: r.workspaceId, retentionDays: parsed.data.retentionDays }] : [];
  });
}
