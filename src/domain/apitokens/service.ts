import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client';
import { apiTokens, settingsAudit, type ApiTokenRow } from '../../db/schema';
import { AppError, badRequestFromZod } from '../../lib/errors';
import { displayPrefixOf, generateToken, hashToken, isWellFormedToken } from './format';
import { API_SCOPES, type ApiScope } from './scopes';

/** What the console and the audit log see of a token: never the token or its hash. */
export interface ApiTokenView {
  id: string;
  name: string;
  displayPrefix: string;
  scopes: ApiScope[];
  expiresAt: string | null;
  revokedAt: string | null;
  createdAt: string;
  createdBy: string | null;
  lastUsedAt: string | null;
  lastUsedIp: string | null;
  /** active | expired | revoked */
  state: 'active' | 'expired' | 'revoked';
}

export const CreateTokenInput = z.object({
  name: z.string().trim().min(1, 'Give the token a name').max(80, 'Keep the name under 80 characters'),
  scopes: z.array(z.enum(API_SCOPES, { message: 'Unknown scope' })).min(1, 'Choose at least one scope').max(API_SCOPES.length),
  /** ISO date-time; absent or null: never expires. */
  expiresAt: z.iso.datetime({ offset: true, message: 'Expiry must be a date and time' }).nullish(),
});
export type CreateTokenInput = z.input<typeof CreateTokenInput>;

/** The caller a token stands for, as the HTTP boundary needs it. */
export interface TokenIdentity {
  tokenId: string;
  workspaceId: string;
  scopes: readonly ApiScope[];
}

/** The audit log's section name for token events (shown in Settings > Audit). */
export const API_TOKENS_AUDIT_SECTION = 'api_tokens';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function toView(row: ApiTokenRow, now = Date.now()): ApiTokenView {
  const state = row.revokedAt ? 'revoked' : row.expiresAt && row.expiresAt.getTime() <= now ? 'expired' : 'active';
  return {
    id: row.id,
    name: row.name,
    displayPrefix: row.displayPrefix,
    scopes: row.scopes as ApiScope[],
    expiresAt: iso(row.expiresAt),
    revokedAt: iso(row.revokedAt),
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdBy,
    lastUsedAt: iso(row.lastUsedAt),
    lastUsedIp: row.lastUsedIp,
    state,
  };
}

interface CachedToken {
  row: Pick<ApiTokenRow, 'id' | 'workspaceId' | 'scopes' | 'expiresAt' | 'revokedAt' | 'lastUsedAt' | 'lastUsedIp'> | null;
  at: number;
}

/**
 * Workspace API tokens (F16): created by admins (shown once), listed without their secret, revoked at once.
 * A token is found by the SHA-256 of what the caller sends. Each node keeps what it read for at most
 * `cacheMs` (1 s): a revoked token is refused on every node within that time, without a shared cache to
 * invalidate. Creating and revoking are audit-logged.
 */
export class ApiTokenService {
  private readonly cache = new Map<string, CachedToken>();

  constructor(
    private readonly db: Db,
    private readonly options: { cacheMs?: number; lastUsedEveryMs?: number } = {},
  ) {}

  async create(workspaceId: string, actorUserId: string | null, raw: unknown): Promise<{ token: string; view: ApiTokenView }> {
    const parsed = CreateTokenInput.safeParse(raw);
    if (!parsed.success) throw badRequestFromZod(parsed.error, 'token');
    const input = parsed.data;
    const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
    if (expiresAt && expiresAt.getTime() <= Date.now()) throw new AppError('bad_request', 'The expiry must be in the future', [{ path: 'expiresAt', message: 'The expiry must be in the future' }]);
    const token = generateToken();
    const scopes = [...new Set(input.scopes)];
    const row = await this.db.transaction(async (tx) => {
      const [created] = await tx
        .insert(apiTokens)
        .values({ workspaceId, name: input.name, tokenHash: hashToken(token), displayPrefix: displayPrefixOf(token), scopes, expiresAt, createdBy: actorUserId })
        .returning();
      await tx.insert(settingsAudit).values({
        workspaceId,
        section: API_TOKENS_AUDIT_SECTION,
        version: 1,
        userId: actorUserId,
        before: null,
        after: { event: 'created', token: created.displayPrefix, name: created.name, scopes, expiresAt: iso(expiresAt) },
      });
      return created;
    });
    return { token, view: toView(row) };
  }

