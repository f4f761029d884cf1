import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { conversations, messages, monitorAlerts, sensitiveWordHits, skillGroups, users, type ModerationAction, type ModerationSide } from '../../db/schema';
import { AppError } from '../../lib/errors';
import { emitSensitiveWordHit } from '../webhooks/outbox';
import type { ConversationService } from '../conversations/service';
import type { QueueEntry, RoutingEngine } from '../routing/engine';
import type { SettingsService } from '../settings/service';
import { NotesService } from '../notes/service';
import type { AlertKind, MonitorAgent, MonitorAlert, MonitorConversation, MonitorQueue, MonitorSnapshot, WhisperDto } from './types';

const FEED_SIZE = 50;
const PREVIEW = 200;
const ACTION_LABEL: Record<ModerationAction, string> = { mask: 'masked', block: 'blocked', alert: 'delivered, alert' };

/**
 * Chat monitoring (F7): the dashboard snapshot (Redis presence and queues + PostgreSQL conversations and
 * alerts), alert records and whispers. Deltas after the snapshot are pushed by ChatService through the
 * notifier; nothing here polls.
 */
export class MonitoringService {
  private labels = new Map<string, { at: number; groups: Map<string, string>; staff: Map<string, { name: string; role: MonitorAgent['role'] }> }>();

  constructor(
    private readonly db: Db,
    private readonly routing: RoutingEngine,
    private readonly conversations: ConversationService,
    private readonly settings: SettingsService,
    private readonly notes: NotesService = new NotesService(db),
  ) {}

  /** Staff and group names (cached briefly: queue deltas need labels on every movement). */
  private async directory(workspaceId: string, fresh = false) {
    const hit = this.labels.get(workspaceId);
    if (hit && !fresh && Date.now() - hit.at < 30_000) return hit;
    const [staff, groups] = await Promise.all([
      this.db.select({ id: users.id, name: users.name, role: users.role }).from(users).where(and(eq(users.workspaceId, workspaceId), eq(users.active, true))),
      this.db.select({ id: skillGroups.id, name: skillGroups.name }).from(skillGroups).where(eq(skillGroups.workspaceId, workspaceId)),
    ]);
    const entry = { at: Date.now(), groups: new Map(groups.map((g) => [g.id, g.name])), staff: new Map(staff.map((s) => [s.id, { name: s.name, role: s.role }])) };
    this.labels.set(workspaceId, entry);
    return entry;
  }

  async snapshot(workspaceId: string): Promise<MonitorSnapshot> {
    const [dir, presence, queues, open, alerts, monitoring] = await Promise.all([
      this.directory(workspaceId, true),
      this.routing.snapshot(workspaceId),
      this.routing.allQueues(workspaceId),
      this.conversations.listOpen(workspaceId, ['queued', 'active', 'unassigned']),
      this.recentAlerts(workspaceId),
      this.settings.value(workspaceId, 'monitoring'),
    ]);
    const agents: MonitorAgent[] = presence
      .filter((a) => dir.staff.has(a.id))
      .map((a) => ({ id: a.id, name: dir.staff.get(a.id)!.name, role: dir.staff.get(a.id)!.role, status: a.status, load: a.load, limit: a.limit }))
      .sort((a, b) => a.name.localeCompare(b.name));
    return {
      agents,
      queues: await this.queueStats(workspaceId, queues),
      conversations: await this.withActivity(workspaceId, open),
      alerts,
      settings: { longWaitSeconds: monitoring.longWaitSeconds },
      at: new Date().toISOString(),
    };
  }

  /** Per-queue length and longest wait, from the routing queues (pass `allQueues()` when already read). */
  async queueStats(workspaceId: string, queues?: Map<string, QueueEntry[]>): Promise<MonitorQueue[]> {
    const all = queues ?? (await this.routing.allQueues(workspaceId));
    const dir = await this.directory(workspaceId);
    const now = Date.now();
    return [...all.entries()]
      .filter(([, entries]) => entries.length)
      .map(([key, entries]) => {
        const oldest = Math.min(...entries.map((e) => e.enqueuedAt));
        const [type, id] = key.split(':');
        const label = type === 'group' ? `Group ${dir.groups.get(id) ?? id.slice(0, 8)}` : type === 'agent' ? `Agent ${dir.staff.get(id)?.name ?? id.slice(0, 8)}` : 'All agents';
        return { key, label, length: entries.length, longestWaitSeconds: Math.max(0, Math.round((now - oldest) / 1000)), oldestEnqueuedAt: new Date(oldest).toISOString() };
      })
      .sort((a, b) => a.label.localeCompare(b.label));
  }

