/**
 * The keys that differ between two settings values, as dotted paths with their before and after values.
 * Objects are compared key by key; arrays and scalars as whole values.
 */
export interface Change {
  path: string;
  before: unknown;
  after: unknown;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function diffValues(before: unknown, after: unknown, prefix = ''): Change[] {
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((k) => diffValues(before[k], after[k], prefix ? `${prefix}.${k}` : k));
  }
  if (before === undefined && isPlainObject(after)) return diffValues({}, after, prefix);
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  return [{ path: prefix || '(value)', before, after }];
}
