import type { Plot } from '@backprop/course';
import { axisName, type Chart, confusionChart, render } from '@backprop/charts';

export type { Chart };

/** At most `n` points of a long series (every k-th, and the last), for a light SVG. */
function thin(x: number[], y: number[], n = 600): [number, number][] {
  const step = Math.max(1, Math.ceil(x.length / n));
  const out: [number, number][] = [];
  for (let i = 0; i < x.length; i += step) out.push([x[i]!, y[i]!]);
  if ((x.length - 1) % step) out.push([x.at(-1)!, y.at(-1)!]);
  return out;
}

function curves(p: Extract<Plot, { kind: 'curves' }>): Chart {
  return render(p.id, p.title, 560, 360, {
    title: { text: p.title, left: 'center', textStyle: { fontSize: 13 } },
    legend: { bottom: 0 },
    grid: { left: 70, right: 24, top: 40, bottom: 70 },
    xAxis: { type: 'value', scale: true, ...axisName(p.xLabel) },
    yAxis: { type: p.logY ? 'log' : 'value', scale: true, ...axisName(p.yLabel, 52) },
    series: p.series.map((s) =>
      s.style === 'points'
        ? { name: s.name, type: 'scatter', symbolSize: 7, data: s.x.map((x, i) => [x, s.y[i]]) }
        : { name: s.name, type: 'line', showSymbol: false, data: thin(s.x, s.y) },
    ),
  });
}

// Class k's region and points (class 0 red and 1 blue, as the thesis's plots; then green, amber, …).
const REGION = ['#fecaca', '#bfdbfe', '#bbf7d0', '#fde68a', '#e9d5ff', '#fbcfe8'];
const POINT = ['#b91c1c', '#1d4ed8', '#047857', '#b45309', '#7e22ce', '#be185d'];

function boundary(p: Extract<Plot, { kind: 'boundary' }>): Chart {
  const { grid } = p;
  const labels = [...new Set(p.points.map((q) => q.label))].sort((a, b) => a - b);
  // At most ~90 x 90 cells: a decision region needs no finer grain on screen.
  const stride = Math.max(1, Math.ceil(Math.max(grid.cols, grid.rows) / 90));
  const cells: [number, number, number][] = [];
  for (let r = 0; r < grid.rows; r += stride)
    for (let c = 0; c < grid.cols; c += stride)
      cells.push([grid.xMin + c * grid.step, grid.yMin + r * grid.step, grid.classes[r * grid.cols + c]!]);
  const size = grid.step * stride;
  return render(p.id, p.title, 520, 460, {
    title: { text: p.title, left: 'center', textStyle: { fontSize: 13 } },
    grid: { left: 50, right: 24, top: 40, bottom: 40 },
    xAxis: { type: 'value', min: grid.xMin, max: grid.xMin + grid.cols * grid.step, axisLabel: { formatter: (v: number) => v.toFixed(1) } },
    yAxis: { type: 'value', min: grid.yMin, max: grid.yMin + grid.rows * grid.step, axisLabel: { formatter: (v: number) => v.toFixed(1) } },
    series: [
      {
        type: 'custom',
        silent: true,
        data: cells,
        renderItem: (_: unknown, api: { value(i: number): number; coord(p: number[]): number[]; size(p: number[]): number[] }) => {
          const [x, y] = api.coord([api.value(0), api.value(1) + size]);
          const [w, h] = api.size([size, size]);
          return { type: 'rect', shape: { x, y, width: w! + 0.5, height: h! + 0.5 }, style: { fill: REGION[api.value(2) % REGION.length]! } };
        },
      },
      ...labels.map((label) => ({
        type: 'scatter',
        name: `class ${label}`,
        symbolSize: 6,
        itemStyle: { color: POINT[label % POINT.length], borderColor: '#111827', borderWidth: 0.5 },
        data: p.points.filter((q) => q.label === label).map((q) => [q.x, q.y]),
      })),
    ],
  });
}

function surface(p: Extract<Plot, { kind: 'surface' }>): Chart {
  const cells = p.values.flatMap((row, r) => row.map((v, c) => [c, r, Math.log10(v)]));
  const logs = cells.map((c) => c[2]!);
  const index = (values: number[], v: number) => {
    let best = 0;
    for (let i = 1; i < values.length; i++) if (Math.abs(values[i]! - v) < Math.abs(values[best]! - v)) best = i;
    return best;
  };
  const at = (x: number, y: number) => [index(p.xs, x), index(p.ys, y)];
  const label = (values: number[]) => (_: string, i: number) => (i % 10 === 0 ? values[i]!.toFixed(1) : '');
  return render(p.id, p.title, 620, 460, {
    title: { text: p.title, left: 'center', textStyle: { fontSize: 13 } },
    grid: { left: 60, right: 100, top: 40, bottom: 56 },
    xAxis: { type: 'category', data: p.xs.map((_, i) => i), axisLabel: { formatter: label(p.xs), interval: 0 }, axisTick: { show: false }, ...axisName(p.xLabel) },
    yAxis: { type: 'category', data: p.ys.map((_, i) => i), axisLabel: { formatter: label(p.ys), interval: 0 }, axisTick: { show: false }, ...axisName(p.yLabel) },
    visualMap: {
      type: 'continuous',
      min: Math.min(...logs),
      max: Math.max(...logs),
      right: 10,
      top: 'middle',
      text: ['log₁₀ loss', ''],
      inRange: { color: ['#1e3a8a', '#93c5fd', '#fef3c7', '#f59e0b'] },
      seriesIndex: 0,
    },
    series: [
      { type: 'heatmap', data: cells, progressive: 0 },
      { type: 'line', data: p.path.map((q) => at(q.x, q.y)), showSymbol: false, lineStyle: { color: '#111827', width: 2 } },
      {
        type: 'scatter',
        data: [at(p.minimum.x, p.minimum.y)],
        symbol: 'diamond',
        symbolSize: 14,
        itemStyle: { color: '#dc2626', borderColor: '#fff' },
        label: { show: true, position: 'right', formatter: `minimum ${p.minimum.value.toPrecision(10)}`, color: '#111827' },
      },
    ],
  });
}


/** The chart of a plot. */
export function chartOf(plot: Plot): Chart {
  if (plot.kind === 'curves') return curves(plot);
  if (plot.kind === 'boundary') return boundary(plot);
  if (plot.kind === 'confusion') return confusionChart(plot);
  return surface(plot);
}
