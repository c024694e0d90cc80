/**
 * What a bench returns, and the statistics its figures are made with. Times are
 * milliseconds, rounded to one decimal.
 */

/** One figure a name; `npm run bench` prints them all as its last line, as JSON. */
export type Figures = Record<string, number | boolean | null>;

/** The q-quantile of `values`, interpolated between the nearest two. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = sorted[lo] ?? Number.NaN;
  const b = sorted[hi] ?? Number.NaN;
  return round1(a + (b - a) * (pos - lo));
}

export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

export function round1(v: number): number {
  return Math.round(v * 10) / 10;
}
