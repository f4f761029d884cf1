import type { ZodError } from 'zod';
import { isUnavailableError } from './dependencies';

/** Error codes shared by HTTP route handlers and socket acks. */
export type ErrorCode =
  | 'bad_request'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'rate_limited'
  | 'invalid_state'
  /** A message refused by the sensitive-word list (F6). */
  | 'blocked'
  /** A dependency (PostgreSQL, Redis) is down: nothing was stored, retry later (same clientMsgId). */
  | 'unavailable'
  | 'internal';

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

export function zodDetails(error: ZodError): { path: string; message: string }[] {
  return error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

export function badRequestFromZod(error: ZodError, what = 'payload'): AppError {
  const issues = zodDetails(error);
  const first = issues[0];
  return new AppError('bad_request', `Invalid ${what}: ${first ? `${first.path || '(root)'}: ${first.message}` : 'malformed'}`, issues);
}

export function toErrorBody(error: unknown): ErrorBody {
  if (error instanceof AppError) return { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) };
  if (isUnavailableError(error)) return { code: 'unavailable', message: 'Temporarily unavailable, please retry' };
  return { code: 'internal', message: 'Internal error' };
}

export const HTTP_STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  invalid_state: 409,
  blocked: 422,
  unavailable: 503,
  internal: 500,
};
