/**
 * Reports scenario (F14): a workspace with BENCH_REPORTS_CONVERSATIONS conversations (default 1,000,000)
 * spread over the last 120 days, and their reporting log (~15 rows per conversation: start, attribution,
 * queue, assignment, 3 visitor and 3 agent messages with reply times, first responses, resolution, handle,
 * and some waited / abandoned / missed / rating rows), generated in PostgreSQL with generate_series in the
 * shape the triggers write (indexes built after the load). Then the rollups are rebuilt from the whole log
 * (rebuildRollups: what a backfill does), and the report views over the last 90 days are timed through
 * ReportService, as the API does (summary with previous period, daily and weekly series, agent table,
 * heatmap; with agent / group / channel + tag filters and the working-hours toggle). Target: p95 <= 300 ms.
 *
 *   npx tsx bench/reports.ts           standalone (prints JSON)
 *   npm run bench -- --only=reports    from bench/run.ts (calls runReportsBench())
 *   BENCH_REPORTS_CONVERSATIONS=20000  smaller runs; BENCH_REPORTS_KEEP=1 keeps the database
 *   BENCH_REPORTS_FOLD_BATCH=100000    rows per fold batch of the rebuild (default 1,000,000: the seeded log is in
 *                                      random time order, every batch touches every cell, fewer batches amortise it)
 *   BENCH_REPORTS_REUSE=1              times the views again on a kept database (no seed, no rebuild: one
 *                                      incremental fold), e.g. after a change to the report queries
 */
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { drizzle } from 'drizzle-orm/node-postgres';
import { schema, type Db } from '../src/db/client';
import { runMigrations } from '../src/db/migrate';
import { ReportQuery } from '../src/domain/reports/params';
import { foldReports, rebuildRollups } from '../src/domain/reports/rollup';
import { ReportService } from '../src/domain/reports/service';
import { summarize } from './lib/metrics';
import { BENCH_DATABASE, databaseUrl } from './lib/setup';

/** Its own database, per checkout when BENCH_DATABASE names one (several engineers bench at once). */
const DATABASE = `${BENCH_DATABASE}_reports`;
const TARGET_MS = 300;
const AGENTS = 50;
const GROUPS = 5;
const CHUNK = 100_000;

