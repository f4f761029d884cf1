import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { settings, skillGroups, users } from '../../db/schema';
import { dayStart, emptyFigures, eventFilters, type Figures } from './aggregate';
import { aggregate, heatmapCells } from './rollup-query';
import { agentTime } from './agent-time-query';
import { isTimeZone } from '../../lib/time-zone';
import { previousPeriod, type ReportQuery, type ResolvedQuery } from './params';

/** Figures plus the rates derived from them (each rate: null when its denominator is 0). */
export interface ReportFigures extends Figures {
  rates: { abandonment: number | null; csat: number | null; responseRate: number | null };
}

export interface ReportSummary {
  query: ResolvedQuery;
  current: ReportFigures;
  previous: ReportFigures;
  previousRange: { from: string; to: string };
}

export interface SeriesPoint {
  /** Bucket start, local time in the report's zone: 2026-03-29T00:00. */
  bucket: string;
  figures: ReportFigures;
}

export interface AgentRow {
  agentId: string;
  name: string;
  figures: ReportFigures;
  onlineSeconds: number;
  concurrency: number | null;
  occupancy: number | null;
}

/** Who asks: agents see only their own figures (the agent filter is forced to themselves). */
export interface ReportViewer {
  id: string;
  role: 'admin' | 'supervisor' | 'agent';
}

const rate = (n: number, d: number) => (d > 0 ? n / d : null);

export function withRates(f: Figures): ReportFigures {
  return {
    ...f,
    rates: {
      abandonment: rate(f.counts.abandoned, f.counts.waited),
      csat: rate(f.counts.positiveRatings, f.counts.ratings),
      responseRate: rate(f.counts.ratings, f.counts.invitations),
    },
  };
}

export class ReportService {
  /** `exactLimit`: up to how many durations in a range percentiles are computed exactly (rollup-query.ts). */
  constructor(
    private readonly db: Db,
    private readonly opts: { exactLimit?: number } = {},
  ) {}

  /** The workspace's zone: its working-hours zone, else UTC. */
  async defaultTimeZone(workspaceId: string): Promise<string> {
    const [row] = await this.db
      .select({ value: settings.value })
      .from(settings)
      .where(and(eq(settings.workspaceId, workspaceId), eq(settings.section, 'workingHours')));
    const tz = (row?.value as { workspace?: { timezone?: string } } | undefined)?.workspace?.timezone;
    return tz && isTimeZone(tz) ? tz : 'UTC';
  }

  /** Fills in the zone and applies the viewer's scope (an agent's filter is always themselves). */
  async resolve(workspaceId: string, q: ReportQuery, viewer: ReportViewer): Promise<ResolvedQuery> {
    const tz = q.tz ?? (await this.defaultTimeZone(workspaceId));
    return { ...q, tz, agentId: viewer.role === 'agent' ? viewer.id : q.agentId };
  }

  async summary(workspaceId: string, q: ResolvedQuery): Promise<ReportSummary> {
    const prev = previousPeriod(q);
    const [current, previous] = await Promise.all([aggregate(this.db, workspaceId, q, 'none', this.opts), aggregate(this.db, workspaceId, prev, 'none', this.opts)]);
    return {
      query: q,
      current: withRates(current.find((r) => r.key === null)!.figures),
      previous: withRates(previous.find((r) => r.key === null)!.figures),
      previousRange: { from: prev.from, to: prev.to },
    };
  }

  /** Every bucket of the range (empty ones too) and the total, from the same statement. */
  async series(workspaceId: string, q: ResolvedQuery): Promise<{ query: ResolvedQuery; points: SeriesPoint[]; total: ReportFigures }> {
    const [rows, buckets] = await Promise.all([aggregate(this.db, workspaceId, q, 'bucket', this.opts), this.buckets(q)]);
    const byKey = new Map(rows.map((r) => [r.key, r.figures]));
    return {
      query: q,
      points: buckets.map((bucket) => ({ bucket, figures: withRates(byKey.get(bucket) ?? emptyFigures()) })),
      total: withRates(byKey.get(null)!),
    };
  }

