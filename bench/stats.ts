/**
 * Summary statistics for the benchmark: median, p95 and max of a list of per-page figures, and
 * the median of per-page ratios (the figure the targets are judged on, so one slow page cannot
 * hide behind a fast average).
 */

export interface Summary {
  /** How many values (pages) the summary covers. */
  n: number;
  median: number;
  p95: number;
  max: number;
}

/** The q-quantile (0..1) by linear interpolation between closest ranks; NaN for no values. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo);
}

/** Median, p95 and max of `values`; every field is NaN (n = 0) when there are none. */
export function summarize(values: readonly number[]): Summary {
  return {
    n: values.length,
    median: quantile(values, 0.5),
    p95: quantile(values, 0.95),
    max: values.length === 0 ? NaN : Math.max(...values),
  };
}

/** Median of `a[i] / b[i]` over the pairs where both are known and `b[i]` is positive. */
export function medianRatio(pairs: readonly (readonly [number | null, number | null])[]): Summary {
  const ratios: number[] = [];
  for (const [a, b] of pairs) if (a !== null && b !== null && b > 0) ratios.push(a / b);
  return summarize(ratios);
}

/** The median of several repetitions of one figure on one page, or null when none succeeded. */
export function medianOf(values: readonly (number | null)[]): number | null {
  const known = values.filter((v): v is number => v !== null && Number.isFinite(v));
  return known.length === 0 ? null : quantile(known, 0.5);
}