export async function runReportsBench(ctx: { databaseUrl: string }): Promise<Record<string, unknown>> {
  const conversations = Number(process.env.BENCH_REPORTS_CONVERSATIONS ?? 1_000_000);
  const repeats = Number(process.env.BENCH_REPORTS_REPEATS ?? 6);
  const url = databaseUrl(ctx.databaseUrl, DATABASE);
  const reuse = process.env.BENCH_REPORTS_REUSE === '1';
  const admin = new pg.Client({ connectionString: databaseUrl(ctx.databaseUrl, 'postgres') });
  await admin.connect();
  if (!reuse) {
    await admin.query(`drop database if exists ${DATABASE} with (force)`);
    await admin.query(`create database ${DATABASE}`);
  }
  // No per-query timeout here (the app's 15 s bound would cut the bulk load and index builds).
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  pool.on('error', () => {}); // idle clients cut when the database is dropped
  const db = drizzle(pool, { schema }) as Db;
  try {
    await runMigrations(db);
    const t0 = performance.now();
    const world = reuse ? await existing(db) : await seed(db, conversations);
    const seedSeconds = Math.round((performance.now() - t0) / 1000);
    // The rollups, built from the whole log as a backfill would (then the report views read them).
    const t1 = performance.now();
    const batch = Number(process.env.BENCH_REPORTS_FOLD_BATCH ?? 1_000_000);
    const fold = reuse ? await foldReports(db, { batch, lockTimeoutMs: 5_000 }) : await rebuildRollups(db, { batch });
    const foldSeconds = Math.round((performance.now() - t1) / 1000);
    // Autovacuum would do the same shortly after a rebuild (visibility map: index-only scans of old cells).
    for (const table of ['report_rollup', 'report_rollup_hist', 'report_rollup_hour', 'report_agent_day', 'report_rollup_packed']) await db.execute(sql.raw(`vacuum analyze ${table}`));
    const [{ n: cells }] = (await db.execute<{ n: string }>(sql`select (select count(*) from report_rollup) + (select count(*) from report_rollup_hist) + (select count(*) from report_rollup_hour) as n`)).rows;
    const [{ n: rows }] = (await db.execute<{ n: string }>(sql`select count(*) as n from report_events`)).rows;
    const reports = new ReportService(db);
    const today = new Date().toISOString().slice(0, 10);
    const from = new Date(Date.now() - 89 * 86_400_000).toISOString().slice(0, 10);
    const to = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const base = { from, to, tz: 'Europe/Berlin' };
    const q = (over: Record<string, unknown> = {}) => ({ ...ReportQuery.parse({ ...base, ...over }), tz: 'Europe/Berlin' });
    const views: Record<string, () => Promise<unknown>> = {
      summary: () => reports.summary(world.workspaceId, q()),
      summary_working_hours: () => reports.summary(world.workspaceId, q({ workingHours: true })),
      series_day: () => reports.series(world.workspaceId, q({ groupBy: 'day' })),
      series_week: () => reports.series(world.workspaceId, q({ groupBy: 'week' })),
      agents: () => reports.agents(world.workspaceId, q()),
      heatmap: () => reports.heatmap(world.workspaceId, q()),
      summary_agent: () => reports.summary(world.workspaceId, q({ agentId: world.agentId })),
      summary_group: () => reports.summary(world.workspaceId, q({ groupId: world.groupId })),
      series_day_agent: () => reports.series(world.workspaceId, q({ groupBy: 'day', agentId: world.agentId })),
      heatmap_agent: () => reports.heatmap(world.workspaceId, q({ agentId: world.agentId })),
      summary_channel_tag: () => reports.summary(world.workspaceId, q({ channel: 'mobile', tag: 'vip' })),
    };
    const byView: Record<string, unknown> = {};
    const all: number[] = [];
    for (const [name, run] of Object.entries(views)) {
      const samples: number[] = [];
      for (let i = 0; i < repeats; i++) {
        const s = performance.now();
        await run();
        samples.push(performance.now() - s);
      }
      all.push(...samples);
      const s = summarize(samples);
      byView[name] = { p50: s.p50, p95: s.p95, max: s.max };
    }
    const overall = summarize(all);
    return { conversations, reportRows: Number(rows), rangeDays: 90, today, seedSeconds, foldSeconds, foldedRows: fold.folded, rollupRows: Number(cells), queries: all.length, p50: overall.p50, p95: overall.p95, targetMs: TARGET_MS, // The target is judged at the full size only (smoke and smaller runs report figures).
    met: conversations >= 1_000_000 ? (overall.p95 ?? Infinity) <= TARGET_MS : null, byView };
  } finally {
    await db.$client.end();
    if (process.env.BENCH_REPORTS_KEEP !== '1' && !reuse) await admin.query(`drop database if exists ${DATABASE} with (force)`).catch(() => {});
    await admin.end();
  }
}

/** The seeded workspace of a kept database (BENCH_REPORTS_REUSE). */
async function existing(db: Db): Promise<{ workspaceId: string; agentId: string; groupId: string }> {
  const [{ id: workspaceId }] = (await db.execute<{ id: string }>(sql`select id from workspaces where widget_key = 'wk_bench_reports'`)).rows;
  const [{ id: agentId }] = (await db.execute<{ id: string }>(sql`select id from users where workspace_id = ${workspaceId} order by email limit 1`)).rows;
  const [{ id: groupId }] = (await db.execute<{ id: string }>(sql`select id from skill_groups where workspace_id = ${workspaceId} order by name limit 1`)).rows;
  return { workspaceId, agentId, groupId };
}

