import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { AGENT_TIME_KINDS } from './agent-days';
import { agentTimeFromLog, midnights, sweepWindow, toAgentTime, type AgentMs, type AgentTime } from './agent-time';
import type { ResolvedQuery } from './params';
import { rollupZone } from './rollup-query';

/**
 * Concurrency and occupancy of the agent table (docs/reports.md "Agent time cells"): the agent-day cells
 * of the range's days before `through`, plus one sweep of the log from `through` (starting from the chats
 * held then) to the end of the range; all in one snapshot, so a fold committing meanwhile changes nothing.
 * Exactly the log path's figures: the same sweep, cut at local midnights in whole milliseconds. The log
 * path answers instead when the cells cannot: another zone than the cells', no cells yet, or log rows not
 * yet in the cells that change a day before `through` (a backfill in progress, a late write).
 */
export async function agentTime(db: Db, workspaceId: string, q: ResolvedQuery, now = new Date()): Promise<AgentTime[]> {
  if ((await rollupZone(db, workspaceId)) !== q.tz) return agentTimeFromLog(db, workspaceId, q, now);
  const answer = await db.transaction(
    async (tx) => {
      const { rows: state } = await tx.execute<{ through: string; wm: string }>(sql`
        select to_char(a.through, 'YYYY-MM-DD') as through, w.agent_watermark as wm
        from report_agent_time a cross join report_rollup_watermark w where a.workspace_id = ${workspaceId} and w.id = 1`);
      if (!state[0]) return null;
      const { through, wm } = state[0];
      const { rows: stale } = await tx.execute(sql`
        select 1 from report_events e where e.id > ${Number(wm)} and e.workspace_id = ${workspaceId} and e.kind in ${AGENT_TIME_KINDS}
          and e.at < (${through}::date::timestamp at time zone ${q.tz}) limit 1`);
      if (stale.length) return null;
      const agent = q.agentId ? sql`and agent_id = ${q.agentId}` : sql``;
      const { rows: cells } = await tx.execute<{ agent_id: string; online: string; busy: string; chat: string }>(sql`
        select agent_id, sum(online_ms) as online, sum(busy_ms) as busy, sum(chat_ms) as chat from report_agent_day
        where workspace_id = ${workspaceId} and day >= ${q.from}::date and day < least(${q.to}::date, ${through}::date) ${agent}
        group by agent_id`);
      const total = new Map<string, AgentMs>(cells.map((c) => [c.agent_id, { online: Number(c.online), busy: Number(c.busy), chat: Number(c.chat) }]));
      if (through < q.to) {
        const start = q.from > through ? q.from : through;
        const [[from], [to]] = await Promise.all([midnights(tx as unknown as Db, start, start, q.tz), midnights(tx as unknown as Db, q.to, q.to, q.tz)]);
        const carry = start === through ? 'open' : 'lookback';
        for (const [id, ms] of await sweepWindow(tx as unknown as Db, workspaceId, from.at, to.at, { agentId: q.agentId, carry, now })) {
          const t = total.get(id);
          total.set(id, t ? { online: t.online + ms.online, busy: t.busy + ms.busy, chat: t.chat + ms.chat } : ms);
        }
      }
      return [...total].map(([id, ms]) => toAgentTime(id, ms));
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
  return answer ?? agentTimeFromLog(db, workspaceId, q, now);
}
