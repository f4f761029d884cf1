/**
 * Custom params passed with a customer (F2): `data-*` attributes of the embed code other than the known
 * ones, or extra query parameters of the widget link, sent as `x_<name>`. Kept as strings, capped.
 */
export const MAX_PARAMS = 20;
export const MAX_PARAM_VALUE = 500;
const KEY = /^[A-Za-z][A-Za-z0-9_.-]{0,39}$/;

/** Valid keys only, string values trimmed and capped, at most MAX_PARAMS entries (first ones win). */
export function sanitizeParams(raw: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return out;
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    if (Object.keys(out).length >= MAX_PARAMS) break;
    if (!KEY.test(key) || key === '__proto__') continue;
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') continue;
    const text = String(value).trim().slice(0, MAX_PARAM_VALUE);
    if (text) out[key] = text;
  }
  return out;
}

/** Merges a visit's params into the stored ones (new values win), still capped at MAX_PARAMS. */
export function mergeParams(stored: Record<string, string>, incoming: Record<string, string>): Record<string, string> {
  const merged = { ...stored, ...incoming };
  const keys = Object.keys(merged);
  if (keys.length <= MAX_PARAMS) return merged;
  // Keep every incoming key, then the oldest stored ones that still fit.
  const out: Record<string, string> = { ...incoming };
  for (const k of Object.keys(stored)) {
    if (Object.keys(out).length >= MAX_PARAMS) break;
    if (!(k in out)) out[k] = stored[k];
  }
  return out;
}
