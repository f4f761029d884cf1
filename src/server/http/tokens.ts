import { ApiTokenService } from '../../domain/apitokens/service';
import { requestIp } from '../../lib/client-ip';
import { env } from '../../lib/env';
import type { RateLimitState } from '../../lib/rate-limits';
import { services } from '../../server/web';
import { setTokenAuthenticator, type TokenAuthenticator } from './route';

/**
 * The API-token authenticator of the route wrapper (issue 24): `Authorization: Bearer lc_live_…` → the
 * workspace, token and scopes, counted against the per-token and per-workspace limits (the tighter of the two
 * is reported in the `RateLimit-*` headers; a refusal is 429 with `Retry-After`). Importing this module
 * registers it; every /api/v1 route imports it through `v1()`.
 */
const holder = globalThis as unknown as { __livechatApiTokens?: { db: unknown; service: ApiTokenService } };

/** The web process's token service (one per database connection: tests rebuild services). */
export function apiTokens(): ApiTokenService {
  const { db } = services();
  if (holder.__livechatApiTokens?.db !== db) holder.__livechatApiTokens = { db, service: new ApiTokenService(db) };
  return holder.__livechatApiTokens.service;
}

export const authenticateToken: TokenAuthenticator = async (req) => {
  const bearer = req.headers.get('authorization')?.match(/^Bearer\s+(\S+)$/i);
  if (!bearer) return null;
  const ip = requestIp(req.headers, env().TRUSTED_PROXIES);
  const identity = await apiTokens().authenticate(bearer[1], ip === 'unknown' ? null : ip);
  if (!identity) return null;
  const { limits } = services();
  const [byToken, byWorkspace] = await Promise.all([limits.take('api_token', identity.tokenId), limits.take('api_workspace', identity.workspaceId)]);
  const rateLimit: RateLimitState = byWorkspace.remaining < byToken.remaining ? byWorkspace : byToken;
  return { kind: 'token', workspaceId: identity.workspaceId, tokenId: identity.tokenId, scopes: identity.scopes, rateLimit };
};

setTokenAuthenticator(authenticateToken);