  /** Per agent (credited rows), with concurrency and occupancy; plus the total. */
  async agents(workspaceId: string, q: ResolvedQuery): Promise<{ query: ResolvedQuery; agents: AgentRow[]; total: ReportFigures }> {
    const [rows, times] = await Promise.all([aggregate(this.db, workspaceId, q, 'agent', this.opts), agentTime(this.db, workspaceId, q)]);
    const ids = new Set<string>([...rows.map((r) => r.key).filter((k): k is string => k !== null), ...times.map((t) => t.agentId)]);
    const staff = ids.size
      ? await this.db
          .select({ id: users.id, name: users.name })
          .from(users)
          .where(and(eq(users.workspaceId, workspaceId), inArray(users.id, [...ids])))
      : [];
    const names = new Map(staff.map((s) => [s.id, s.name]));
    const timeOf = new Map(times.map((t) => [t.agentId, t]));
    const agents = [...ids]
      .filter((id) => names.has(id))
      .map((id) => {
        const t = timeOf.get(id);
        return {
          agentId: id,
          name: names.get(id)!,
          figures: withRates(rows.find((r) => r.key === id)?.figures ?? emptyFigures()),
          onlineSeconds: t?.onlineSeconds ?? 0,
          concurrency: t?.concurrency ?? null,
          occupancy: t?.occupancy ?? null,
        };
      })
      .sort((a, b) => a.name.localeCompare(b.name));
    return { query: q, agents, total: withRates(rows.find((r) => r.key === null)!.figures) };
  }

  /** Busiest hours: conversations (cycles started; handled, with an agent or group filter) by ISO weekday (1 = Monday) × hour, in the report's zone. */
  async heatmap(workspaceId: string, q: ResolvedQuery): Promise<{ query: ResolvedQuery; cells: { weekday: number; hour: number; conversations: number }[] }> {
    return { query: q, cells: await heatmapCells(this.db, workspaceId, q, await this.rangeInstants(q)) };
  }

  /** Bucket starts of the range, local wall-clock, in the same format as the aggregate's keys. */
  async buckets(q: ResolvedQuery): Promise<string[]> {
    const unit = sql.raw(`'${q.groupBy}'`);
    const step = sql.raw(`'1 ${q.groupBy}'`);
    const { rows } = await this.db.execute<{ b: string }>(sql`
      select to_char(g, 'YYYY-MM-DD"T"HH24:MI') as b
      from generate_series(date_trunc(${unit}, ${q.from}::date::timestamp), ${q.to}::date::timestamp - interval '1 microsecond', ${step}::interval) g`);
    return rows.map((r) => r.b);
  }

  /** Names for the filter bar: agents and skill groups of the workspace. */
  async dimensions(workspaceId: string): Promise<{ agents: { id: string; name: string }[]; groups: { id: string; name: string }[] }> {
    const [agents, groups] = await Promise.all([
      this.db.select({ id: users.id, name: users.name }).from(users).where(eq(users.workspaceId, workspaceId)).orderBy(users.name),
      this.db.select({ id: skillGroups.id, name: skillGroups.name }).from(skillGroups).where(eq(skillGroups.workspaceId, workspaceId)).orderBy(skillGroups.name),
    ]);
    return { agents, groups };
  }

  /** The range's instants (for callers that need them, e.g. exports' headers). */
  async rangeInstants(q: ResolvedQuery): Promise<{ from: Date; to: Date }> {
    const { rows } = await this.db.execute<{ f: Date; t: Date }>(sql`select ${dayStart(q.from, q.tz)} as f, ${dayStart(q.to, q.tz)} as t`);
    return { from: new Date(rows[0].f), to: new Date(rows[0].t) };
  }
}