  private async withActivity(workspaceId: string, list: Awaited<ReturnType<ConversationService['listOpen']>>): Promise<MonitorConversation[]> {
    if (!list.length) return [];
    const ids = list.map((c) => c.id);
    const [last, hits, others] = await Promise.all([
      this.db.execute<{ conversation_id: string; sender_type: 'visitor' | 'agent' | 'system'; sender_id: string | null; body: string; created_at: Date | string }>(sql`
        select distinct on (conversation_id) conversation_id, sender_type, sender_id, body, created_at
        from ${messages} where workspace_id = ${workspaceId} and conversation_id in ${ids}
        order by conversation_id, seq desc`),
      this.db.select({ id: sensitiveWordHits.conversationId, n: count() }).from(sensitiveWordHits).where(and(eq(sensitiveWordHits.workspaceId, workspaceId), inArray(sensitiveWordHits.conversationId, ids))).groupBy(sensitiveWordHits.conversationId),
      this.db.select({ id: monitorAlerts.conversationId, n: count() }).from(monitorAlerts).where(and(eq(monitorAlerts.workspaceId, workspaceId), inArray(monitorAlerts.conversationId, ids))).groupBy(monitorAlerts.conversationId),
    ]);
    const dir = await this.directory(workspaceId);
    const lastBy = new Map(last.rows.map((r) => [r.conversation_id, r]));
    const alertsBy = new Map<string, number>();
    for (const r of [...hits, ...others]) if (r.id) alertsBy.set(r.id, (alertsBy.get(r.id) ?? 0) + Number(r.n));
    return list.map((c) => {
      const m = lastBy.get(c.id);
      return {
        ...c,
        lastMessage: m
          ? {
              senderType: m.sender_type,
              senderName: m.sender_type === 'agent' ? (dir.staff.get(m.sender_id ?? '')?.name ?? null) : m.sender_type === 'visitor' ? c.visitorName : null,
              body: m.body.slice(0, PREVIEW),
              createdAt: new Date(m.created_at).toISOString(),
            }
          : null,
        alertCount: alertsBy.get(c.id) ?? 0,
      };
    });
  }

  /** The newest alerts of the workspace (word hits and other alerts merged), newest first. */
  async recentAlerts(workspaceId: string, conversationId?: string): Promise<MonitorAlert[]> {
    const [hits, others] = await Promise.all([
      this.db
        .select()
        .from(sensitiveWordHits)
        .where(and(eq(sensitiveWordHits.workspaceId, workspaceId), conversationId ? eq(sensitiveWordHits.conversationId, conversationId) : undefined))
        .orderBy(desc(sensitiveWordHits.createdAt), desc(sensitiveWordHits.id))
        .limit(FEED_SIZE),
      this.db
        .select()
        .from(monitorAlerts)
        .where(and(eq(monitorAlerts.workspaceId, workspaceId), conversationId ? eq(monitorAlerts.conversationId, conversationId) : undefined))
        .orderBy(desc(monitorAlerts.createdAt), desc(monitorAlerts.id))
        .limit(FEED_SIZE),
    ]);
    return [...hits.map(hitAlert), ...others.map(otherAlert)].sort((a, b) => b.createdAt.localeCompare(a.createdAt)).slice(0, FEED_SIZE);
  }

  /** Stores one hit per distinct word (messageId null when the message was blocked). */
  async recordHits(
    workspaceId: string,
    hit: { conversationId: string; messageId: string | null; side: ModerationSide; senderId: string | null; words: string[]; action: ModerationAction },
  ): Promise<MonitorAlert[]> {
    if (!hit.words.length) return [];
    // The hits and their `sensitive_word.hit` webhook event commit together (outbox).
    const rows = await this.db.transaction(async (tx) => {
      const inserted = await tx
        .insert(sensitiveWordHits)
        .values(hit.words.map((word) => ({ workspaceId, conversationId: hit.conversationId, messageId: hit.messageId, side: hit.side, senderId: hit.senderId, word, action: hit.action })))
        .returning();
      await emitSensitiveWordHit(tx, workspaceId, {
        conversationId: hit.conversationId,
        messageId: hit.messageId,
        dimension: hit.side,
        action: hit.action,
        words: hit.words,
        senderId: hit.senderId,
      });
      return inserted;
    });
    return rows.map(hitAlert);
  }

  async recordAlert(workspaceId: string, alert: { conversationId: string | null; kind: Exclude<AlertKind, 'sensitive_word'>; agentId?: string | null; text: string; detail?: Record<string, unknown> }): Promise<MonitorAlert> {
    const [row] = await this.db
      .insert(monitorAlerts)
      .values({ workspaceId, conversationId: alert.conversationId, kind: alert.kind, agentId: alert.agentId ?? null, detail: { ...alert.detail, text: alert.text } })
      .returning();
    return otherAlert(row);
  }

  // ------------------------------------------------------------------ whispers

  /** A supervisor's whisper: one kind of internal note (staff only). */
  async whisper(workspaceId: string, conversationId: string, author: { id: string; name: string }, body: string): Promise<WhisperDto> {
    return (await this.notes.add(workspaceId, conversationId, author, { body, kind: 'whisper' })).note;
  }

  /** Every internal note of the conversation (whispers and agents' notes): staff see them all. */
  async whispers(workspaceId: string, conversationId: string): Promise<WhisperDto[]> {
    return this.notes.list(workspaceId, conversationId);
  }
}

function hitAlert(row: typeof sensitiveWordHits.$inferSelect): MonitorAlert {
  return {
    id: `hit:${row.id}`,
    kind: 'sensitive_word',
    conversationId: row.conversationId,
    createdAt: row.createdAt.toISOString(),
    text: `${row.side === 'customer' ? 'Customer' : 'Agent'} wrote “${row.word}” (${ACTION_LABEL[row.action]})`,
    side: row.side,
    word: row.word,
    action: row.action,
  };
}

function otherAlert(row: typeof monitorAlerts.$inferSelect): MonitorAlert {
  const detail = (row.detail ?? {}) as { text?: string };
  return { id: `alert:${row.id}`, kind: row.kind as AlertKind, conversationId: row.conversationId, createdAt: row.createdAt.toISOString(), text: detail.text ?? row.kind, agentId: row.agentId };
}
