import { z } from 'zod';
import type { Role } from '../../db/schema';
import type { SessionUser } from '../../domain/accounts/service';
import { errorToResponse, getSessionUser, okResponse, readJson } from '../../lib/auth';
import { AppError, badRequestFromZod, HTTP_STATUS, isAppError, toErrorBody } from '../../lib/errors';
import { NUL_MESSAGE, nulPaths } from '../../lib/input';
import type { RateLimitState } from '../../lib/rate-limits';
import { services } from '../web';

/**
 * The one HTTP boundary (issue 20 item 3): every route handler under src/app/api is
 * `route({ auth, params, query, body }, handler)`. In one place: authentication (session cookie or API token),
 * role / scope check, rate limit, zod parsing of params, query and body (400 with field errors; NUL characters
 * refused before anything reaches PostgreSQL), error mapping by code, and the response format: the console's
 * `{ ok, ...data }` envelope, or RFC 9457 problem+json for the public API (`format: 'problem'`).
 * Handlers get typed, parsed input and a principal; domain methods never see `unknown`.
 */

/** Who is calling: a signed-in staff member, or a workspace API token (issue 24). */
export type Principal =
  | { kind: 'user'; workspaceId: string; user: SessionUser }
  | { kind: 'token'; workspaceId: string; tokenId: string; scopes: readonly string[]; rateLimit?: RateLimitState };

/** Who may call: anyone; signed-in staff with one of these roles; and/or API tokens with every one of these scopes. */
export type RouteAuth = 'public' | { roles?: readonly Role[]; scopes?: readonly string[] };

/**
 * Resolves `Authorization: Bearer …` to a token principal (null: no or unknown token → 401). Registered by the
 * API-token module (src/server/http/tokens.ts) so this wrapper does not depend on it.
 */
export type TokenAuthenticator = (req: Request, scopes: readonly string[]) => Promise<Extract<Principal, { kind: 'token' }> | null>;
let tokenAuthenticator: TokenAuthenticator | null = null;
export function setTokenAuthenticator(authenticate: TokenAuthenticator | null): void {
  tokenAuthenticator = authenticate;
}

export interface RouteSpec<P extends z.ZodType | undefined, Q extends z.ZodType | undefined, B extends z.ZodType | undefined, A extends RouteAuth = RouteAuth> {
  auth: A;
  params?: P;
  query?: Q;
  body?: B;
  /** `envelope` (default): `{ ok: true, ...data }` / `{ ok: false, error }`; `problem`: data as is / problem+json. */
  format?: 'envelope' | 'problem';
  /** Extra limit for public routes (sign-up, email events …); staff are limited per user, tokens per token. */
  rateLimit?: (req: Request) => Promise<void>;
  /**
   * A route being retired (RFC 9745 `Deprecation`, RFC 8594 `Sunset`): every answer carries the headers, and
   * `link` (the successor or the migration guide) as `Link: <…>; rel="deprecation"`.
   */
  deprecation?: Deprecation;
}

export interface Deprecation {
  /** When it was deprecated. */
  since: Date;
  /** When it stops answering. */
  sunset?: Date;
  link?: string;
}

/** `Deprecation`/`Sunset`/`Link` headers of a retiring route (also usable on a hand-made Response). */
export function deprecationHeaders(d: Deprecation): Record<string, string> {
  const headers: Record<string, string> = { deprecation: `@${Math.floor(d.since.getTime() / 1000)}` };
  if (d.sunset) headers.sunset = d.sunset.toUTCString();
  if (d.link) headers.link = `<${d.link}>; rel="deprecation"; type="text/html"`;
  return headers;
}

/** IETF RateLimit header fields (draft-ietf-httpapi-ratelimit-headers): what is left of the caller's window. */
export function rateLimitHeaders(state: RateLimitState): Record<string, string> {
  return {
    'ratelimit-limit': String(state.limit),
    'ratelimit-remaining': String(state.remaining),
    'ratelimit-reset': String(state.resetSeconds),
    'ratelimit-policy': `${state.limit};w=${state.windowSeconds}`,
  };
}

