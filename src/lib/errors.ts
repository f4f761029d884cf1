import type { ZodError } from 'zod';

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
  /** An upload over the attachment size limit (F11). */
  | 'too_large'
  /** An upload whose content is not an allowed file type (F11). */
  | 'unsupported_type'
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
  too_large: 413,
  unsupported_type: 415,
  internal: 500,
};
