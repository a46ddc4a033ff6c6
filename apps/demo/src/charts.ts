import {
  axisName,
  type Chart,
  COLORS,
  confusionChart as confusionMatrixChart,
  render,
} from '@backprop/charts';
import type { EpochLogs } from '@backprop/model';
import type { Misclassified } from './mnist-demo';
import type { XorResult } from './xor-demo';

export type { Chart };

export function xorLossChart(x: XorResult): Chart {
  const losses = [...x.gd.curve, ...x.sgd.curve].map((p) => p.loss);
  const decade = (v: number, round: (x: number) => number) => 10 ** round(Math.log10(v));
  return render('xor-loss', 'XOR: loss of gradient descent and of SGD', 600, 380, {
    legend: { top: 8, itemGap: 28 },
    grid: { left: 70, right: 24, top: 48, bottom: 56 },
    xAxis: { type: 'value', min: 0, max: x.epochs, ...axisName('epoch') },
    yAxis: {
      type: 'log',
      min: decade(Math.min(...losses), Math.floor),
      max: decade(Math.max(...losses), Math.ceil),
      axisLabel: { formatter: (v: number) => (v >= 0.001 ? String(v) : v.toExponential(0)) },
      ...axisName('binary cross-entropy (log scale)'),
      nameGap: 50,
    },
    series: [
      {
        name: 'SGD, batch 1 (per update)',
        type: 'line',
        showSymbol: false,
        sampling: 'lttb',
        lineStyle: { width: 1, opacity: 0.8 },
        data: x.sgd.curve.map((p) => [p.x, p.loss]),
      },
      {
        name: 'gradient descent, full batch',
        type: 'line',
        showSymbol: false,
        lineStyle: { width: 2.5 },
        data: x.gd.curve.map((p) => [p.x, p.loss]),
      },
    ].map((s, i) => ({ ...s, color: COLORS[i === 0 ? 1 : 0] })),
  });
}

export function xorSurfaceChart(x: XorResult): Chart {
  const { xs, ys, values } = x.surface;
  const cells = values.flatMap((row, r) => row.map((v, c) => [c, r, v]));
  const index = (v: number) => Math.round(((v + 0.5) / 2) * (xs.length - 1));
  const points = [
    [0, 0, 0],
    [0, 1, 1],
    [1, 0, 1],
    [1, 1, 0],
  ];
  const label = (i: number) => (i % 10 === 0 ? xs[i]!.toFixed(1) : '');
  return render('xor-surface', 'XOR: the learned decision surface (gradient descent)', 480, 440, {
    grid: { left: 60, right: 90, top: 24, bottom: 56 },
    xAxis: {
      type: 'category',
      data: xs.map((_, i) => i),
      axisLabel: { formatter: (_: string, i: number) => label(i), interval: 0 },
      axisTick: { show: false },
      ...axisName('x₁'),
    },
    yAxis: {
      type: 'category',
      data: ys.map((_, i) => i),
      axisLabel: { formatter: (_: string, i: number) => label(i), interval: 0 },
      axisTick: { show: false },
      ...axisName('x₂'),
    },
    visualMap: {
      type: 'continuous',
      min: 0,
      max: 1,
      right: 10,
      top: 'middle',
      calculable: false,
      text: ['1', '0'],
      inRange: { color: ['#eff6ff', '#93c5fd', '#1e3a8a'] },
      seriesIndex: 0,
    },
    series: [
      { type: 'heatmap', data: cells, progressive: 0 },
      {
        type: 'scatter',
        symbolSize: 18,
        data: points.map(([a, b, t]) => ({
          value: [index(a!), index(b!)],
          itemStyle: { color: t ? '#f59e0b' : '#ffffff', borderColor: '#111827', borderWidth: 2 },
        })),
        label: {
          show: true,
          formatter: (p: { dataIndex: number }) => `y=${points[p.dataIndex]![2]}`,
          position: 'right',
          color: '#111827',
          fontWeight: 'bold',
        },
      },
    ],
  });
}

function curves(
  id: string,
  title: string,
  logs: EpochLogs[],
  key: 'loss' | 'accuracy',
  yName: string,
): Chart {
  const val = key === 'loss' ? 'valLoss' : 'valAccuracy';
  const scale = (v: number | undefined) =>
    v === undefined ? null : key === 'accuracy' ? 100 * v : v;
  return render(id, title, 540, 340, {
    legend: { top: 8, itemGap: 28 },
    grid: { left: 64, right: 24, top: 48, bottom: 56 },
    xAxis: {
      type: 'value',
      min: 1,
      max: Math.max(logs.length, 2),
      minInterval: 1,
      ...axisName('epoch'),
    },
    yAxis: { type: 'value', scale: true, ...axisName(yName), nameGap: 46 },
    series: [
      {
        name: 'training',
        type: 'line',
        symbolSize: 6,
        data: logs.map((l) => [l.epoch, scale(l[key])]),
      },
      {
        name: 'validation',
        type: 'line',
        symbolSize: 6,
        data: logs.map((l) => [l.epoch, scale(l[val])]),
      },
    ],
  });
}

export const mnistLossChart = (logs: EpochLogs[]) =>
  curves('mnist-loss', 'MNIST: loss per epoch', logs, 'loss', 'categorical cross-entropy');
export const mnistAccuracyChart = (logs: EpochLogs[]) =>
  curves('mnist-accuracy', 'MNIST: accuracy per epoch', logs, 'accuracy', 'accuracy (%)');

export function confusionChart(confusion: number[][]): Chart {
  return confusionMatrixChart({
    id: 'mnist-confusion',
    title: 'MNIST: confusion matrix on the test set',
    classes: confusion.map((_, k) => String(k)),
    counts: confusion,
    predicted: 'predicted digit',
    actual: 'true digit',
  });
}

/** The misclassified digits, each a 28x28 grey heatmap titled with its true and predicted label. */
export function misclassifiedChart(items: Misclassified[]): Chart {
  const columns = 5;
  const size = 110;
  const rows = Math.max(1, Math.ceil(items.length / columns));
  const axisIndex = (k: number) => ({ xAxisIndex: k, yAxisIndex: k });
  const grid = items.map((_, k) => ({
    left: 16 + (k % columns) * (size + 16),
    top: 30 + Math.floor(k / columns) * (size + 34),
    width: size,
    height: size,
  }));
  const hidden = { show: false };
  const pixels = Array.from({ length: 28 }, (_, i) => i);
  return render(
    'mnist-misclassified',
    'MNIST: 25 misclassified test digits',
    columns * (size + 16) + 16,
    rows * (size + 34) + 30,
    {
      grid,
      title: items.map((m, k) => ({
        text: `true ${m.actual} → predicted ${m.predicted}`,
        left: grid[k]!.left,
        top: grid[k]!.top - 20,
        textStyle: { fontSize: 11, fontWeight: 'normal', color: '#111827' },
      })),
      xAxis: items.map((_, k) => ({ type: 'category', data: pixels, gridIndex: k, ...hidden })),
      yAxis: items.map((_, k) => ({
        type: 'category',
        data: pixels,
        gridIndex: k,
        inverse: true,
        ...hidden,
      })),
      visualMap: {
        type: 'continuous',
        min: 0,
        max: 1,
        show: false,
        inRange: { color: ['#ffffff', '#000000'] },
      },
      series: items.map((m, k) => ({
        type: 'heatmap',
        ...axisIndex(k),
        data: m.pixels.flatMap((v, i) => (v > 0 ? [[i % 28, Math.floor(i / 28), v]] : [])),
      })),
    },
    // Its cells are pixels: nothing to say on hover.
    { hover: false },
  );
}