function rateStateOf(error: unknown): RateLimitState | null {
  if (!isAppError(error) || error.code !== 'rate_limited') return null;
  const d = error.details as Partial<RateLimitState> | undefined;
  return d && typeof d.limit === 'number' && typeof d.resetSeconds === 'number' && typeof d.windowSeconds === 'number'
    ? { limit: d.limit, remaining: 0, resetSeconds: d.resetSeconds, windowSeconds: d.windowSeconds }
    : null;
}

function withHeaders(res: Response, headers: Record<string, string>): Response {
  for (const [k, v] of Object.entries(headers)) {
    try {
      res.headers.set(k, v);
    } catch {
      // Immutable headers (a Response.redirect or a fetched one): copy it.
      const copy = new Response(res.body, res);
      for (const [k2, v2] of Object.entries(headers)) copy.headers.set(k2, v2);
      return copy;
    }
  }
  return res;
}

type Infer<T> = T extends z.ZodType ? z.output<T> : undefined;

export interface RouteContext<P, Q, B> {
  req: Request;
  /** Null only on public routes. */
  principal: Principal | null;
  params: P;
  query: Q;
  body: B;
}

/** Staff-only routes (roles, no scopes) also get the signed-in `user` directly. */
export type StaffContext<A> = A extends { roles: readonly Role[]; scopes?: undefined } ? { user: SessionUser } : { user?: undefined };

type NextContext = { params?: Promise<Record<string, string | string[]>> };
type HandlerResult = Response | Record<string, unknown> | unknown[];

/** Parses input a route reads itself (multipart forms, raw uploads) like the wrapper does: NUL refused, 400 with field errors. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown, what: string): z.output<T> {
  return parse(schema, input, what) as z.output<T>;
}

function parse<T extends z.ZodType | undefined>(schema: T, input: unknown, what: string): Infer<T> {
  if (!schema) return undefined as Infer<T>;
  const nul = nulPaths(input);
  if (nul.length) throw new AppError('bad_request', `Invalid ${what}: text may not contain NUL characters`, nul.map((path) => ({ path, message: NUL_MESSAGE })));
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw badRequestFromZod(parsed.error, what);
  return parsed.data as Infer<T>;
}

/** Query string → object: empty values dropped, a repeated key becomes an array. */
export function queryObject(url: URL): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of url.searchParams) {
    if (value === '') continue;
    const seen = out[key];
    out[key] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
  }
  return out;
}

async function authenticate(req: Request, auth: RouteAuth): Promise<Principal | null> {
  if (auth === 'public') return null;
  const bearer = req.headers.get('authorization')?.match(/^Bearer\s+(\S+)$/i);
  if (bearer && auth.scopes) {
    const principal = tokenAuthenticator ? await tokenAuthenticator(req, auth.scopes) : null;
    if (!principal) throw new AppError('unauthorized', 'The API token is missing, unknown, expired or revoked');
    const missing = auth.scopes.filter((s) => !principal.scopes.includes(s));
    if (missing.length) throw new AppError('forbidden', `This token lacks the scope${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`);
    return principal;
  }
  if (!auth.roles) throw new AppError('unauthorized', 'An API token is required (Authorization: Bearer …)');
  const user = await getSessionUser();
  if (!user) throw new AppError('unauthorized', 'Sign in first');
  if (!auth.roles.includes(user.role)) throw new AppError('forbidden', 'Your role may not do this');
  // Per signed-in user, across every web node (429 + Retry-After).
  await services().limits.hit('admin', user.id);
  return { kind: 'user', workspaceId: user.workspaceId, user };
}

