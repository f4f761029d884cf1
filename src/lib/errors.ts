import type { ZodError } from 'zod';
import { isUnavailableError } from './dependencies';
// Every process that maps errors also gets zod's human messages (src/lib/validation/messages.ts).
import './validation/messages';

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
  /** Too big: a socket payload over the per-event size limit, or an upload over the attachment limit (F11). */
  | 'payload_too_large'
  /** An upload whose content is not an allowed file type (F11). */
  | 'unsupported_type'
  | 'internal';

export const HTTP_STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  invalid_state: 409,
  blocked: 422,
  payload_too_large: 413,
  unsupported_type: 415,
  unavailable: 503,
  internal: 500,
};

/**
 * Marks app errors by a registry-wide symbol, not by class identity: Next.js bundles route handlers and
 * server components into separate chunks, so one module may be loaded twice and `instanceof` would fail
 * for an error thrown by the other copy (defect: refused webhook targets answered 500).
 */
const APP_ERROR = Symbol.for('livechat.app_error');

export class AppError extends Error {
  readonly [APP_ERROR] = true;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    /** For `rate_limited`: seconds until the caller may retry (HTTP Retry-After). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** Any object thrown as an app error, from whichever copy of this module created it. */
export function isAppError(error: unknown): error is AppError {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { [APP_ERROR]?: unknown; name?: unknown; code?: unknown; message?: unknown };
  const branded = e[APP_ERROR] === true || e.name === 'AppError';
  return branded && typeof e.code === 'string' && Object.hasOwn(HTTP_STATUS, e.code) && typeof e.message === 'string';
}

/** True when `error` is an app error with this code (whatever module instance created it). */
export function hasErrorCode(error: unknown, code: ErrorCode): boolean {
  return isAppError(error) && error.code === code;
}

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

export function zodDetails(error: ZodError): { path: string; message: string }[] {
  return error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

/** "rules.0.maxLength" → "Max length": the last named key of a path, in words. */
function fieldWords(path: string): string {
  const key = path.split('.').reverse().find((k) => k && !/^\d+$/.test(k));
  if (!key) return '';
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A refused input: the message names the field in words and says what to do (details keep every path). */
export function badRequestFromZod(error: ZodError, what = 'payload'): AppError {
  const issues = zodDetails(error);
  const first = issues[0];
  const field = first ? fieldWords(first.path) : '';
  const message = !first ? `The ${what} could not be read.` : field ? `${field}: ${first.message}` : first.message;
  return new AppError('bad_request', message, issues);
}

export function toErrorBody(error: unknown): ErrorBody {
  if (isAppError(error)) return { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) };
  if (isUnavailableError(error)) return { code: 'unavailable', message: 'Temporarily unavailable, please retry' };
  return { code: 'internal', message: 'Internal error' };
}
