import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';

/**
 * A contact's timeline (issue 21 item 7): every conversation, rating and leave-a-message submission of one
 * customer, oldest first. A conversation or rating belongs to them through its customer link; a submission
 * through its visitor (any device linked to the customer) or its conversation. Workspace-scoped throughout.
 */
export type TimelineEntry =
  | { kind: 'conversation'; at: string; id: string; status: string; channel: string; agentName: string | null; endedAt: string | null }
  | { kind: 'rating'; at: string; id: string; conversationId: string; score: number; scale: number; label: string; comment: string | null }
  | { kind: 'submission'; at: string; id: string; number: number; status: string; content: string | null };

export async function contactTimeline(db: Db, workspaceId: string, customerId: string, options: { ratings: boolean; limit?: number }): Promise<TimelineEntry[]> {
  const limit = Math.min(options.limit ?? 200, 500);
  const { rows } = await db.execute<{ kind: TimelineEntry['kind']; at: Date | string; id: string; data: Record<string, unknown> }>(sql`
    select * from (
      select 'conversation' as kind, c.created_at as at, c.id,
        jsonb_build_object('status', c.status, 'channel', c.channel, 'agentName', u.name, 'endedAt', c.ended_at) as data
      from conversations c left join users u on u.id = c.agent_id
      where c.workspace_id = ${workspaceId} and c.customer_id = ${customerId}
      union all
      select 'rating', r.created_at, r.id,
        jsonb_build_object('conversationId', r.conversation_id, 'score', r.score, 'scale', r.scale, 'label', r.label, 'comment', r.comment)
      from ratings r
      where ${options.ratings}::boolean and r.workspace_id = ${workspaceId}
        and (r.customer_id = ${customerId} or r.conversation_id in (select id from conversations where workspace_id = ${workspaceId} and customer_id = ${customerId}))
      union all
      select 'submission', s.created_at, s.id,
        jsonb_build_object('number', s.number, 'status', s.status, 'content', s.fields->>'content')
      from submissions s
      where s.workspace_id = ${workspaceId}
        and (s.visitor_id in (select id from visitors where workspace_id = ${workspaceId} and customer_id = ${customerId})
          or s.conversation_id in (select id from conversations where workspace_id = ${workspaceId} and customer_id = ${customerId}))
    ) t
    order by at desc, id
    limit ${limit}`);
  return rows
    .map((r) => ({ kind: r.kind, at: new Date(r.at).toISOString(), id: r.id, ...r.data }) as TimelineEntry)
    .map((e) => (e.kind === 'conversation' && e.endedAt ? { ...e, endedAt: new Date(e.endedAt).toISOString() } : e))
    .reverse();
}
