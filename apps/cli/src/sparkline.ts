const BARS = '▁▂▃▄▅▆▇█';

/**
 * A one-line chart of `values` in block characters, at most `width` wide (longer series are
 * averaged over equal runs). Each bar's height is its value's place between the series' least and
 * greatest finite values; a run holding a non-finite value is '!' (a diverged loss shows as such).
 */
export function sparkline(values: readonly number[], width = 40): string {
  if (values.length === 0) return '';
  const n = Math.min(width, values.length);
  const buckets: number[] = [];
  for (let b = 0; b < n; b++) {
    const start = Math.floor((b * values.length) / n);
    const end = Math.floor(((b + 1) * values.length) / n);
    let sum = 0;
    for (let i = start; i < end; i++) sum += values[i]!;
    buckets.push(sum / (end - start));
  }
  const finite = buckets.filter(Number.isFinite);
  const low = Math.min(...finite);
  const high = Math.max(...finite);
  return buckets
    .map((v) => {
      if (!Number.isFinite(v)) return '!';
      if (high === low) return BARS[0];
      return BARS[Math.min(BARS.length - 1, Math.floor(((v - low) / (high - low)) * BARS.length))];
    })
    .join('');
}
