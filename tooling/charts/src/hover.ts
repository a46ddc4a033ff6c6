import type * as echarts from 'echarts';

/**
 * What a chart says on hover, computed where it is rendered (the page needs no charting library):
 * spots in the SVG's own coordinates, each with its text. 'column' charts (lines over epochs)
 * answer for the nearest x, with every series' value there; 'nearest' charts (heatmaps, scatter
 * points) for the nearest spot.
 */
export interface HoverData {
  width: number;
  height: number;
  mode: 'column' | 'nearest';
  /** [x, y, text] in SVG units. */
  spots: [number, number, string][];
}

/** Most columns kept per chart (a 4000-epoch loss curve is thinned to every k-th epoch). */
const MAX_COLUMNS = 400;

type Series = {
  type?: string;
  name?: string;
  data?: unknown[];
  xAxisIndex?: number;
  yAxisIndex?: number;
};
type Axis = { name?: string; data?: unknown[] };

const fmt = (v: unknown): string =>
  typeof v === 'number'
    ? Number.isInteger(v)
      ? String(v)
      : Number(v.toPrecision(4)).toString()
    : String(v);
const list = <T>(v: T | T[] | undefined): T[] =>
  v === undefined ? [] : Array.isArray(v) ? v : [v];
const pair = (d: unknown, i: number): [number, number] | null =>
  Array.isArray(d) ? [Number(d[0]), Number(d[1])] : typeof d === 'number' ? [i, d] : null;

/** Spots of the line series: one per x (thinned), listing every line's value at that x. */
function columnSpots(chart: echarts.ECharts, series: Series[], xAxes: Axis[]): HoverData['spots'] {
  const columns = new Map<number, { px: number; py: number; parts: string[] }>();
  series.forEach((s, k) => {
    if (s.type !== 'line' || !s.data) return;
    const stride = Math.ceil(s.data.length / MAX_COLUMNS);
    s.data.forEach((d, i) => {
      const p = pair(d, i);
      if (!p || !(i % stride === 0 || i === s.data!.length - 1) || !Number.isFinite(p[1])) return;
      const [px, py] = chart.convertToPixel({ seriesIndex: k }, p) as number[];
      const column = columns.get(p[0]) ?? { px: px!, py: py!, parts: [] };
      column.parts.push(`${s.name ?? `series ${k + 1}`} ${fmt(p[1])}`);
      columns.set(p[0], column);
    });
  });
  const xName = xAxes[0]?.name ?? 'x';
  return [...columns].map(([x, c]) => [c.px, c.py, `${xName} ${fmt(x)}: ${c.parts.join(' · ')}`]);
}

/** Spots of heatmap cells (their axes' labels and value) and scatter points. */
function pointSpots(
  chart: echarts.ECharts,
  series: Series[],
  xAxes: Axis[],
  yAxes: Axis[],
): HoverData['spots'] {
  const spots: HoverData['spots'] = [];
  series.forEach((s, k) => {
    if (!s.data) return;
    const xAxis = xAxes[s.xAxisIndex ?? 0] ?? {};
    const yAxis = yAxes[s.yAxisIndex ?? 0] ?? {};
    for (const d of s.data) {
      const v = Array.isArray(d) ? d : (d as { value?: unknown[] })?.value;
      if (!Array.isArray(v)) continue;
      const [px, py] = chart.convertToPixel(
        { seriesIndex: k },
        v.slice(0, 2) as number[],
      ) as number[];
      const label = (axis: Axis, i: unknown) => fmt(axis.data?.[Number(i)] ?? i);
      const text =
        s.type === 'heatmap'
          ? `${xAxis.name ?? 'x'} ${label(xAxis, v[0])}, ${yAxis.name ?? 'y'} ${label(yAxis, v[1])}: ${fmt(v[2])}`
          : `${s.name ?? `series ${k + 1}`}: (${fmt(v[0])}, ${fmt(v[1])})`;
      spots.push([px!, py!, text]);
    }
  });
  return spots;
}

/** The hover spots of a rendered chart (null when it has nothing to say). */
export function hoverData(
  chart: echarts.ECharts,
  option: echarts.EChartsCoreOption,
  width: number,
  height: number,
): HoverData | null {
  const series = list(option.series as Series | Series[]);
  const xAxes = list(option.xAxis as Axis | Axis[]);
  const yAxes = list(option.yAxis as Axis | Axis[]);
  const lines = series.some((s) => s.type === 'line');
  const spots = lines ? columnSpots(chart, series, xAxes) : pointSpots(chart, series, xAxes, yAxes);
  if (spots.length === 0) return null;
  const round = (v: number) => Math.round(v * 10) / 10;
  return {
    width,
    height,
    mode: lines ? 'column' : 'nearest',
    spots: spots.map(([x, y, t]) => [round(x), round(y), t]),
  };
}

/**
 * The page's side: a tooltip per `figure[data-hover]` that follows the pointer and shows the
 * nearest spot's text (a few lines of plain script, inlined once per page; no library, offline).
 */
export const HOVER_SCRIPT = `for (const fig of document.querySelectorAll('figure[data-hover]')) {
  const h = JSON.parse(fig.dataset.hover);
  const svg = fig.querySelector('svg');
  const tip = document.createElement('div');
  tip.className = 'hover-tip';
  tip.setAttribute('role', 'status');
  tip.hidden = true;
  fig.append(tip);
  svg.addEventListener('mousemove', (e) => {
    const r = svg.getBoundingClientRect();
    const x = ((e.clientX - r.left) * h.width) / r.width;
    const y = ((e.clientY - r.top) * h.height) / r.height;
    let best = null;
    let far = Infinity;
    for (const s of h.spots) {
      const d = h.mode === 'column' ? Math.abs(s[0] - x) : Math.hypot(s[0] - x, s[1] - y);
      if (d < far) [best, far] = [s, d];
    }
    tip.hidden = !best || far > (h.mode === 'column' ? 40 : 24);
    if (tip.hidden) return;
    tip.textContent = best[2];
    const f = fig.getBoundingClientRect();
    const left = e.clientX - f.left + 12;
    // Beside the pointer, on its left when the right side has no room for the text.
    tip.style.left = (left + tip.offsetWidth > f.width ? left - tip.offsetWidth - 24 : left) + 'px';
    tip.style.top = e.clientY - f.top + 12 + 'px';
  });
  svg.addEventListener('mouseleave', () => { tip.hidden = true; });
}`;

/** The tooltip's look (add to the page's CSS). */
export const HOVER_CSS =
  'figure[data-hover] { position: relative; } .hover-tip { position: absolute; pointer-events: none; background: #0f172a; color: #fff; font-size: 12px; padding: 3px 7px; border-radius: 4px; white-space: nowrap; z-index: 1; }';
