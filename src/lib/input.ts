import { z } from 'zod';

/**
 * Shared pieces of input checking, for the HTTP boundary (src/server/http/route.ts), the socket handlers
 * (src/realtime/handler.ts) and the domain's schemas.
 */

/**
 * Paths of strings holding a NUL character (at most 10). PostgreSQL refuses NUL in text, so such input is
 * refused at the boundary with the field's path instead of failing as a 500 in the database.
 */
export function nulPaths(value: unknown, path: (string | number)[] = [], out: string[] = []): string[] {
  if (out.length >= 10) return out;
  if (typeof value === 'string') {
    if (value.includes('\u0000')) out.push(path.join('.') || '(root)');
  } else if (Array.isArray(value)) value.forEach((v, i) => nulPaths(v, [...path, i], out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) {
    if (k.includes('\u0000')) out.push([...path, k].join('.'));
    nulPaths(v, [...path, k], out);
  }
  return out;
}

export const NUL_MESSAGE = 'Text may not contain NUL characters';

/**
 * A calendar day `YYYY-MM-DD` that exists (no 2026-02-30, no month 13, no year 0): impossible dates are a 400,
 * never a database error.
 */
export const IsoDay = z.iso
  .date({ message: 'Use a real date (YYYY-MM-DD)' })
  .refine((d) => Number(d.slice(0, 4)) >= 1, 'Use a real date (YYYY-MM-DD)');
