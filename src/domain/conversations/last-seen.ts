import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';

/**
 * Deferred `visitors.last_seen_at`: a reconnecting visitor is marked here, and one UPDATE per flush
 * interval writes every visitor seen meanwhile. A reconnect storm then costs no synchronous write (and
 * no WAL flush) per handshake. The timestamp is the handshake's, so a late flush never moves it back.
 */
export class LastSeenBatcher {
  private pending = new Map<string, { workspaceId: string; at: Date }>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Db,
    private readonly flushMs = 1_000,
  ) {}

  touch(workspaceId: string, visitorId: string): void {
    this.pending.set(visitorId, { workspaceId, at: new Date() });
    this.schedule();
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => void this.flush(), this.flushMs);
    this.timer.unref?.();
  }

  /** Writes everything marked so far (also called on shutdown). */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = [...this.pending];
    this.pending.clear();
    if (!batch.length) return this.flushing;
    this.flushing = this.flushing.then(() => this.write(batch)).catch(() => {
      // The database is away: keep the newest marks for the next flush rather than failing a handshake.
      for (const [id, mark] of batch) if (!this.pending.has(id)) this.pending.set(id, mark);
      this.schedule();
    });
    return this.flushing;
  }

  private async write(batch: [string, { workspaceId: string; at: Date }][]): Promise<void> {
    const ids = batch.map(([id]) => id);
    const workspaces = batch.map(([, m]) => m.workspaceId);
    const times = batch.map(([, m]) => m.at.toISOString());
    await this.db.execute(sql`
      update visitors v set last_seen_at = greatest(v.last_seen_at, t.at)
      from unnest(${sql.param(ids)}::uuid[], ${sql.param(workspaces)}::uuid[], ${sql.param(times)}::timestamptz[]) as t(id, workspace_id, at)
      where v.id = t.id and v.workspace_id = t.workspace_id`);
  }
}
