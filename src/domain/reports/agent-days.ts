import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { loadWindow, midnights, sweep, type Carry } from './agent-time';

/**
 * Agent-time cells (docs/reports.md "Agent time cells"): per workspace, agent and local day (in the
 * workspace's rollup zone), the milliseconds online, online with >= 1 chat and chat-milliseconds, for the
 * whole days before `report_agent_time.through` (today, after a fold), computed by the same sweep as the
 * log path from the log rows with id <= `agent_watermark`; plus the chats held at `through`
 * (report_agent_open), where a report's sweep of the days after the cells starts.
 *
 * Incremental: a fold sweeps only the days since `through` (starting from the held chats), unless a row
 * folded now changes an earlier day (a status or hold row placed before `through`: a backfill, a late
 * write): then it sweeps again from that row's day (its holds looked for HOLD_MAX_DAYS back). Each
 * workspace's cells, held chats and `through` are replaced in the fold's transaction, with the watermark.
 */
const WINDOW_DAYS = 14;
/** The rows that change an agent's status or held chats. */
export const AGENT_TIME_KINDS = sql`('agent_status', 'assigned', 'transfer', 'resolution')`;

/** Brings the cells of every workspace up to the log rows with id <= upTo, and up to today. Returns the days swept. */
export async function foldAgentTime(tx: Db, upTo: number): Promise<number> {
  const { rows: wm } = await tx.execute<{ w: string }>(sql`select agent_watermark as w from report_rollup_watermark where id = 1 for update`);
  const w0 = Number(wm[0]?.w ?? 0);
  // Per workspace: the day to sweep from when rows changed earlier days (or everything, the first time).
  const { rows } = await tx.execute<{ ws: string; tz: string; through: string | null; today: string; first: string | null }>(sql`
    select z.workspace_id as ws, z.tz, to_char(a.through, 'YYYY-MM-DD') as through, to_char((now() at time zone z.tz)::date, 'YYYY-MM-DD') as today,
      to_char((case when a.through is null then
          (select min(e.at) from report_events e where e.workspace_id = z.workspace_id and e.kind in ${AGENT_TIME_KINDS} and e.id <= ${upTo})
        else (select min(e.at) from report_events e where e.id > ${w0} and e.id <= ${upTo} and e.workspace_id = z.workspace_id
          and e.kind in ${AGENT_TIME_KINDS} and e.at < (a.through::timestamp at time zone z.tz)) end) at time zone z.tz, 'YYYY-MM-DD') as first
    from report_rollup_zone z left join report_agent_time a on a.workspace_id = z.workspace_id`);
  let swept = 0;
  for (const r of rows) {
    let start = r.through ?? r.today;
    let carry: Carry = r.through === null ? 'lookback' : 'open';
    if (r.first && r.first < start) {
      start = r.first;
      carry = 'lookback';
    }
    if (start < r.today) swept += await sweepDays(tx, r.ws, r.tz, start, r.today, carry, upTo);
    else if (r.through === null) await tx.execute(sql`delete from report_agent_open where workspace_id = ${r.ws}`);
    // Most folds change nothing here (same day, no late rows): no write per workspace then.
    if (r.through !== r.today) {
      await tx.execute(sql`insert into report_agent_time (workspace_id, through) values (${r.ws}, ${r.today}::date)
        on conflict (workspace_id) do update set through = excluded.through`);
    }
  }
  await tx.execute(sql`update report_rollup_watermark set agent_watermark = ${upTo} where id = 1`);
  return swept;
}

/** Replaces the cells of the days [start, end) and the held chats at `end`, in windows of WINDOW_DAYS. */
async function sweepDays(tx: Db, ws: string, tz: string, start: string, end: string, carry: Carry, upTo: number): Promise<number> {
  const days = await midnights(tx, start, end, tz);
  for (let i = 0; i < days.length - 1; i += WINDOW_DAYS) {
    const j = Math.min(i + WINDOW_DAYS, days.length - 1);
    const from = days[i].at.getTime();
    const to = days[j].at.getTime();
    const { status, holds } = await loadWindow(tx, ws, days[i].at, days[j].at, { maxId: upTo, carry: i === 0 ? carry : 'open' });
    const cells: { day: string; agent_id: string; online_ms: number; busy_ms: number; chat_ms: number }[] = [];
    for (const [agentId, segments] of sweep(status, holds, from, to, days.slice(i + 1, j).map((d) => d.at.getTime()))) {
      segments.forEach((ms, k) => {
        if (ms) cells.push({ day: days[i + k].day, agent_id: agentId, online_ms: ms.online, busy_ms: ms.busy, chat_ms: ms.chat });
      });
    }
    const open = holds.filter((h) => h.s < to && h.e > to).map((h) => ({ conversation_id: h.conversationId, cycle: h.cycle, agent_id: h.agentId, since: new Date(h.s).toISOString() }));
    await tx.execute(sql`delete from report_agent_day where workspace_id = ${ws} and day >= ${days[i].day}::date and day < ${days[j].day}::date`);
    if (cells.length) {
      await tx.execute(sql`insert into report_agent_day (workspace_id, day, agent_id, online_ms, busy_ms, chat_ms)
        select ${ws}, x.day, x.agent_id, x.online_ms, x.busy_ms, x.chat_ms
        from json_to_recordset(${JSON.stringify(cells)}::json) as x(day date, agent_id uuid, online_ms bigint, busy_ms bigint, chat_ms bigint)`);
    }
    await tx.execute(sql`delete from report_agent_open where workspace_id = ${ws}`);
    if (open.length) {
      await tx.execute(sql`insert into report_agent_open (workspace_id, conversation_id, cycle, agent_id, since)
        select ${ws}, x.conversation_id, x.cycle, x.agent_id, x.since
        from json_to_recordset(${JSON.stringify(open)}::json) as x(conversation_id uuid, cycle integer, agent_id uuid, since timestamptz)`);
    }
  }
  return days.length - 1;
}

/** Forgets a workspace's agent-time cells (its zone changed): the next fold sweeps it from its first row. */
export async function dropAgentTime(tx: Db, workspaceId: string): Promise<void> {
  await tx.execute(sql`delete from report_agent_day where workspace_id = ${workspaceId}`);
  await tx.execute(sql`delete from report_agent_open where workspace_id = ${workspaceId}`);
  await tx.execute(sql`delete from report_agent_time where workspace_id = ${workspaceId}`);
}
