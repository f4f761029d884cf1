import 'zod-openapi';
import { z } from 'zod';
import type { ApiScope } from '../../../../domain/apitokens/scopes';
import type { Deprecation } from '../../../../server/http/route';

/**
 * One operation of the public API (F16): its path, scopes and the zod schemas that both parse the request
 * (through the route wrapper, `v1()` in v1.ts) and describe it in the OpenAPI document
 * (src/server/http/openapi.ts). A route file is `export const GET = v1(operation, handler)`: what is documented
 * is what is parsed. This module has no server dependencies, so the document builds anywhere.
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