/** RFC 9457 problem+json with the product's error code; unexpected errors logged once, never leaked. */
export function problemResponse(error: unknown, instance?: string): Response {
  if (!isAppError(error)) void import('../../lib/logger').then(({ logger }) => logger.error({ err: error }, 'route handler failed')).catch(() => {});
  const body = toErrorBody(error);
  const status = HTTP_STATUS[body.code];
  const headers: Record<string, string> = { 'content-type': 'application/problem+json' };
  if (isAppError(error) && error.retryAfterSeconds !== undefined) headers['retry-after'] = String(Math.max(1, Math.ceil(error.retryAfterSeconds)));
  const problem = {
    type: 'about:blank',
    title: body.code.replace(/_/g, ' '),
    status,
    detail: body.message,
    code: body.code,
    ...(body.details ? { errors: body.details } : {}),
    ...(instance ? { instance } : {}),
  };
  return new Response(JSON.stringify(problem), { status, headers });
}

export function route<
  P extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
  const A extends RouteAuth = RouteAuth,
>(
  spec: RouteSpec<P, Q, B, A>,
  handler: (ctx: RouteContext<Infer<P>, Infer<Q>, Infer<B>> & StaffContext<A>) => Promise<HandlerResult>,
): RouteHandler {
  const problem = spec.format === 'problem';
  const extra = spec.deprecation ? deprecationHeaders(spec.deprecation) : {};
  // Both optional: handlers without input (health, metrics) may be called as GET() in tests.
  const handle = async (req = new Request('http://localhost/'), ctx?: NextContext): Promise<Response> => {
    let principal: Principal | null = null;
    const finish = (res: Response): Response => {
      const rate = principal?.kind === 'token' ? principal.rateLimit : undefined;
      return rate || spec.deprecation ? withHeaders(res, { ...extra, ...(rate ? rateLimitHeaders(rate) : {}) }) : res;
    };
    try {
      if (spec.rateLimit) await spec.rateLimit(req);
      principal = await authenticate(req, spec.auth);
      // A path id that fails its schema names nothing: 404, not 400.
      const rawParams = (await ctx?.params) ?? {};
      let params: Infer<P>;
      try {
        params = parse(spec.params as P, rawParams, 'path');
      } catch (error) {
        if (isAppError(error) && error.code === 'bad_request') throw new AppError('not_found', 'Not found');
        throw error;
      }
      const query = spec.query ? parse(spec.query as Q, queryObject(new URL(req.url)), 'query') : (undefined as Infer<Q>);
      const body = spec.body ? parse(spec.body as B, await readJson(req), 'body') : (undefined as Infer<B>);
      const user = principal?.kind === 'user' ? principal.user : undefined;
      const result = await handler({ req, principal, params, query, body, user } as RouteContext<Infer<P>, Infer<Q>, Infer<B>> & StaffContext<A>);
      if (result instanceof Response) return finish(result);
      if (problem) return finish(Response.json(result));
      return finish(Array.isArray(result) ? okResponse({ items: result }) : okResponse(result as Record<string, unknown>));
    } catch (error) {
      const res = problem ? problemResponse(error, new URL(req.url).pathname) : errorToResponse(error);
      const refused = rateStateOf(error);
      return finish(refused ? withHeaders(res, rateLimitHeaders(refused)) : res);
    }
  };
  return Object.assign(handle, { spec: spec as RouteSpec<z.ZodType | undefined, z.ZodType | undefined, z.ZodType | undefined> });
}

/** A wrapped handler; `spec` is kept for tooling (the route fuzz test derives its inputs from the schemas). */
export type RouteHandler = ((req?: Request, ctx?: NextContext) => Promise<Response>) & { spec: RouteSpec<z.ZodType | undefined, z.ZodType | undefined, z.ZodType | undefined> };

/** The signed-in user of a staff-only route (roles without scopes): the principal is always a user there. */
export function staffUser(principal: Principal | null): SessionUser {
  if (principal?.kind !== 'user') throw new AppError('forbidden', 'Only signed-in staff may do this');
  return principal.user;
}

/** Common path and query pieces. */
export const Params = {
  id: z.object({ id: z.uuid() }),
};
