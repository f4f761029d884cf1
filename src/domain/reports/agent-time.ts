import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { dayStart } from './aggregate';
import type { ResolvedQuery } from './params';

/**
 * Concurrency and occupancy (F14) of each agent over `[from, to)` (calendar time, clipped at now):
 * - online = the agent's status is online or busy (from agent_status rows; the status before the range
 *   carries into it);
 * - an agent holds a chat from its assignment or transfer to them until it is transferred away or ends;
 * - concurrency = time-weighted average number of held chats while online = ∫open dt ÷ online time;
 * - occupancy = online time with at least one chat ÷ online time.
 * Only the agent filter applies (online time is not per chat, group, channel or tag).
 */
export interface AgentTime {
  agentId: string;
  onlineSeconds: number;
  concurrency: number | null;
  occupancy: number | null;
}

/** A chat held longer than this before the range is not looked for (bounds the scan). */
const HOLD_LOOKBACK = '30 days';

export async function agentTime(db: Db, workspaceId: string, q: ResolvedQuery, now = new Date()): Promise<AgentTime[]> {
  const from = dayStart(q.from, q.tz);
  const to = dayStart(q.to, q.tz);
  const agent = q.agentId ? sql`and e.agent_id = ${q.agentId}` : sql``;
  const [status, holds, bounds] = await Promise.all([
    db.execute<{ agent_id: string; at: Date; status: string }>(sql`
      (select distinct on (e.agent_id) e.agent_id, e.at, e.detail as status from report_events e
        where e.workspace_id = ${workspaceId} and e.kind = 'agent_status' and e.at < ${from} ${agent}
        order by e.agent_id, e.at desc, e.id desc)
      union all
      (select e.agent_id, e.at, e.detail from report_events e
        where e.workspace_id = ${workspaceId} and e.kind = 'agent_status' and e.at >= ${from} and e.at < ${to} ${agent})`),
    // A hold ends at the next transfer or end of the same cycle: one ordered pass (window), not a lookup per row.
    db.execute<{ agent_id: string; s: Date; e: Date | null }>(sql`
      select h.agent_id, h.s, h.e from (
        select e.kind, e.agent_id, e.at as s, lead(e.at) over (partition by e.conversation_id, e.cycle order by e.at, e.id) as e
        from report_events e
        where e.workspace_id = ${workspaceId} and e.kind in ('assigned', 'transfer', 'resolution') and e.at < ${to}
          and e.at >= ${from} - interval ${sql.raw(`'${HOLD_LOOKBACK}'`)}
      ) h where h.kind in ('assigned', 'transfer') and (h.e is null or h.e > ${from}) ${q.agentId ? sql`and h.agent_id = ${q.agentId}` : sql``}`),
    db.execute<{ from: Date; to: Date }>(sql`select ${from} as from, ${to} as to`),
  ]);
  const start = new Date(bounds.rows[0].from).getTime();
  const end = Math.min(new Date(bounds.rows[0].to).getTime(), now.getTime());
  type Change = { t: number; online?: boolean; open?: number };
  const changes = new Map<string, Change[]>();
  const push = (id: string, c: Change) => {
    let list = changes.get(id);
    if (!list) changes.set(id, (list = []));
    list.push(c);
  };
  for (const r of status.rows) push(r.agent_id, { t: Math.max(new Date(r.at).getTime(), start), online: r.status === 'online' || r.status === 'busy' });
  for (const h of holds.rows) {
    push(h.agent_id, { t: Math.max(new Date(h.s).getTime(), start), open: 1 });
    if (h.e) push(h.agent_id, { t: new Date(h.e).getTime(), open: -1 });
  }
  const result: AgentTime[] = [];
  for (const [agentId, list] of changes) {
    // Status changes before chat changes at the same instant; the sweep is over [start, end).
    list.sort((a, b) => a.t - b.t || (a.online !== undefined ? -1 : 0) - (b.online !== undefined ? -1 : 0));
    let online = false;
    let open = 0;
    let last = start;
    let onlineMs = 0;
    let weighted = 0;
    let busyMs = 0;
    const advance = (t: number) => {
      const until = Math.min(Math.max(t, start), end);
      if (until > last && online) {
        const dt = until - last;
        onlineMs += dt;
        weighted += open * dt;
        if (open > 0) busyMs += dt;
      }
      last = Math.max(last, until);
    };
    for (const c of list) {
      advance(c.t);
      if (c.online !== undefined) online = c.online;
      if (c.open !== undefined) open = Math.max(0, open + c.open);
    }
    advance(end);
    result.push({
      agentId,
      onlineSeconds: onlineMs / 1000,
      concurrency: onlineMs ? weighted / onlineMs : null,
      occupancy: onlineMs ? busyMs / onlineMs : null,
    });
  }
  return result;
}
