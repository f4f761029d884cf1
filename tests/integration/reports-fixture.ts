import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from '../../src/db/client';

/**
 * Writes conversations for the reports test at chosen instants ("controlled clocks"). Each step is the same
 * row change the chat use cases make (ConversationService.start / markWaiting / markAssigned / reassign /
 * appendMessage / end, SatisfactionService.invite / rate, PresenceService status log), with the time set
 * explicitly instead of the database's now(). The reporting log is written by the triggers on those rows,
 * exactly as in production.
 */
export class ReportFixture {
  private seq = new Map<string, number>();
  constructor(
    private readonly db: Db,
    readonly workspaceId: string,
    private readonly visitorId: string,
  ) {}

  static async workspace(db: Db, name: string): Promise<{ workspaceId: string; visitorId: string; agent: (n: string) => Promise<string>; group: (n: string) => Promise<string> }> {
    const workspaceId = randomUUID();
    await db.execute(sql`insert into workspaces (id, name, widget_key, secret) values (${workspaceId}, ${name}, ${'wk_' + workspaceId}, 'secret')`);
    const visitorId = randomUUID();
    await db.execute(sql`insert into visitors (id, workspace_id) values (${visitorId}, ${workspaceId})`);
    return {
      workspaceId,
      visitorId,
      agent: async (n) => {
        const id = randomUUID();
        await db.execute(sql`insert into users (id, workspace_id, email, name, password_hash, role) values (${id}, ${workspaceId}, ${`${n.toLowerCase()}.${id}@t.test`}, ${n}, 'x', 'agent')`);
        return id;
      },
      group: async (n) => {
        const id = randomUUID();
        await db.execute(sql`insert into skill_groups (id, workspace_id, name) values (${id}, ${workspaceId}, ${n})`);
        return id;
      },
    };
  }

  /** A visitor per conversation (a visitor has at most one open conversation). */
  async start(at: string, channel: 'desktop' | 'mobile' | 'app' = 'desktop'): Promise<string> {
    const id = randomUUID();
    const visitor = randomUUID();
    await this.db.execute(sql`insert into visitors (id, workspace_id) values (${visitor}, ${this.workspaceId})`);
    await this.db.execute(sql`
      insert into conversations (id, workspace_id, visitor_id, status, channel, mode, event_seq, created_at)
      values (${id}, ${this.workspaceId}, ${visitor}, 'queued', ${channel}, 'realtime', 1, ${at}::timestamptz)`);
    return id;
  }

  async queue(conv: string, at: string): Promise<void> {
    await this.db.execute(sql`update conversations set queue_target = 'all', enqueued_at = ${at}::timestamptz where id = ${conv}`);
  }

  async assign(conv: string, agent: string, at: string, group: string | null = null): Promise<void> {
    await this.db.execute(sql`
      update conversations set status = 'active', agent_id = ${agent}, assigned_at = ${at}::timestamptz, group_id = coalesce(${group}::uuid, group_id)
      where id = ${conv} and status <> 'ended'`);
  }

  async transfer(conv: string, to: string, at: string): Promise<void> {
    await this.db.execute(sql`update conversations set agent_id = ${to}, assigned_at = ${at}::timestamptz where id = ${conv} and status = 'active'`);
  }

  async message(conv: string, sender: 'visitor' | 'agent' | 'system', senderId: string | null, at: string): Promise<void> {
    const seq = (this.seq.get(conv) ?? 0) + 1;
    this.seq.set(conv, seq);
    await this.db.execute(sql`
      with c as (update conversations set last_seq = ${seq}, last_message_at = ${at}::timestamptz where id = ${conv} returning id)
      insert into messages (workspace_id, conversation_id, seq, sender_type, sender_id, body, created_at)
      select ${this.workspaceId}, c.id, ${seq}, ${sender}, ${senderId}::uuid, 'text', ${at}::timestamptz from c`);
  }

  visitor(conv: string, at: string) {
    return this.message(conv, 'visitor', this.visitorId, at);
  }

  agentSays(conv: string, agent: string, at: string) {
    return this.message(conv, 'agent', agent, at);
  }

  async note(conv: string, agent: string, at: string): Promise<void> {
    await this.db.execute(sql`
      insert into whispers (workspace_id, conversation_id, author_id, after_seq, body, kind, created_at)
      values (${this.workspaceId}, ${conv}, ${agent}, ${this.seq.get(conv) ?? 0}, 'internal', 'note', ${at}::timestamptz)`);
  }

  async end(conv: string, at: string, by: 'visitor' | 'agent' | 'system' = 'agent'): Promise<void> {
    await this.db.execute(sql`update conversations set status = 'ended', ended_at = ${at}::timestamptz, ended_by = ${by} where id = ${conv} and status <> 'ended'`);
  }

  /** Reopens an ended conversation straight to its agent (the row change carries no time: the reporting clock is set). */
  async reopen(conv: string, at: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.execute(sql`select set_config('lc.report_clock', ${at}, true)`);
      await tx.execute(sql`update conversations set status = 'active', ended_at = null, ended_by = null, assigned_at = ${at}::timestamptz where id = ${conv}`);
    });
  }

  async invite(conv: string, at: string): Promise<void> {
    await this.db.execute(sql`
      insert into conversation_state (conversation_id, workspace_id, rating_invites, updated_at) values (${conv}, ${this.workspaceId}, 1, ${at}::timestamptz)
      on conflict (conversation_id) do update set rating_invites = conversation_state.rating_invites + 1, updated_at = ${at}::timestamptz`);
  }

  async rate(conv: string, agent: string, scale: number, score: number, at: string, group: string | null = null): Promise<void> {
    await this.db.execute(sql`
      insert into ratings (workspace_id, conversation_id, visitor_id, agent_id, group_id, scale, score, label, created_at, updated_at)
      select ${this.workspaceId}, c.id, c.visitor_id, ${agent}, ${group}::uuid, ${scale}, ${score}, 'label', ${at}::timestamptz, ${at}::timestamptz from conversations c where c.id = ${conv}`);
  }

  async rerate(conv: string, score: number, at: string): Promise<void> {
    await this.db.execute(sql`update ratings set score = ${score}, revisions = revisions + 1, updated_at = ${at}::timestamptz where conversation_id = ${conv}`);
  }

  async status(agent: string, status: 'online' | 'busy' | 'offline', at: string): Promise<void> {
    await this.db.execute(sql`insert into agent_status_log (workspace_id, user_id, status, reason, created_at) values (${this.workspaceId}, ${agent}, ${status}, 'agent', ${at}::timestamptz)`);
  }

  async tag(conv: string, name: string): Promise<void> {
    await this.db.execute(sql`
      with t as (
        insert into tags (workspace_id, name, color) values (${this.workspaceId}, ${name}, 'gray')
        on conflict (workspace_id, lower(name)) do update set name = excluded.name returning id
      )
      insert into conversation_tags (conversation_id, tag_id, workspace_id) select ${conv}, t.id, ${this.workspaceId} from t`);
  }

  async workingHours(value: unknown): Promise<void> {
    await this.db.execute(sql`insert into settings (workspace_id, section, value) values (${this.workspaceId}, 'workingHours', ${JSON.stringify(value)}::jsonb)`);
  }
}