  async list(workspaceId: string): Promise<ApiTokenView[]> {
    const rows = await this.db.select().from(apiTokens).where(eq(apiTokens.workspaceId, workspaceId)).orderBy(desc(apiTokens.createdAt), desc(apiTokens.id));
    const now = Date.now();
    return rows.map((r) => toView(r, now));
  }

  /** Revokes at once (every node refuses it within `cacheMs`). Revoking a revoked token changes nothing. */
  async revoke(workspaceId: string, actorUserId: string | null, tokenId: string): Promise<ApiTokenView> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx
        .update(apiTokens)
        .set({ revokedAt: new Date() })
        .where(and(eq(apiTokens.workspaceId, workspaceId), eq(apiTokens.id, tokenId), isNull(apiTokens.revokedAt)))
        .returning();
      if (!row) {
        const [existing] = await tx.select().from(apiTokens).where(and(eq(apiTokens.workspaceId, workspaceId), eq(apiTokens.id, tokenId)));
        if (!existing) throw new AppError('not_found', 'Token not found');
        return toView(existing);
      }
      await tx.insert(settingsAudit).values({
        workspaceId,
        section: API_TOKENS_AUDIT_SECTION,
        version: 1,
        userId: actorUserId,
        before: { event: 'active', token: row.displayPrefix, name: row.name, scopes: row.scopes },
        after: { event: 'revoked', token: row.displayPrefix, name: row.name, scopes: row.scopes },
      });
      this.cache.clear();
      return toView(row);
    });
  }

  /**
   * The identity of a presented token, or null (malformed, unknown, revoked, expired). Records the last use
   * (time and address) at most once a minute per token and node.
   */
  async authenticate(token: string, ip: string | null): Promise<TokenIdentity | null> {
    if (!isWellFormedToken(token)) return null;
    const hash = hashToken(token);
    const now = Date.now();
    let cached = this.cache.get(hash);
    if (!cached || now - cached.at > (this.options.cacheMs ?? 1000)) {
      const [row] = await this.db
        .select({ id: apiTokens.id, workspaceId: apiTokens.workspaceId, scopes: apiTokens.scopes, expiresAt: apiTokens.expiresAt, revokedAt: apiTokens.revokedAt, lastUsedAt: apiTokens.lastUsedAt, lastUsedIp: apiTokens.lastUsedIp })
        .from(apiTokens)
        .where(eq(apiTokens.tokenHash, hash));
      cached = { row: row ?? null, at: now };
      if (this.cache.size > 10_000) this.cache.clear();
      this.cache.set(hash, cached);
    }
    const row = cached.row;
    if (!row || row.revokedAt || (row.expiresAt && row.expiresAt.getTime() <= now)) return null;
    const every = this.options.lastUsedEveryMs ?? 60_000;
    if (!row.lastUsedAt || now - row.lastUsedAt.getTime() >= every || (ip && ip !== row.lastUsedIp)) {
      row.lastUsedAt = new Date(now);
      row.lastUsedIp = ip ?? row.lastUsedIp;
      await this.db
        .update(apiTokens)
        .set({ lastUsedAt: sql`now()`, ...(ip ? { lastUsedIp: ip } : {}) })
        .where(eq(apiTokens.id, row.id));
    }
    return { tokenId: row.id, workspaceId: row.workspaceId, scopes: row.scopes as ApiScope[] };
  }
}
