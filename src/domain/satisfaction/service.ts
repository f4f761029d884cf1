import { and, asc, desc, eq, gte, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { conversationState, conversations, ratings, skillGroups, users } from '../../db/schema';
import { AppError } from '../../lib/errors';
import { emitSatisfactionSubmitted, type SqlExecutor } from '../webhooks/outbox';
import type { RatingScheme, SatisfactionSettings } from '../settings/schemas-service';
import type { SettingsService } from '../settings/service';
import { canInvite, normalizeRating, ratingDecision, schemeFor, type RatingInput } from './rules';

export interface RatingDto {
  id: string;
  conversationId: string;
  agentId: string | null;
  agentName?: string | null;
  groupId: string | null;
  scale: number;
  score: number;
  label: string;
  tags: string[];
  comment: string | null;
  solved: boolean | null;
  invited: boolean;
  revisions: number;
  createdAt: string;
  updatedAt: string;
}

/** What the widget needs to show the rating form of one conversation. */
export interface RatingState {
  conversationId: string;
  enabled: boolean;
  scheme: RatingScheme | null;
  invitations: number;
  /** The visitor may submit (a first rating, or an overwrite where allowed). */
  canRate: boolean;
  rating: RatingDto | null;
}

export interface ResultRow {
  id: string | null;
  name: string;
  count: number;
  /** Mean score on its own scale(s). */
  averageScore: number;
  /** Mean of (score - 1) / (scale - 1), as a percentage: comparable across 2, 3 and 5-point scales. */
  averagePercent: number;
  solvedRate: number | null;
}

export interface Results {
  from: string;
  to: string;
  total: ResultRow;
  byAgent: ResultRow[];
  byGroup: ResultRow[];
  recent: RatingDto[];
}

type Staff = { id: string; role: 'admin' | 'supervisor' | 'agent' };
type ConversationRow = { id: string; visitorId: string; agentId: string | null; groupId: string | null; status: 'queued' | 'active' | 'unassigned' | 'ended'; customerId: string | null };

/** Satisfaction (F8): invitations, ratings, visibility and results. Every query is workspace-scoped. */
export class SatisfactionService {
  constructor(
    private readonly db: Db,
    private readonly settings: SettingsService,
  ) {}

  /** Admins and supervisors always see ratings; agents only when the workspace allows it. */
  async canSeeResults(workspaceId: string, staff: Staff): Promise<boolean> {
    if (staff.role !== 'agent') return true;
    return (await this.settings.value(workspaceId, 'satisfaction')).agentsSeeResults;
  }

  async requireResultsAccess(workspaceId: string, staff: Staff): Promise<void> {
    if (!(await this.canSeeResults(workspaceId, staff))) throw new AppError('forbidden', 'Satisfaction results are not shown to agents in this workspace');
  }

  /**
   * Counts an invitation (atomically, never past the limit) and returns the scheme to show. Refused
   * with an AppError when the rules do not allow it.
   */
  async invite(workspaceId: string, conversationId: string, by: 'agent' | 'end'): Promise<{ invitations: number; max: number; scheme: RatingScheme }> {
    const settings = await this.settings.value(workspaceId, 'satisfaction');
    const conversation = await this.conversation(workspaceId, conversationId);
    const [sent, existing] = await Promise.all([this.invitations(conversationId), this.existing(workspaceId, conversationId)]);
    const decision = canInvite({ settings, by, sent, status: conversation.status, alreadyRated: Boolean(existing) });
    if (!decision.ok) throw new AppError(decision.code, decision.message);
    const rows = await this.db.execute<{ rating_invites: number }>(sql`
      insert into ${conversationState} (conversation_id, workspace_id, rating_invites) values (${conversationId}, ${workspaceId}, 1)
      on conflict (conversation_id) do update set rating_invites = ${conversationState.ratingInvites} + 1, updated_at = now()
        where ${conversationState.ratingInvites} < ${settings.maxInvitations}
      returning rating_invites`);
    if (!rows.rows.length) throw new AppError('conflict', `The invitation limit (${settings.maxInvitations} per chat) is reached`);
    return { invitations: Number(rows.rows[0].rating_invites), max: settings.maxInvitations, scheme: schemeFor(settings, conversation.groupId) };
  }

  async state(workspaceId: string, conversationId: string): Promise<RatingState> {
    const settings = await this.settings.value(workspaceId, 'satisfaction');
    const conversation = await this.conversation(workspaceId, conversationId);
    const [invitations, existing] = await Promise.all([this.invitations(conversationId), this.existing(workspaceId, conversationId)]);
    const decision = ratingDecision({ settings, invitations, status: conversation.status, hasAgent: Boolean(conversation.agentId), existing: Boolean(existing) });
    return {
      conversationId,
      enabled: settings.enabled,
      scheme: settings.enabled ? schemeFor(settings, conversation.groupId) : null,
      invitations,
      canRate: decision.ok,
      rating: existing ? toDto(existing) : null,
    };
  }

  /**
   * Stores the visitor's rating, credited to the agent serving the chat now (conversation.agentId: the
   * last agent when it has ended). A second rating overwrites the first only if the settings allow.
   */
  async submit(workspaceId: string, visitorId: string, conversationId: string, input: RatingInput): Promise<{ rating: RatingDto; overwritten: boolean }> {
    const settings = await this.settings.value(workspaceId, 'satisfaction');
    const conversation = await this.conversation(workspaceId, conversationId);
    if (conversation.visitorId !== visitorId) throw new AppError('forbidden', 'Not your conversation');
    const normalized = normalizeRating(schemeFor(settings, conversation.groupId), input);
    if (!normalized.ok) throw new AppError(normalized.code, normalized.message);
    const invitations = await this.invitations(conversationId);
    const values = {
      ...normalized.rating,
      agentId: conversation.agentId,
      groupId: conversation.groupId,
      customerId: conversation.customerId,
      invited: invitations > 0,
    };
    // The rating and its `satisfaction.submitted` webhook event commit together (outbox).
    const emit = (tx: SqlExecutor, row: typeof ratings.$inferSelect) =>
      emitSatisfactionSubmitted(tx, workspaceId, {
        conversationId,
        agentId: row.agentId,
        score: row.score,
        scale: row.scale as 2 | 3 | 5,
        label: row.label,
        tags: row.tags,
        comment: row.comment,
        solved: row.solved,
      });
    for (let attempt = 0; attempt < 2; attempt++) {
      const existing = await this.existing(workspaceId, conversationId);
      const decision = ratingDecision({ settings, invitations, status: conversation.status, hasAgent: Boolean(conversation.agentId), existing: Boolean(existing) });
      if (!decision.ok) throw new AppError(decision.code, decision.message);
      if (decision.action === 'insert') {
        const inserted = await this.db.transaction(async (tx) => {
          const [row] = await tx
            .insert(ratings)
            .values({ workspaceId, conversationId, visitorId, ...values })
            .onConflictDoNothing({ target: ratings.conversationId })
            .returning();
          if (row) await emit(tx, row);
          return row;
        });
        if (inserted) return { rating: toDto(inserted), overwritten: false };
        continue; // a concurrent first rating won: decide again as an overwrite
      }
      const row = await this.db.transaction(async (tx) => {
        const [updated] = await tx
          .update(ratings)
          .set({ ...values, revisions: sql`${ratings.revisions} + 1`, updatedAt: new Date() })
          .where(and(eq(ratings.workspaceId, workspaceId), eq(ratings.conversationId, conversationId)))
          .returning();
        await emit(tx, updated);
        return updated;
      });
      return { rating: toDto(row), overwritten: true };
    }
    throw new AppError('conflict', 'You have already rated this chat');
  }

  /** Ratings of one customer (customer panel), newest first. Callers check visibility first. */
  /** The rating of one conversation (with the agent's name), or null. Callers check who may see it. */
  async forConversation(workspaceId: string, conversationId: string): Promise<RatingDto | null> {
    const [row] = await this.db
      .select({ r: ratings, agentName: users.name })
      .from(ratings)
      .leftJoin(users, eq(users.id, ratings.agentId))
      .where(and(eq(ratings.workspaceId, workspaceId), eq(ratings.conversationId, conversationId)));
    return row ? { ...toDto(row.r), agentName: row.agentName } : null;
  }

  async forCustomer(workspaceId: string, customerId: string, limit = 20): Promise<RatingDto[]> {
    const rows = await this.db
      .select({ r: ratings, agentName: users.name })
      .from(ratings)
      .leftJoin(users, eq(users.id, ratings.agentId))
      .where(and(eq(ratings.workspaceId, workspaceId), eq(ratings.customerId, customerId)))
      .orderBy(desc(ratings.updatedAt))
      .limit(limit);
    return rows.map((r) => ({ ...toDto(r.r), agentName: r.agentName }));
  }

  /** Averages and counts per agent and per group for ratings given in [from, to). `agentId` narrows to one agent. */
  async results(workspaceId: string, range: { from: Date; to: Date; agentId?: string }): Promise<Results> {
    const where = and(
      eq(ratings.workspaceId, workspaceId),
      gte(ratings.updatedAt, range.from),
      lt(ratings.updatedAt, range.to),
      range.agentId ? eq(ratings.agentId, range.agentId) : undefined,
    );
    const metrics = {
      count: sql<number>`count(*)::int`,
      averageScore: sql<number>`coalesce(avg(${ratings.score}), 0)::float`,
      averagePercent: sql<number>`coalesce(avg((${ratings.score} - 1)::float / greatest(${ratings.scale} - 1, 1)) * 100, 0)::float`,
      solvedRate: sql<number | null>`(avg(case when ${ratings.solved} then 1.0 when ${ratings.solved} = false then 0.0 end) * 100)::float`,
    };
    const [total] = await this.db.select(metrics).from(ratings).where(where);
    const byAgent = await this.db
      .select({ id: ratings.agentId, name: sql<string>`coalesce(${users.name}, 'Unknown agent')`, ...metrics })
      .from(ratings)
      .leftJoin(users, eq(users.id, ratings.agentId))
      .where(where)
      .groupBy(ratings.agentId, users.name)
      .orderBy(asc(users.name));
    const byGroup = await this.db
      .select({ id: ratings.groupId, name: sql<string>`coalesce(${skillGroups.name}, 'No group')`, ...metrics })
      .from(ratings)
      .leftJoin(skillGroups, eq(skillGroups.id, ratings.groupId))
      .where(where)
      .groupBy(ratings.groupId, skillGroups.name)
      .orderBy(asc(skillGroups.name));
    const recent = await this.db
      .select({ r: ratings, agentName: users.name })
      .from(ratings)
      .leftJoin(users, eq(users.id, ratings.agentId))
      .where(where)
      .orderBy(desc(ratings.updatedAt))
      .limit(50);
    const round = (row: ResultRow): ResultRow => ({
      ...row,
      count: Number(row.count),
      averageScore: Math.round(row.averageScore * 100) / 100,
      averagePercent: Math.round(row.averagePercent * 10) / 10,
      solvedRate: row.solvedRate === null ? null : Math.round(row.solvedRate * 10) / 10,
    });
    return {
      from: range.from.toISOString(),
      to: range.to.toISOString(),
      total: round({ id: null, name: 'All', ...total }),
      byAgent: byAgent.map(round),
      byGroup: byGroup.map(round),
      recent: recent.map((r) => ({ ...toDto(r.r), agentName: r.agentName })),
    };
  }

  settingsFor(workspaceId: string): Promise<SatisfactionSettings> {
    return this.settings.value(workspaceId, 'satisfaction');
  }

  private async conversation(workspaceId: string, conversationId: string): Promise<ConversationRow> {
    const [row] = await this.db
      .select({ id: conversations.id, visitorId: conversations.visitorId, agentId: conversations.agentId, groupId: conversations.groupId, status: conversations.status, customerId: conversations.customerId })
      .from(conversations)
      .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.id, conversationId)));
    if (!row) throw new AppError('not_found', 'Conversation not found');
    return row;
  }

  private async invitations(conversationId: string): Promise<number> {
    const [row] = await this.db.select({ n: conversationState.ratingInvites }).from(conversationState).where(eq(conversationState.conversationId, conversationId));
    return row?.n ?? 0;
  }

  private async existing(workspaceId: string, conversationId: string) {
    const [row] = await this.db.select().from(ratings).where(and(eq(ratings.workspaceId, workspaceId), eq(ratings.conversationId, conversationId)));
    return row ?? null;
  }
}

function toDto(row: typeof ratings.$inferSelect): RatingDto {
  return {
    id: row.id,
    conversationId: row.conversationId,
    agentId: row.agentId,
    groupId: row.groupId,
    scale: row.scale,
    score: row.score,
    label: row.label,
    tags: row.tags,
    comment: row.comment,
    solved: row.solved,
    invited: row.invited,
    revisions: row.revisions,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
