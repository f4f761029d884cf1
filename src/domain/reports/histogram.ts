/**
 * Percentiles from merged duration histograms (docs/reports.md "What is exact and what is approximate").
 * The query returns one row per (key, kind, bucket) with the count; the merge across keys (the total)
 * and the ranks are computed here, so the database only scans and groups (no sort, no window).
 */
export type HistCount = {
  key: string | null;
  kind: string;
  bucket: number;
  n: string | number;
};

export interface Percentiles {
  median: number;
  p90: number;
}

/** The value a histogram bucket stands for (same as SQL lc_report_bucket_value). */
export function bucketValue(b: number): number {
  return b < 60 ? b : 60 * Math.pow(1.02, b - 60 + 0.5);
}

/**
 * The continuous percentile p of the values a histogram holds: position (n − 1)·p in the sorted values,
 * interpolated between the two neighbouring values, each taken as its bucket's value.
 */
function percentile(sorted: [number, number][], total: number, p: number): number {
  const pos = p * (total - 1);
  const at = (rank: number) => {
    let cum = 0;
    for (const [bucket, n] of sorted) {
      cum += n;
      if (cum > rank) return bucketValue(bucket);
    }
    return bucketValue(sorted[sorted.length - 1][0]);
  };
  const a = at(Math.floor(pos));
  const b = at(Math.ceil(pos));
  return a + (pos - Math.floor(pos)) * (b - a);
}

/** Per key (null = the total over every key) and kind: median and 90th percentile. */
export function histogramPercentiles(rows: HistCount[], withKeys: boolean): Map<string | null, Map<string, Percentiles>> {
  const merged = new Map<string | null, Map<string, Map<number, number>>>();
  const add = (key: string | null, kind: string, bucket: number, n: number) => {
    let kinds = merged.get(key);
    if (!kinds) merged.set(key, (kinds = new Map()));
    let buckets = kinds.get(kind);
    if (!buckets) kinds.set(kind, (buckets = new Map()));
    buckets.set(bucket, (buckets.get(bucket) ?? 0) + n);
  };
  for (const r of rows) {
    const n = Number(r.n);
    const bucket = Number(r.bucket);
    add(null, r.kind, bucket, n);
    if (withKeys && r.key !== null) add(r.key, r.kind, bucket, n);
  }
  const out = new Map<string | null, Map<string, Percentiles>>();
  for (const [key, kinds] of merged) {
    const perKind = new Map<string, Percentiles>();
    for (const [kind, buckets] of kinds) {
      const sorted = [...buckets].filter(([, n]) => n > 0).sort((a, b) => a[0] - b[0]);
      const total = sorted.reduce((s, [, n]) => s + n, 0);
      if (total > 0) perKind.set(kind, { median: percentile(sorted, total, 0.5), p90: percentile(sorted, total, 0.9) });
    }
    out.set(key, perKind);
  }
  return out;
}
