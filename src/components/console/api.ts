'use client';

// Client-side parses (e.g. the submission form preview) use the same human messages as the server.
import '../../lib/validation/messages';

/** Client-side calls to the console's route handlers, which answer `{ ok: true, ... }` or `{ ok: false, error }`. */
export interface ApiError {
  code: string;
  message: string;
  details?: unknown;
}

export type ApiResult<T> = ({ ok: true } & T) | { ok: false; error: ApiError };

export async function api<T = Record<string, unknown>>(method: string, url: string, body?: unknown): Promise<ApiResult<T>> {
  try {
    const res = await fetch(url, {
      method,
      headers: body !== undefined ? { 'content-type': 'application/json' } : undefined,
      body: body !== undefined ? JSON.stringify(body) : undefined,
      cache: 'no-store',
    });
    const data = (await res.json().catch(() => null)) as ApiResult<T> | null;
    if (data && typeof data === 'object' && 'ok' in data) return data;
    return { ok: false, error: { code: 'internal', message: `Unexpected response (${res.status})` } };
  } catch {
    return { ok: false, error: { code: 'network', message: 'Could not reach the server. Check your connection and try again.' } };
  }
}

/** Zod issue details (`[{ path, message }]`) as a map from field path to its first message. */
export function fieldErrors(error: ApiError | null | undefined, stripPrefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  if (!error || !Array.isArray(error.details)) return out;
  for (const d of error.details as { path?: unknown; message?: unknown }[]) {
    if (typeof d?.path !== 'string' || typeof d?.message !== 'string') continue;
    const path = stripPrefix && d.path.startsWith(stripPrefix) ? d.path.slice(stripPrefix.length) : d.path;
    out[path] ??= d.message;
  }
  return out;
}
