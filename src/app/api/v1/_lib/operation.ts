import 'zod-openapi';
import { z } from 'zod';
import type { ApiScope } from '../../../../domain/apitokens/scopes';
import { runIdempotent } from '../../../../domain/publicapi/idempotency';
import { AppError } from '../../../../lib/errors';
import { services } from '../../../../lib/services';
import { route, type Deprecation, type RouteContext } from '../../../../server/http/route';
import '../../../../server/http/tokens';

/**
 * One operation of the public API (F16): its path, scopes and the zod schemas that both parse the request
 * (through the route wrapper) and describe it in the OpenAPI document (src/server/http/openapi.ts). A route
 * file is `export const GET = v1(operation, handler)`: what is documented is what is parsed.
 */
export interface Operation<P extends z.ZodType | undefined = z.ZodType | undefined, Q extends z.ZodType | undefined = z.ZodType | undefined, B extends z.ZodType | undefined = z.ZodType | undefined, R extends z.ZodType = z.ZodType> {
  id: string;
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  /** OpenAPI form, below /api/v1: '/conversations/{id}'. */
  path: string;
  tag: string;
  summary: string;
  description?: string;
  scopes: ApiScope[];
  params?: P;
  query?: Q;
  body?: B;
  response: R;
  /** Success status (200 by default; 201 for creates). */
  status?: 200 | 201;
  /** A creating POST: honours `Idempotency-Key`. */
  idempotent?: boolean;
  deprecation?: Deprecation;
}

export const OPERATIONS: Operation[] = [];

/** Declares an operation (and lists it for the OpenAPI document). */
export function operation<P extends z.ZodType | undefined = undefined, Q extends z.ZodType | undefined = undefined, B extends z.ZodType | undefined = undefined, R extends z.ZodType = z.ZodType>(
  op: Operation<P, Q, B, R>,
): Operation<P, Q, B, R> {
  OPERATIONS.push(op as unknown as Operation);
  return op;
}

type Infer<T> = T extends z.ZodType ? z.output<T> : undefined;
export type TokenContext<P, Q, B> = RouteContext<P, Q, B> & { workspaceId: string; tokenId: string };

/** The route handler of an operation: token auth with its scopes, problem+json errors, idempotency. */
export function v1<P extends z.ZodType | undefined, Q extends z.ZodType | undefined, B extends z.ZodType | undefined, R extends z.ZodType>(
  op: Operation<P, Q, B, R>,
  handler: (ctx: TokenContext<Infer<P>, Infer<Q>, Infer<B>>) => Promise<z.input<R> | Answer<z.input<R>>>,
) {
  const status = op.status ?? 200;
  return route({ auth: { scopes: op.scopes }, params: op.params, query: op.query, body: op.body, format: 'problem', deprecation: op.deprecation }, async (ctx) => {
    const principal = ctx.principal;
    if (principal?.kind !== 'token') throw new AppError('unauthorized', 'An API token is required (Authorization: Bearer …)');
    const run = async () => {
      const result = await handler({ ...ctx, workspaceId: principal.workspaceId, tokenId: principal.tokenId });
      return isAnswer(result) ? { status: result[ANSWER], body: result.body as unknown } : { status, body: result as unknown };
    };
    const key = op.idempotent ? ctx.req.headers.get('idempotency-key') : null;
    if (!key) {
      const answer = await run();
      return answer.status === 204 ? new Response(null, { status: 204 }) : Response.json(answer.body, { status: answer.status });
    }
    const path = new URL(ctx.req.url).pathname;
    const answer = await runIdempotent(services().db, principal, key, { method: ctx.req.method, path, body: JSON.stringify(ctx.body ?? null) }, run);
    return Response.json(answer.body, { status: answer.status, headers: answer.replayed ? { 'idempotent-replayed': 'true' } : {} });
  });
}

const ANSWER = Symbol('answer');
/** A handler's answer with a status other than the operation's default (e.g. 200 instead of 201 for an update). */
export interface Answer<T> {
  [ANSWER]: number;
  body: T;
}
export function answer<T>(status: number, body: T): Answer<T> {
  return { [ANSWER]: status, body };
}
function isAnswer(value: unknown): value is Answer<unknown> {
  return typeof value === 'object' && value !== null && ANSWER in value;
}
