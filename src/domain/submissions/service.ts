import { and, desc, eq, gte, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { Db } from '../../db/client';
import { skillGroups, submissionMessages, submissions, users, type Channel } from '../../db/schema';
import { AppError } from '../../lib/errors';
import { IsoDay } from '../../lib/input';
import type { SettingsService } from '../settings/service';
import { emitSubmissionCreated, emitSubmissionReplied } from '../webhooks/outbox';
import { formFields, submissionSchema, type FormField } from './form';
import { submissionGroup } from './group';
import { InboxFilters, SubmissionChange, type SubmissionDto, type SubmissionEventPublisher, type SubmissionMessageDto, type SubmissionOffer, type SubmissionReplyHook, type SubmissionTrigger } from './types';

export * from './types';

const TRIGGER_SETTING = {
  queue_full: 'queueFull',
  queue_timeout: 'queueTimeout',
  outside_working_hours: 'outsideWorkingHours',
  no_agent_online: 'noAgentOnline',
} as const;
const OFFER_TTL_SECONDS = 3600;

/**
 * Submissions (F5, "leave a message"): offered to a visitor in real-time mode when chatting is not
 * possible, validated against the designed form, and handled in the inbox. A visitor can submit only
 * after being offered the form (the offer is remembered in Redis for an hour).
 */
export class SubmissionService {
  /** Where the use cases publish their domain events (`submission.created`, `submission.replied`); set by the composition. */
  private events: SubmissionEventPublisher | null = null;

  constructor(
    private readonly db: Db,
    private readonly redis: Redis,
    private readonly settings: SettingsService,
    private readonly prefix: string,
  ) {}

  /** Wires the event seam (src/server/compose.ts): the chat's listeners turn the events into socket pushes. */
  publishTo(events: SubmissionEventPublisher): void {
    this.events = events;
  }

  /** Runs in each reply's transaction (F15: the reply emailed to the visitor, src/domain/email/submission-reply.ts). */
  private replyInTransaction: SubmissionReplyHook | null = null;

  /** Wires the reply email (src/server/compose.ts). */
  emailRepliesWith(hook: SubmissionReplyHook): void {
    this.replyInTransaction = hook;
  }

  offerKey(workspaceId: string, visitorId: string) {
    return `${this.prefix}:{ws:${workspaceId}}:offer:${visitorId}`;
  }

  /**
   * The offer for a situation, if submission applies: real-time mode, enabled, this trigger switched on,
   * and the visitor's channel allowed. Remembers it so the visitor may submit.
   */
  async offer(workspaceId: string, visitorId: string, conversationId: string | null, channel: Channel, trigger: SubmissionTrigger): Promise<SubmissionOffer | null> {
    const [config, mode] = await Promise.all([this.settings.value(workspaceId, 'submission'), this.settings.value(workspaceId, 'mode')]);
    if (mode.mode !== 'realtime' || !config.enabled || !config.offerWhen[TRIGGER_SETTING[trigger]] || !config.channels[channel]) return null;
    await this.redis.set(this.offerKey(workspaceId, visitorId), JSON.stringify({ trigger, conversationId, channel }), 'EX', OFFER_TTL_SECONDS);
    return { trigger, conversationId, title: config.form.title, intro: config.form.intro, fields: formFields(config.form) };
  }

  /**
   * The form a visitor was offered and has not sent yet (the offer lives an hour), rebuilt from the current
   * design, so a reload brings the form back. Null when there is none or submission no longer applies.
   */
  async pendingOffer(workspaceId: string, visitorId: string): Promise<SubmissionOffer | null> {
    return this.offerFromStored(workspaceId, await this.redis.get(this.offerKey(workspaceId, visitorId)));
  }

  /** The pending offer from its stored value (the visitor handshake reads it in its one Redis round trip). */
  async offerFromStored(workspaceId: string, raw: string | null): Promise<SubmissionOffer | null> {
    if (!raw) return null;
    const { trigger, conversationId } = JSON.parse(raw) as { trigger: SubmissionTrigger; conversationId: string | null };
    const [config, mode] = await Promise.all([this.settings.value(workspaceId, 'submission'), this.settings.value(workspaceId, 'mode')]);
    if (mode.mode !== 'realtime' || !config.enabled) return null;
    return { trigger, conversationId, title: config.form.title, intro: config.form.intro, fields: formFields(config.form) };
  }

  /** The visitor is chatting after all: a form offered earlier no longer applies. */
  async clearOffer(workspaceId: string, visitorId: string): Promise<void> {
    await this.redis.del(this.offerKey(workspaceId, visitorId));
  }

  /** Validates the values against the designed form and stores the submission. Field errors → bad_request with details. */
  async create(workspaceId: string, visitorId: string, values: Record<string, string>): Promise<SubmissionDto> {
    const [config, mode] = await Promise.all([this.settings.value(workspaceId, 'submission'), this.settings.value(workspaceId, 'mode')]);
    if (mode.mode !== 'realtime') throw new AppError('invalid_state', 'Leaving a message is not available: this chat is always open, just write to us');
    if (!config.enabled) throw new AppError('invalid_state', 'Leaving a message is not available');
    const rawOffer = await this.redis.get(this.offerKey(workspaceId, visitorId));
    if (!rawOffer) throw new AppError('invalid_state', 'The message form is not open; start a chat first');
    const offer = JSON.parse(rawOffer) as { trigger: SubmissionTrigger; conversationId: string | null; channel: Channel };
    const parsed = submissionSchema(config.form).safeParse(values ?? {});
    if (!parsed.success) {
      const details = parsed.error.issues.map((i) => ({ path: i.path.join('.') || ((i as { keys?: string[] }).keys ?? []).join(','), message: i.message }));
      throw new AppError('bad_request', 'Please correct the highlighted fields', details);
    }
    const fields = Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== undefined)) as Record<string, string>;
    const groupId = await submissionGroup(this.db, workspaceId, visitorId, offer.conversationId);
    const id = await this.insertNumbered(workspaceId, { visitorId, conversationId: offer.conversationId, channel: offer.channel, trigger: offer.trigger, mode: config.mode, fields, groupId });
    await this.redis.del(this.offerKey(workspaceId, visitorId));
    const submission = (await this.get(workspaceId, id))!;
    // The workspace's staff hear of it (open inboxes offer to refresh).
    await this.events?.publish('submission.created', { workspaceId, submission: { id: submission.id, number: submission.number, channel: submission.channel, createdAt: submission.createdAt, groupId: submission.groupId } });
    return submission;
  }

  /** Next per-workspace number; a concurrent insert taking the same number retries. */
  private async insertNumbered(workspaceId: string, values: Omit<typeof submissions.$inferInsert, 'workspaceId' | 'number'>): Promise<string> {
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        // F10: the `submission.created` webhook event commits with the submission (outbox, same transaction).
        return await this.db.transaction(async (tx) => {
          const [row] = await tx
            .insert(submissions)
            .values({ ...values, workspaceId, number: sql`(select coalesce(max(number), 0) + 1 from ${submissions} where workspace_id = ${workspaceId})` })
            .returning({ id: submissions.id });
          await emitSubmissionCreated(tx, workspaceId, {
            submissionId: row.id,
            conversationId: values.conversationId ?? null,
            visitorId: values.visitorId,
            channel: values.channel,
            fields: values.fields as Record<string, unknown>,
          });
          return row.id;
        });
      } catch (error) {
        const code = (error as { code?: string; cause?: { code?: string } }).code ?? (error as { cause?: { code?: string } }).cause?.code;
        if (code !== '23505') throw error;
      }
    }
    throw new AppError('conflict', 'Could not store the submission, try again');
  }

  async get(workspaceId: string, id: string, options: { withMessages?: boolean } = { withMessages: true }): Promise<SubmissionDto | null> {
    const [row] = await this.select().where(and(eq(submissions.workspaceId, workspaceId), eq(submissions.id, id)));
    if (!row) return null;
    const dto = toDto(row);
    if (options.withMessages !== false) dto.messages = await this.thread(workspaceId, id);
    return dto;
  }

  private async thread(workspaceId: string, submissionId: string): Promise<SubmissionMessageDto[]> {
    const rows = await this.db
      .select({ id: submissionMessages.id, authorType: submissionMessages.authorType, authorName: users.name, body: submissionMessages.body, createdAt: submissionMessages.createdAt })
      .from(submissionMessages)
      .leftJoin(users, eq(users.id, submissionMessages.authorId))
      .where(and(eq(submissionMessages.workspaceId, workspaceId), eq(submissionMessages.submissionId, submissionId)))
      .orderBy(submissionMessages.id);
    return rows.map((r) => ({ ...r, authorType: r.authorType as 'visitor' | 'agent', authorName: r.authorType === 'agent' ? r.authorName : null, createdAt: r.createdAt.toISOString() }));
  }

  /** The inbox: newest first, filtered, keyset-paginated (stable and fast over thousands). */
  async list(workspaceId: string, input: z.input<typeof InboxFilters>): Promise<{ items: SubmissionDto[]; nextCursor: string | null }> {
    // Parsed here too: the inbox query is also built by other callers (tests, the public API), and defaults apply.
    const parsed = InboxFilters.safeParse(input);
    if (!parsed.success) throw new AppError('bad_request', `Invalid filters: ${parsed.error.issues[0]?.message}`);
    const f = parsed.data;
    const conditions: SQL[] = [eq(submissions.workspaceId, workspaceId)];
    if (f.status) conditions.push(eq(submissions.status, f.status));
    if (f.channel) conditions.push(eq(submissions.channel, f.channel));
    if (f.assigneeId === 'none') conditions.push(sql`${submissions.assigneeId} is null`);
    else if (f.assigneeId) conditions.push(eq(submissions.assigneeId, f.assigneeId));
    if (f.from) conditions.push(gte(submissions.createdAt, new Date(`${f.from}T00:00:00Z`)));
    if (f.to) conditions.push(lte(submissions.createdAt, new Date(`${f.to}T23:59:59.999Z`)));
    if (f.cursor) {
      const [at, id] = Buffer.from(f.cursor, 'base64url').toString().split('|');
      if (!at || !/^\d{4}-/.test(at) || Number.isNaN(Date.parse(at)) || !z.uuid().safeParse(id).success) throw new AppError('bad_request', 'Invalid cursor');
      conditions.push(or(lt(submissions.createdAt, new Date(at)), and(eq(submissions.createdAt, new Date(at)), lt(submissions.id, id)))!);
    }
    const rows = await this.select()
      .where(and(...conditions))
      .orderBy(desc(submissions.createdAt), desc(submissions.id))
      .limit(f.limit + 1);
    const items = rows.slice(0, f.limit).map(toDto);
    const last = rows.length > f.limit ? rows[f.limit - 1] : null;
    return { items, nextCursor: last ? Buffer.from(`${last.createdAt.toISOString()}|${last.id}`).toString('base64url') : null };
  }

  async update(workspaceId: string, id: string, change: SubmissionChange): Promise<SubmissionDto> {
    const parsed = { data: change };
    if (parsed.data.assigneeId) {
      const [assignee] = await this.db.select({ id: users.id }).from(users).where(and(eq(users.workspaceId, workspaceId), eq(users.id, parsed.data.assigneeId), eq(users.active, true)));
      if (!assignee) throw new AppError('bad_request', 'Unknown assignee');
    }
    const updated = await this.db
      .update(submissions)
      .set({ ...parsed.data, updatedAt: new Date() })
      .where(and(eq(submissions.workspaceId, workspaceId), eq(submissions.id, id)))
      .returning({ id: submissions.id });
    if (!updated.length) throw new AppError('not_found', 'Submission not found');
    return (await this.get(workspaceId, id))!;
  }

  /** An agent's reply; an open submission moves to in progress. */
  async reply(workspaceId: string, id: string, agentId: string, body: string): Promise<{ submission: SubmissionDto; message: SubmissionMessageDto }> {
    const text = { data: body };
    const existing = await this.get(workspaceId, id, { withMessages: false });
    if (!existing) throw new AppError('not_found', 'Submission not found');
    await this.db.transaction(async (tx) => {
      const [inserted] = await tx.insert(submissionMessages).values({ workspaceId, submissionId: id, authorType: 'agent', authorId: agentId, body: text.data }).returning({ id: submissionMessages.id });
      await this.replyInTransaction?.(tx, { workspaceId, submission: existing, messageId: String(inserted.id), body: text.data });
      // F10: a reply is an offline message to the visitor (offline-message webhook), committed with it.
      await emitSubmissionReplied(tx, workspaceId, { submissionId: id, conversationId: existing.conversationId, visitorId: existing.visitorId, agentId, body: text.data });
      await tx
        .update(submissions)
        .set({ updatedAt: new Date(), ...(existing.status === 'open' ? { status: 'in_progress' as const } : {}) })
        .where(and(eq(submissions.workspaceId, workspaceId), eq(submissions.id, id)));
    });
    const submission = (await this.get(workspaceId, id))!;
    const message = submission.messages![submission.messages!.length - 1];
    // Reaches the visitor's widget live (and in their history on return).
    await this.events?.publish('submission.replied', { workspaceId, visitorId: submission.visitorId, submissionId: submission.id, message });
    return { submission, message };
  }

  /** The visitor adds to their submission after sending it, when the workspace allows it. */
  async append(workspaceId: string, visitorId: string, id: string, body: string): Promise<{ submission: SubmissionDto; message: SubmissionMessageDto }> {
    const text = { data: body };
    const { allowFollowUp } = await this.settings.value(workspaceId, 'submission');
    if (!allowFollowUp) throw new AppError('forbidden', 'Adding to a sent message is not allowed');
    const existing = await this.get(workspaceId, id, { withMessages: false });
    if (!existing || existing.visitorId !== visitorId) throw new AppError('forbidden', 'Not your submission');
    if (existing.status === 'closed') throw new AppError('invalid_state', 'This request is closed');
    await this.db.insert(submissionMessages).values({ workspaceId, submissionId: id, authorType: 'visitor', authorId: null, body: text.data });
    await this.db.update(submissions).set({ updatedAt: new Date() }).where(eq(submissions.id, id));
    const submission = (await this.get(workspaceId, id))!;
    return { submission, message: submission.messages![submission.messages!.length - 1] };
  }

  /** A visitor's submissions with their threads, newest first (the widget's history on return). */
  async forVisitor(workspaceId: string, visitorId: string): Promise<SubmissionDto[]> {
    const rows = await this.select()
      .where(and(eq(submissions.workspaceId, workspaceId), eq(submissions.visitorId, visitorId)))
      .orderBy(desc(submissions.createdAt))
      .limit(20);
    return Promise.all(rows.map(async (r) => ({ ...toDto(r), messages: await this.thread(workspaceId, r.id) })));
  }

  private select() {
    return this.db
      .select({
        id: submissions.id,
        number: submissions.number,
        visitorId: submissions.visitorId,
        conversationId: submissions.conversationId,
        channel: submissions.channel,
        trigger: submissions.trigger,
        mode: submissions.mode,
        fields: submissions.fields,
        status: submissions.status,
        assigneeId: submissions.assigneeId,
        assigneeName: users.name,
        groupId: submissions.groupId,
        groupName: skillGroups.name,
        createdAt: submissions.createdAt,
        updatedAt: submissions.updatedAt,
      })
      .from(submissions)
      .leftJoin(users, eq(users.id, submissions.assigneeId))
      .leftJoin(skillGroups, eq(skillGroups.id, submissions.groupId));
  }
}

type Row = Omit<SubmissionDto, 'createdAt' | 'updatedAt' | 'messages'> & { createdAt: Date; updatedAt: Date };

function toDto(row: Row): SubmissionDto {
  return { ...row, createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString() };
}
