// Medians and spreads of repeated measurements, and how the bench writes numbers.

/** @param {number[]} values */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * The median of the samples, their range, and how many there are.
 * @param {number[]} samples
 */
export function summarise(samples) {
  if (!samples.length) return undefined;
  return {
    median: median(samples),
    min: Math.min(...samples),
    max: Math.max(...samples),
    n: samples.length,
  };
}

/** 12,345 */
export const whole = (value) => Math.round(value).toLocaleString('en-US');

/** "4,274/s (4,100–4,390)": the median, then the range of the samples. */
export function rateWithSpread(summary) {
  if (!summary) return 'n/a';
  const range = summary.n > 1 ? ` (${whole(summary.min)}–${whole(summary.max)})` : '';
  return `${whole(summary.median)}/s${range}`;
}

/** "118 ms (112–131)" */
export function msWithSpread(summary, digits = 0) {
  if (!summary) return 'n/a';
  const ms = (value) => value.toFixed(digits);
  const range = summary.n > 1 ? ` (${ms(summary.min)}–${ms(summary.max)})` : '';
  return `${ms(summary.median)} ms${range}`;
}
