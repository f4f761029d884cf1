import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import type { RoutingTarget } from '../settings/schemas';
import type { AgentStatus } from './strategies';

/** An open conversation as the routing rebuild needs it (PostgreSQL is the source of truth). */
export interface OpenConversation {
  id: string;
  visitorId: string;
  agentId: string | null;
  groupId: string | null;
  status: 'queued' | 'active' | 'unassigned';
  queueTarget: string | null;
  vip: boolean;
  /** Enqueue time (ms); the start time for chats queued before it was stored. */
  waitingSince: number;
  startedAt: number;
  assignedAt: number | null;
}

/** Workspaces that have open conversations (the ones whose queues and loads a rebuild must restore). */
export async function workspacesWithOpenConversations(db: Db): Promise<string[]> {
  const { rows } = await db.execute<{ workspace_id: string }>(sql`select distinct workspace_id from conversations where status <> 'ended'`);
  return rows.map((r) => r.workspace_id);
}

/** Open conversations of a workspace, oldest waiting first (the original queue order). */
export async function openConversations(db: Db, workspaceId: string): Promise<OpenConversation[]> {
  const { rows } = await db.execute<{
    id: string;
    visitor_id: string;
    agent_id: string | null;
    group_id: string | null;
    status: OpenConversation['status'];
    queue_target: string | null;
    vip: boolean;
    enqueued_at: string | Date | null;
    started_at: string | Date;
    assigned_at: string | Date | null;
  }>(sql`
    select id, visitor_id, agent_id, group_id, status, queue_target, vip, enqueued_at, created_at as started_at, assigned_at
    from conversations where workspace_id = ${workspaceId} and status <> 'ended'
    order by coalesce(enqueued_at, created_at), id`);
  return rows.map((r) => ({
    id: r.id,
    visitorId: r.visitor_id,
    agentId: r.agent_id,
    groupId: r.group_id,
    status: r.status,
    queueTarget: r.queue_target,
    vip: r.vip,
    waitingSince: new Date(r.enqueued_at ?? r.started_at).getTime(),
    startedAt: new Date(r.started_at).getTime(),
    assignedAt: r.assigned_at ? new Date(r.assigned_at).getTime() : null,
  }));
}

/** Latest status each agent chose (or was given by the worker), from the status log. */
export async function lastAgentStatuses(db: Db, workspaceId: string, agentIds: string[]): Promise<Map<string, AgentStatus>> {
  if (!agentIds.length) return new Map();
  const { rows } = await db.execute<{ user_id: string; status: AgentStatus }>(sql`
    select distinct on (user_id) user_id, status from agent_status_log
    where workspace_id = ${workspaceId} and user_id in (${sql.join(agentIds.map((id) => sql`${id}::uuid`), sql`, `)})
    order by user_id, created_at desc, id desc`);
  return new Map(rows.map((r) => [r.user_id, r.status]));
}

/**
 * Round-robin positions and last-assignment times, from the latest assignments: per target key, the agent
 * who got the most recent chat of that group (or of any group for 'all').
 */
export async function recentAssignments(db: Db, workspaceId: string): Promise<{ roundRobin: Map<string, string>; lastAssigned: Map<string, number> }> {
  const { rows } = await db.execute<{ agent_id: string; group_id: string | null; at: string | Date }>(sql`
    select distinct on (agent_id, group_id) agent_id, group_id, assigned_at as at from conversations
    where workspace_id = ${workspaceId} and agent_id is not null and assigned_at > now() - interval '1 day'
    order by agent_id, group_id, assigned_at desc`);
  const roundRobin = new Map<string, { agentId: string; at: number }>();
  const lastAssigned = new Map<string, number>();
  for (const row of rows) {
    const at = new Date(row.at).getTime();
    lastAssigned.set(row.agent_id, Math.max(lastAssigned.get(row.agent_id) ?? 0, at));
    for (const key of row.group_id ? [`group:${row.group_id}`, 'all'] : ['all']) {
      if ((roundRobin.get(key)?.at ?? 0) < at) roundRobin.set(key, { agentId: row.agent_id, at });
    }
  }
  return { roundRobin: new Map([...roundRobin].map(([k, v]) => [k, v.agentId])), lastAssigned };
}

/** 'all' | 'group:<id>' | 'agent:<id>' back to a target ('all' when unknown). */
export function parseTargetKey(key: string | null): RoutingTarget {
  const [type, id] = (key ?? 'all').split(':');
  if ((type === 'group' || type === 'agent') && id) return { type, id };
  return { type: 'all' };
}

/** Conversations that already raised a long-wait alert (an overdue long-wait timer must not alert twice). */
export async function longWaitAlerted(db: Db, workspaceId: string, conversationIds: string[]): Promise<Set<string>> {
  if (!conversationIds.length) return new Set();
  const { rows } = await db.execute<{ conversation_id: string }>(sql`
    select distinct conversation_id from monitor_alerts
    where workspace_id = ${workspaceId} and kind = 'long_wait' and conversation_id in (${sql.join(conversationIds.map((id) => sql`${id}::uuid`), sql`, `)})`);
  return new Set(rows.map((r) => r.conversation_id));
}
