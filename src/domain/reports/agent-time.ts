import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import type { ResolvedQuery } from './params';

/**
 * Concurrency and occupancy (F14) of each agent over `[from, to)` (calendar time, clipped at now):
 * - online = the agent's status is online or busy (from agent_status rows; the status before the range
 *   carries into it);
 * - an agent holds a chat from its assignment or transfer to them until it is transferred away or ends,
 *   for at most HOLD_MAX_DAYS (a chat never ended stops counting then);
 * - concurrency = time-weighted average number of held chats while online = ∫open dt ÷ online time;
 * - occupancy = online time with at least one chat ÷ online time.
 * Only the agent filter applies (online time is not per chat, group, channel or tag).
 * This file is the sweep and the log reads; agent-days.ts folds it into per-day cells, agent-time-query.ts
 * answers a report from those cells plus a sweep of the days after them.
 */
export interface AgentTime {
  agentId: string;
  onlineSeconds: number;
  concurrency: number | null;
  occupancy: number | null;
}

/** Milliseconds online, online with >= 1 chat, and chat-milliseconds while online (integers: sums are exact). */
export interface AgentMs {
  online: number;
  busy: number;
  chat: number;
}

export interface StatusRow {
  agentId: string;
  at: number;
  online: boolean;
}

export interface Hold {
  agentId: string;
  conversationId: string;
  cycle: number;
  s: number;
  /** Next transfer or end of the cycle, capped at s + HOLD_MAX_DAYS. */
  e: number;
}

export const HOLD_MAX_DAYS = 30;
const HOLD_KINDS = sql`('assigned', 'transfer', 'resolution')`;

/** What a sweep starts from: holds looked for HOLD_MAX_DAYS back, or the chats held at `through` (report_agent_open). */
export type Carry = 'lookback' | 'open';

/** The status rows and holds of a window `[from, to)`; rows with id <= maxId only, when given. */
export async function loadWindow(
  db: Db,
  workspaceId: string,
  from: Date,
  to: Date,
  opts: { agentId?: string; maxId?: number; carry: Carry },
): Promise<{ status: StatusRow[]; holds: Hold[] }> {
  const agent = opts.agentId ? sql`and e.agent_id = ${opts.agentId}` : sql``;
  const upTo = opts.maxId !== undefined ? sql`and e.id <= ${opts.maxId}` : sql``;
  const since = opts.carry === 'lookback' ? sql`${from}::timestamptz - interval '${sql.raw(String(HOLD_MAX_DAYS))} days'` : sql`${from}::timestamptz`;
  const open =
    opts.carry === 'open'
      ? sql`union all select o.conversation_id, o.cycle, 'open', o.agent_id, o.since, 0 from report_agent_open o where o.workspace_id = ${workspaceId}`
      : sql``;
  const [status, holds] = await Promise.all([
    db.execute<{ agent_id: string; at: Date; status: string }>(sql`
      (select distinct on (e.agent_id) e.agent_id, e.at, e.detail as status from report_events e
        where e.workspace_id = ${workspaceId} and e.kind = 'agent_status' and e.at < ${from} ${agent} ${upTo}
        order by e.agent_id, e.at desc, e.id desc)
      union all
      (select e.agent_id, e.at, e.detail from report_events e
        where e.workspace_id = ${workspaceId} and e.kind = 'agent_status' and e.at >= ${from} and e.at < ${to} ${agent} ${upTo})`),
    // A hold ends at the next transfer or end of the same cycle: one ordered pass (window), not a lookup per row.
    db.execute<{ agent_id: string; conversation_id: string; cycle: number; s: Date; e: Date }>(sql`
      select h.agent_id, h.conversation_id, h.cycle, h.s, h.e from (
        select x.kind, x.agent_id, x.conversation_id, x.cycle, x.at as s,
          least(coalesce(lead(x.at) over (partition by x.conversation_id, x.cycle order by x.at, x.id), 'infinity'), x.at + interval '${sql.raw(String(HOLD_MAX_DAYS))} days') as e
        from (
          select e.conversation_id, e.cycle, e.kind, e.agent_id, e.at, e.id from report_events e
          where e.workspace_id = ${workspaceId} and e.kind in ${HOLD_KINDS} and e.at < ${to} and e.at >= ${since} ${upTo}
          ${open}
        ) x
      ) h where h.kind in ('assigned', 'transfer', 'open') and h.agent_id is not null and h.e > ${from} ${opts.agentId ? sql`and h.agent_id = ${opts.agentId}` : sql``}`),
  ]);
  return {
    status: status.rows.map((r) => ({ agentId: r.agent_id, at: new Date(r.at).getTime(), online: r.status === 'online' || r.status === 'busy' })),
    holds: holds.rows.map((h) => ({ agentId: h.agent_id, conversationId: h.conversation_id, cycle: h.cycle, s: new Date(h.s).getTime(), e: new Date(h.e).getTime() })),
  };
}