async function seed(db: Db, conversations: number): Promise<{ workspaceId: string; agentId: string; groupId: string }> {
  const [{ id: workspaceId }] = (await db.execute<{ id: string }>(sql`insert into workspaces (name, widget_key, secret) values ('Bench', 'wk_bench_reports', 's') returning id`)).rows;
  await db.execute(sql`
    insert into users (workspace_id, email, name, password_hash, role)
    select ${workspaceId}, 'agent' || g || '@bench.test', 'Agent ' || g, 'x', 'agent' from generate_series(1, ${AGENTS}) g`);
  await db.execute(sql`insert into skill_groups (workspace_id, name) select ${workspaceId}, 'Group ' || g from generate_series(1, ${GROUPS}) g`);
  await db.execute(sql`insert into settings (workspace_id, section, value) values (${workspaceId}, 'workingHours', ${JSON.stringify({ enabled: true, workspace: { timezone: 'Europe/Berlin', days: { mon: [{ start: '09:00', end: '17:00' }], tue: [{ start: '09:00', end: '17:00' }], wed: [{ start: '09:00', end: '17:00' }], thu: [{ start: '09:00', end: '17:00' }], fri: [{ start: '09:00', end: '17:00' }], sat: [], sun: [] }, holidays: [] }, groups: {} })}::jsonb)`);
  // Load first, index after (as a restore would).
  await db.execute(sql`drop index report_events_ws_kind_at_idx`);
  await db.execute(sql`drop index report_events_conv_idx`);
  for (let start = 1; start <= conversations; start += CHUNK) {
    const end = Math.min(conversations, start + CHUNK - 1);
    await db.execute(sql`
      with a as (select array_agg(id order by email) ids from users where workspace_id = ${workspaceId}),
      g as (select array_agg(id order by name) ids from skill_groups where workspace_id = ${workspaceId}),
      c as (
        select i, gen_random_uuid() as conv, now() - random() * interval '120 days' as t,
          a.ids[1 + i % ${AGENTS}] as agent, g.ids[1 + i % ${GROUPS}] as grp,
          (array['desktop','mobile','app'])[1 + i % 3] as channel,
          case when i % 10 = 0 then array['vip'] else '{}'::text[] end as tags,
          (i % 2 = 0) as queued, 5 + random() * 120 as wait, 10 + random() * 300 as frt, 120 + random() * 3000 as dur
        from generate_series(${start}::int, ${end}::int) i, a, g
      )
      insert into report_events (workspace_id, conversation_id, cycle, kind, at, agent_id, group_id, channel, tags, value_s, value_wh_s, flag, weight, detail)
      select ${workspaceId}, c.conv, 1, k.kind, c.t + k.off * interval '1 second', k.agent, c.grp, c.channel, c.tags, k.v, k.v * 0.7, k.flag, 1, k.detail
      from c cross join lateral (values
        ('cycle_started', 0, null::uuid, null::double precision, true, null::text, true),
        ('queued', 0, null, null, null, null, c.queued),
        ('cycle_handled', 0, c.agent, null, null, null, true),
        ('assigned', c.wait, c.agent, case when c.queued then c.wait end, null, null, true),
        ('msg_in', c.wait + 5, c.agent, null, null, null, true),
        ('msg_out', c.wait + c.frt, c.agent, c.frt - 5, null, null, true),
        ('first_response', c.wait + c.frt, c.agent, c.wait + c.frt, null, null, true),
        ('agent_first_response', c.wait + c.frt, c.agent, c.frt, null, null, true),
        ('msg_in', c.wait + c.frt + 30, c.agent, null, null, null, true),
        ('msg_out', c.wait + c.frt + 90, c.agent, 60, null, null, true),
        ('msg_in', c.wait + c.frt + 120, c.agent, null, null, null, true),
        ('msg_out', c.wait + c.frt + 200, c.agent, 80, null, null, true),
        ('resolution', c.dur, c.agent, c.dur, null, 'agent', true),
        ('handle', c.dur, c.agent, c.dur - c.wait, null, null, true),
        ('waited', c.dur, c.agent, null, null, null, c.queued),
        ('missed', c.dur, c.agent, null, null, null, c.i % 33 = 0),
        ('rating_invited', c.dur, c.agent, null, null, null, c.i % 3 = 0),
        ('rating', c.dur + 60, c.agent, null, c.i % 7 <> 0, '5', c.i % 5 = 0)
      ) as k(kind, off, agent, v, flag, detail, keep)
      where k.keep`);
  }
  await db.execute(sql`
    insert into report_events (workspace_id, kind, at, agent_id, detail)
    select ${workspaceId}, 'agent_status', d + s.h * interval '1 hour', u.id, s.status
    from users u, generate_series(now() - interval '120 days', now(), interval '1 day') d, (values (8, 'online'), (16, 'offline')) s(h, status)
    where u.workspace_id = ${workspaceId}`);
  await db.execute(sql`create index report_events_ws_kind_at_idx on report_events (workspace_id, kind, at) where kind not in ('msg_in', 'msg_out')`);
  await db.execute(sql`create index report_events_conv_idx on report_events (conversation_id, cycle)`);
  await db.execute(sql`analyze report_events`);
  const [{ id: agentId }] = (await db.execute<{ id: string }>(sql`select id from users where workspace_id = ${workspaceId} order by email limit 1`)).rows;
  const [{ id: groupId }] = (await db.execute<{ id: string }>(sql`select id from skill_groups where workspace_id = ${workspaceId} order by name limit 1`)).rows;
  return { workspaceId, agentId, groupId };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runReportsBench({ databaseUrl: process.env.DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/livechat' }).then(
    (r) => console.log(JSON.stringify(r)),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
