import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';

/** What the handshake knows about the visitor's device (header + optional widget hints). */
export interface DeviceHints {
  userAgent: string | null;
  language: string | null;
  /** The widget language the site chose; null = none (each handshake tells the current choice). */
  widgetLanguage?: string | null;
  timeZone: string | null;
  ip: string | null;
}

/** A new handshake this long after the previous one counts as a new visit. */
export const NEW_VISIT_MS = 30 * 60_000;

interface Pending {
  workspaceId: string;
  hints: DeviceHints;
  at: Date;
  done: { resolve: () => void; reject: (error: unknown) => void }[];
}

/**
 * Device records of visitor handshakes (user agent, language, time zone, IP, visit count), written in
 * batches: every handshake within `windowMs` (or up to `maxBatch`) shares one multi-row upsert and one
 * commit instead of a write (and a WAL flush) each. The window is short, so the row is there long before
 * an agent can look at the visitor (context panel) or ban their IP. Each caller's promise settles with
 * the write of its batch.
 */
export class DeviceRecorder {
  private pending = new Map<string, Pending>();
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly db: Db,
    private readonly windowMs = 20,
    private readonly maxBatch = 500,
  ) {}

  record(workspaceId: string, visitorId: string, hints: DeviceHints): Promise<void> {
    return new Promise((resolve, reject) => {
      const earlier = this.pending.get(visitorId);
      // Two handshakes of one visitor in a batch: one row (a row may be upserted only once per statement).
      const merged: DeviceHints = earlier
        ? { ...hints, language: hints.language ?? earlier.hints.language, timeZone: hints.timeZone ?? earlier.hints.timeZone }
        : hints;
      this.pending.set(visitorId, { workspaceId, hints: merged, at: new Date(), done: [...(earlier?.done ?? []), { resolve, reject }] });
      if (this.pending.size >= this.maxBatch) void this.flush();
      else this.timer ??= setTimeout(() => void this.flush(), this.windowMs);
    });
  }

  /** Writes what is pending now (also on shutdown). */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = [...this.pending];
    this.pending.clear();
    if (!batch.length) return;
    try {
      await this.write(batch);
      for (const [, p] of batch) for (const d of p.done) d.resolve();
    } catch (error) {
      for (const [, p] of batch) for (const d of p.done) d.reject(error);
    }
  }

  private async write(batch: [string, Pending][]): Promise<void> {
    const col = <T>(pick: (id: string, p: Pending) => T) => batch.map(([id, p]) => pick(id, p));
    const text = (values: (string | null | undefined)[]) => sql.param(values.map((v) => v ?? null));
    await this.db.execute(sql`
      insert into visitor_devices as d (visitor_id, workspace_id, user_agent, language, widget_language, time_zone, ip, updated_at)
      select * from unnest(${sql.param(col((id) => id))}::uuid[], ${sql.param(col((_, p) => p.workspaceId))}::uuid[],
        ${text(col((_, p) => p.hints.userAgent?.slice(0, 500)))}::text[], ${text(col((_, p) => p.hints.language?.slice(0, 35)))}::text[],
        ${text(col((_, p) => p.hints.widgetLanguage?.slice(0, 35)))}::text[],
        ${text(col((_, p) => p.hints.timeZone?.slice(0, 64)))}::text[], ${text(col((_, p) => p.hints.ip))}::text[],
        ${sql.param(col((_, p) => p.at.toISOString()))}::timestamptz[])
      on conflict (visitor_id) do update set
        user_agent = excluded.user_agent,
        language = coalesce(excluded.language, d.language),
        widget_language = excluded.widget_language,
        time_zone = coalesce(excluded.time_zone, d.time_zone),
        ip = excluded.ip,
        visits = d.visits + case when d.updated_at < excluded.updated_at - ${`${NEW_VISIT_MS / 1000} seconds`}::interval then 1 else 0 end,
        updated_at = greatest(d.updated_at, excluded.updated_at)`);
  }
}
