/** Formatting for human output: aligned tables and compact numbers. */

/** Columns aligned; numbers right-aligned, text left-aligned. */
export function table(header: string[], rows: (string | number)[][]): string {
  const cells = [header, ...rows.map((r) => r.map((c) => (typeof c === 'number' ? fixed(c) : c)))];
  const widths = header.map((_, j) => Math.max(...cells.map((r) => String(r[j] ?? '').length)));
  const numeric = header.map((_, j) => rows.every((r) => typeof r[j] === 'number'));
  return `${cells
    .map((r) =>
      r
        .map((c, j) => (numeric[j] ? String(c).padStart(widths[j]!) : String(c).padEnd(widths[j]!)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n')}\n`;
}

/** A number in at most 6 significant digits (integers as they are). */
export function fixed(v: number): string {
  if (Number.isInteger(v)) return String(v);
  if (!Number.isFinite(v)) return String(v);
  return Math.abs(v) >= 1e-4 && Math.abs(v) < 1e6
    ? String(Number(v.toPrecision(6)))
    : v.toExponential(3);
}

export const percent = (v: number | undefined) =>
  v === undefined || Number.isNaN(v) ? 'n/a' : `${(100 * v).toFixed(2)}%`;

/** mm:ss, or h:mm:ss for long runs. */
export function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '--:--';
  const s = Math.round(seconds);
  const two = (n: number) => String(n).padStart(2, '0');
  return s >= 3600
    ? `${Math.floor(s / 3600)}:${two(Math.floor(s / 60) % 60)}:${two(s % 60)}`
    : `${two(Math.floor(s / 60))}:${two(s % 60)}`;
}
