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

/**
 * Merges histograms per key (null = the total over every key) and kind: counts by bucket number (buckets
 * are small non-negative integers), added from row-per-bucket histograms or from packed rows (pack.ts),
 * with a sign (packed rows are differences of month-to-date histograms).
 */
export class HistogramMerge {
  private readonly merged = new Map<string | null, Map<string, number[]>>();

  constructor(private readonly withKeys: boolean) {}

  add(key: string | null, kind: string, bucket: number, n: number): void {
    this.addAll(key, kind, [bucket], [n], 1);
  }

  /** Adds sign × counts[i] to buckets[i] (a packed row). */
  addAll(key: string | null, kind: string, buckets: number[], counts: number[], sign: number): void {
    const total = this.countsOf(null, kind);
    const mine = this.withKeys && key !== null ? this.countsOf(key, kind) : null;
    for (let i = 0; i < buckets.length; i++) {
      const b = buckets[i];
      const n = sign * counts[i];
      while (total.length <= b) total.push(0);
      total[b] += n;
      if (mine) {
        while (mine.length <= b) mine.push(0);
        mine[b] += n;
      }
    }
  }

  private countsOf(key: string | null, kind: string): number[] {
    let kinds = this.merged.get(key);
    if (!kinds) this.merged.set(key, (kinds = new Map()));
    let counts = kinds.get(kind);
    if (!counts) kinds.set(kind, (counts = []));
    return counts;
  }

  /** Per key and kind: median and 90th percentile. */
  percentiles(): Map<string | null, Map<string, Percentiles>> {
    const out = new Map<string | null, Map<string, Percentiles>>();
    for (const [key, kinds] of this.merged) {
      const perKind = new Map<string, Percentiles>();
      for (const [kind, counts] of kinds) {
        const sorted: [number, number][] = [];
        let total = 0;
        counts.forEach((n, bucket) => {
          if (n > 0) {
            sorted.push([bucket, n]);
            total += n;
          }
        });
        if (total > 0) perKind.set(kind, { median: percentile(sorted, total, 0.5), p90: percentile(sorted, total, 0.9) });
      }
      out.set(key, perKind);
    }
    return out;
  }
}

/** Per key (null = the total over every key) and kind: median and 90th percentile. */
export function histogramPercentiles(rows: HistCount[], withKeys: boolean): Map<string | null, Map<string, Percentiles>> {
  const merge = new HistogramMerge(withKeys);
  for (const r of rows) merge.add(r.key, r.kind, Number(r.bucket), Number(r.n));
  return merge.percentiles();
}