/**
 * The sweep over `[start, end)`, split at `cuts` (sorted instants inside the window): per agent, one entry
 * per segment, null where the agent is absent (no status row up to the segment's end and no hold over it).
 * Every total is a whole number of milliseconds, so segments add up exactly to the whole window.
 */
export function sweep(status: StatusRow[], holds: Hold[], start: number, end: number, cuts: number[] = []): Map<string, (AgentMs | null)[]> {
  const bounds = [start, ...cuts.filter((c) => c > start && c < end), end];
  const segments = bounds.length - 1;
  const segOf = (t: number) => {
    let k = 0;
    while (k < segments - 1 && t >= bounds[k + 1]) k++;
    return k;
  };
  type Change = { t: number; online?: boolean; open?: number };
  const agents = new Map<string, { changes: Change[]; present: boolean[] }>();
  const of = (id: string) => {
    let a = agents.get(id);
    if (!a) agents.set(id, (a = { changes: [], present: new Array<boolean>(segments).fill(false) }));
    return a;
  };
  for (const r of status) {
    const a = of(r.agentId);
    const t = Math.max(r.at, start);
    a.changes.push({ t, online: r.online });
    if (t < end) for (let k = segOf(t); k < segments; k++) a.present[k] = true;
  }
  for (const h of holds) {
    const a = of(h.agentId);
    const s = Math.max(h.s, start);
    a.changes.push({ t: s, open: 1 }, { t: h.e, open: -1 });
    if (s < end && h.e > start) for (let k = segOf(s); k < segments && bounds[k] < h.e; k++) a.present[k] = true;
  }
  const result = new Map<string, (AgentMs | null)[]>();
  for (const [agentId, { changes, present }] of agents) {
    // Status changes first, then chats taken, then chats left, at the same instant (no count ever below 0).
    const rank = (c: Change) => (c.online !== undefined ? 0 : c.open! > 0 ? 1 : 2);
    changes.sort((a, b) => a.t - b.t || rank(a) - rank(b));
    const totals: AgentMs[] = Array.from({ length: segments }, () => ({ online: 0, busy: 0, chat: 0 }));
    let online = false;
    let open = 0;
    let last = start;
    let k = 0;
    const advance = (t: number) => {
      const until = Math.min(Math.max(t, start), end);
      while (last < until) {
        const stop = Math.min(until, bounds[k + 1]);
        if (online) {
          const dt = stop - last;
          totals[k].online += dt;
          totals[k].chat += open * dt;
          if (open > 0) totals[k].busy += dt;
        }
        last = stop;
        if (last >= bounds[k + 1] && k < segments - 1) k++;
      }
    };
    for (const c of changes) {
      advance(c.t);
      if (c.online !== undefined) online = c.online;
      if (c.open !== undefined) open += c.open;
    }
    advance(end);
    result.set(
      agentId,
      totals.map((t, i) => (present[i] ? t : null)),
    );
  }
  return result;
}

export function toAgentTime(agentId: string, ms: AgentMs): AgentTime {
  return {
    agentId,
    onlineSeconds: ms.online / 1000,
    concurrency: ms.online ? ms.chat / ms.online : null,
    occupancy: ms.online ? ms.busy / ms.online : null,
  };
}

/** Agent time of a window straight from the log (the exact path; also the days after the cells). */
export async function sweepWindow(db: Db, workspaceId: string, from: Date, to: Date, opts: { agentId?: string; carry: Carry; now: Date }): Promise<Map<string, AgentMs>> {
  const end = Math.min(to.getTime(), opts.now.getTime());
  const { status, holds } = await loadWindow(db, workspaceId, from, to, opts);
  const out = new Map<string, AgentMs>();
  for (const [agentId, [ms]] of sweep(status, holds, from.getTime(), Math.max(end, from.getTime()))) if (ms) out.set(agentId, ms);
  return out;
}

/** The local midnights (instants) of the days `from` .. `to` (both included) in zone `tz`. */
export async function midnights(db: Db, from: string, to: string, tz: string): Promise<{ day: string; at: Date }[]> {
  const { rows } = await db.execute<{ day: string; at: Date }>(sql`
    select to_char(d, 'YYYY-MM-DD') as day, (d::timestamp at time zone ${tz}) as at from generate_series(${from}::date, ${to}::date, interval '1 day') d`);
  return rows.map((r) => ({ day: r.day, at: new Date(r.at) }));
}

/** The log path: the whole range swept from the log rows. */
export async function agentTimeFromLog(db: Db, workspaceId: string, q: ResolvedQuery, now = new Date()): Promise<AgentTime[]> {
  const [from, to] = await Promise.all([midnights(db, q.from, q.from, q.tz), midnights(db, q.to, q.to, q.tz)]);
  const times = await sweepWindow(db, workspaceId, from[0].at, to[0].at, { agentId: q.agentId, carry: 'lookback', now });
  return [...times].map(([id, ms]) => toAgentTime(id, ms));
}
