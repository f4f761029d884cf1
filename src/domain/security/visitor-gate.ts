import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { listenChannel, type ChannelListener } from '../../lib/pg-listen';
import { BANNED_NOTICE } from '../bans/service';

/** Channel of migration 0012: token revocations, deleted visitors and ban changes, notified at commit. */
export const VISITOR_GATE_CHANNEL = 'lc_visitor_gate';
/** Cached answers are re-read after this long even without a notification (belt and braces). */
const TTL_MS = 5 * 60_000;
/** Bound on cached entries per map (oldest dropped first): ~100 bytes each. */
const MAX_ENTRIES = 200_000;

export interface GateAnswer {
  /** `next(new Error(...))` text for a banned visitor or device, else null. */
  refusal: string | null;
  /** The visitor's current token version; null when the visitor is unknown (or none was given). */
  tokenVersion: number | null;
}

/**
 * The two checks of every visitor handshake — token version (revocation) and bans (by visitor id and IP) —
 * answered from a per-node cache, so a reconnect storm costs no database read per handshake. Correctness
 * rests on invalidation, not on the TTL: migration 0012's triggers notify `lc_visitor_gate` at the commit of
 * any revocation or ban change, whichever process makes it, and every node drops the affected entries when
 * the notification arrives (well before the next handshake reaches it). Only "not banned" is cached (bans are
 * rare; lifting one needs no invalidation). While the LISTEN connection is down nothing is served from the
 * cache, and it is emptied when the connection is back (notifications may have been missed).
 */
export class VisitorGate {
  private readonly versions = new Map<string, { tv: number; at: number }>();
  private readonly notBanned = new Map<string, { gen: number; at: number }>();
  /** Per workspace, bumped by every ban change: older "not banned" entries no longer count. */
  private readonly banGen = new Map<string, number>();
  /** Bumped by every revocation: a read that overlapped one is not cached. */
  private revocations = 0;
  private listener: ChannelListener | null = null;

  constructor(private readonly db: Db) {}

  /** Starts listening (realtime nodes); without it the gate never serves from its cache. */
  listen(): this {
    this.listener = listenChannel(this.db.$client, VISITOR_GATE_CHANNEL, {
      onNotify: (payload) => this.invalidate(payload),
      onListening: () => this.clear(),
      onLost: () => this.clear(),
    });
    return this;
  }

  /** Whether answers may come from the cache (the invalidation channel is up). */
  get listening(): boolean {
    return this.listener?.listening ?? false;
  }

  async check(workspaceId: string, visitorId: string | null, ip: string | null): Promise<GateAnswer> {
    const now = Date.now();
    const gen = this.banGen.get(workspaceId) ?? 0;
    if (this.listening) {
      const tv = visitorId ? this.fresh(this.versions.get(`${workspaceId}:${visitorId}`), now)?.tv : null;
      const clear = this.banKeys(workspaceId, visitorId, ip).every((k) => {
        const hit = this.fresh(this.notBanned.get(k), now);
        return hit && hit.gen === gen;
      });
      if (clear && tv !== undefined) return { refusal: null, tokenVersion: tv };
    }
    const revocations = this.revocations;
    const rows = await this.db.execute<{ tv: number | null; banned: boolean }>(sql`
      select (select token_version from visitors where workspace_id = ${workspaceId} and id = ${visitorId}) as tv,
        exists(select 1 from visitor_bans b where b.workspace_id = ${workspaceId} and ((b.ip is null and b.visitor_id = ${visitorId}) or b.ip = ${ip})
          and b.lifted_at is null and (b.expires_at is null or b.expires_at > now())) as banned`);
    const { tv, banned } = rows.rows[0];
    // A notification that arrived while this read was in flight may concern it: answer, but do not cache.
    if (revocations === this.revocations && visitorId && tv !== null) this.remember(workspaceId, visitorId, tv);
    if (!banned && gen === (this.banGen.get(workspaceId) ?? 0)) for (const k of this.banKeys(workspaceId, visitorId, ip)) this.put(this.notBanned, k, { gen, at: now });
    return { refusal: banned ? `forbidden: ${BANNED_NOTICE}` : null, tokenVersion: tv };
  }

  /** A visitor just created (token version 0, no ban can name them yet): their first reconnect needs no read. */
  remember(workspaceId: string, visitorId: string, tokenVersion = 0): void {
    const at = Date.now();
    this.put(this.versions, `${workspaceId}:${visitorId}`, { tv: tokenVersion, at });
    this.put(this.notBanned, `${workspaceId}|v:${visitorId}`, { gen: this.banGen.get(workspaceId) ?? 0, at });
  }

  /** Applies one notification of `lc_visitor_gate` (see migration 0012). */
  invalidate(payload: string): void {
    const [kind, workspaceId, visitorId] = payload.split(' ');
    if (kind === 'tv') {
      this.revocations++;
      this.versions.delete(`${workspaceId}:${visitorId}`);
    } else if (kind === 'ban') {
      this.banGen.set(workspaceId, (this.banGen.get(workspaceId) ?? 0) + 1);
    } else {
      this.clear();
    }
  }

  async close(): Promise<void> {
    await this.listener?.close();
  }

  private clear(): void {
    this.revocations++;
    this.versions.clear();
    this.notBanned.clear();
  }

  private banKeys(workspaceId: string, visitorId: string | null, ip: string | null): string[] {
    const keys: string[] = [];
    if (visitorId) keys.push(`${workspaceId}|v:${visitorId}`);
    if (ip) keys.push(`${workspaceId}|ip:${ip}`);
    return keys;
  }

  private fresh<T extends { at: number }>(entry: T | undefined, now: number): T | undefined {
    return entry && now - entry.at < TTL_MS ? entry : undefined;
  }

  private put<T>(map: Map<string, T>, key: string, value: T): void {
    map.delete(key);
    map.set(key, value);
    if (map.size > MAX_ENTRIES) map.delete(map.keys().next().value!);
  }
}
