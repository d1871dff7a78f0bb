export interface Summary {
  n: number;
  median: number;
  min: number;
  max: number;
}

export const summarize = (values: number[]): Summary => {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  if (n === 0) {
    return { n, median: NaN, min: NaN, max: NaN };
  }
  const median = n % 2 === 1 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  return { n, median, min: sorted[0], max: sorted[n - 1] };
};
