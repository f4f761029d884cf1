import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { dayStart } from './aggregate';
import type { ResolvedQuery } from './params';

/**
 * Raw export (F14): one row per conversation cycle started in the range, each metric of that cycle (from
 * the same log rows as the reports). An agent or group filter keeps the cycles that agent / group handled
 * (docs/reports.md "Filters"); a channel or tag filter keeps a cycle when any of its rows matches. Paged by (start, conversation, cycle).
 */
export type RawRow = {
  conversation_id: string;
  cycle: number;
  started_at: Date;
  ended_at: Date | null;
  agent: string | null;
  group_name: string | null;
  channel: string | null;
  /** The tags at the cycle's last row, joined with '; '. */
  tags: string | null;
  queue_wait: number | null;
  first_response: number | null;
  avg_reply: number | null;
  resolution: number | null;
  handle: number | null;
  transfers: number;
  messages_in: number;
  messages_out: number;
  missed: boolean;
  abandoned: boolean;
  rating: string | null;
};

export const RAW_HEADER = [
  'conversation_id',
  'cycle',
  'started_at',
  'ended_at',
  'agent',
  'skill_group',
  'channel',
  'tags',
  'queue_wait_s',
  'first_response_s',
  'avg_reply_time_s',
  'resolution_s',
  'handle_s',
  'transfers',
  'messages_in',
  'messages_out',
  'missed',
  'abandoned',
  'rating',
];

const PAGE = 2000;

export async function* rawCycles(db: Db, workspaceId: string, q: ResolvedQuery): AsyncGenerator<RawRow[]> {
  const v = q.workingHours ? sql.raw('e.value_wh_s') : sql.raw('e.value_s');
  const having: ReturnType<typeof sql>[] = [sql`true`];
  // Agent / group: the cycle is handled by them (its cycle_handled rows net to +1 for them), as in every report.
  if (q.agentId) having.push(sql`coalesce(sum(e.weight) filter (where e.kind = 'cycle_handled' and e.agent_id = ${q.agentId}), 0) > 0`);
  if (q.groupId) having.push(sql`coalesce(sum(e.weight) filter (where e.kind = 'cycle_handled' and e.group_id = ${q.groupId}), 0) > 0`);
  if (q.channel) having.push(sql`bool_or(e.channel = ${q.channel})`);
  if (q.tag) having.push(sql`bool_or(exists (select 1 from unnest(e.tags) t(name) where lower(t.name) = lower(${q.tag})))`);
  let after: { at: Date; conv: string; cycle: number } | null = null;
  for (;;) {
    const cursor: ReturnType<typeof sql> = after ? sql`and (s.at, s.conversation_id, s.cycle) > (${after.at.toISOString()}::timestamptz, ${after.conv}::uuid, ${after.cycle})` : sql``;
    const { rows }: { rows: (RawRow & { start_at: Date })[] } = await db.execute<RawRow & { start_at: Date }>(sql`
      with starts as (
        select s.conversation_id, s.cycle, s.at from report_events s
        where s.workspace_id = ${workspaceId} and s.kind = 'cycle_started' and s.at >= ${dayStart(q.from, q.tz)} and s.at < ${dayStart(q.to, q.tz)} ${cursor}
        order by s.at, s.conversation_id, s.cycle limit ${PAGE}
      ), cyc as (
        select s.conversation_id, s.cycle, s.at as start_at,
          max(e.at) filter (where e.kind = 'resolution') as ended_at,
          (array_agg(e.agent_id order by e.id desc) filter (where e.kind in ('assigned', 'transfer')))[1] as agent_id,
          (array_agg(e.group_id order by e.id desc) filter (where e.group_id is not null))[1] as group_id,
          max(e.channel) as channel,
          (array_agg(array_to_string(e.tags, '; ') order by e.id desc))[1] as tags,
          max(${v}) filter (where e.kind = 'assigned') as queue_wait,
          max(${v}) filter (where e.kind = 'first_response') as first_response,
          avg(${v}) filter (where e.kind = 'msg_out') as avg_reply,
          max(${v}) filter (where e.kind = 'resolution') as resolution,
          max(${v}) filter (where e.kind = 'handle') as handle,
          count(*) filter (where e.kind = 'transfer')::int as transfers,
          count(*) filter (where e.kind = 'msg_in')::int as messages_in,
          count(*) filter (where e.kind = 'msg_out')::int as messages_out,
          bool_or(e.kind = 'missed') as missed,
          bool_or(e.kind = 'abandoned') as abandoned,
          (array_agg(e.detail order by e.id desc) filter (where e.kind = 'rating' and e.weight > 0))[1] as rating
        from starts s
        join report_events e on e.conversation_id = s.conversation_id and e.cycle = s.cycle and e.workspace_id = ${workspaceId}
        group by s.conversation_id, s.cycle, s.at
        having ${sql.join(having, sql` and `)}
      )
      select cyc.*, cyc.start_at as started_at, u.name as agent, g.name as group_name
      from cyc left join users u on u.id = cyc.agent_id and u.workspace_id = ${workspaceId}
      left join skill_groups g on g.id = cyc.group_id and g.workspace_id = ${workspaceId}
      order by cyc.start_at, cyc.conversation_id, cyc.cycle`);
    // The page of starts may shrink after the filters: the cursor follows the starts, not the kept rows.
    const { rows: last } = await db.execute<{ at: Date; conversation_id: string; cycle: number }>(sql`
      select s.at, s.conversation_id, s.cycle from report_events s
      where s.workspace_id = ${workspaceId} and s.kind = 'cycle_started' and s.at >= ${dayStart(q.from, q.tz)} and s.at < ${dayStart(q.to, q.tz)} ${cursor}
      order by s.at, s.conversation_id, s.cycle offset ${PAGE - 1} limit 1`);
    if (rows.length) yield rows;
    if (!last.length) return;
    after = { at: new Date(last[0].at), conv: last[0].conversation_id, cycle: last[0].cycle };
  }
}

/** A raw row as CSV cells (times as local ISO in the report's zone). */
export function rawCells(r: RawRow, tz: string): unknown[] {
  return [
    r.conversation_id,
    r.cycle,
    localIso(r.started_at, tz),
    r.ended_at ? localIso(r.ended_at, tz) : '',
    r.agent ?? '',
    r.group_name ?? '',
    r.channel ?? '',
    r.tags ?? '',
    num(r.queue_wait),
    num(r.first_response),
    num(r.avg_reply),
    num(r.resolution),
    num(r.handle),
    r.transfers,
    r.messages_in,
    r.messages_out,
    r.missed,
    r.abandoned,
    r.rating ?? '',
  ];
}

const num = (n: number | null) => (n === null || n === undefined ? '' : Math.round(Number(n) * 10) / 10);

/** 2026-03-29T03:30:00+02:00 style local time in a zone. */
export function localIso(at: Date | string, tz: string): string {
  const d = new Date(at);
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23', timeZoneName: 'longOffset' })
      .formatToParts(d)
      .map((p) => [p.type, p.value]),
  );
  const offset = parts.timeZoneName === 'GMT' ? '+00:00' : String(parts.timeZoneName).replace('GMT', '');
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}${offset}`;
}
