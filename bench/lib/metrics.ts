/** Latency summary in ms; samples that never arrived count as +Infinity (they fail any percentile they reach). */
export interface LatencySummary {
  count: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  max: number | null;
  mean: number | null;
}

export function summarize(samples: ArrayLike<number>, lost = 0): LatencySummary {
  const sorted = Float64Array.from(samples).sort();
  const n = sorted.length + lost;
  if (n === 0) return { count: 0, p50: null, p95: null, p99: null, max: null, mean: null };
  const at = (q: number) => {
    const i = Math.min(n - 1, Math.max(0, Math.ceil(q * n) - 1));
    return i < sorted.length ? round(sorted[i]) : Infinity;
  };
  let sum = 0;
  for (const v of sorted) sum += v;
  return {
    count: n,
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    max: lost ? Infinity : round(sorted[sorted.length - 1]),
    mean: sorted.length ? round(sum / sorted.length) : null,
  };
}

export const round = (v: number, digits = 2) => Math.round(v * 10 ** digits) / 10 ** digits;

/** JSON.stringify that keeps Infinity readable ("Infinity" instead of null). */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v));
}
