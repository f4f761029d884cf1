import type { z } from 'zod';
import { runIdempotent } from '../../../../domain/publicapi/idempotency';
import { AppError } from '../../../../lib/errors';
import { services } from '../../../../server/web';
import { route, type RouteContext } from '../../../../server/http/route';
import '../../../../server/http/tokens';
import type { Operation } from './operation';

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
