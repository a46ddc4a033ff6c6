import { axisName, type Chart, render } from './render';

export interface ConfusionChartOptions {
  id: string;
  title: string;
  /** Class names in output order. */
  classes: readonly string[];
  /** counts[true][predicted]. */
  counts: number[][];
  /** Axis names (default 'predicted' and 'true'). */
  predicted?: string;
  actual?: string;
}

/**
 * A confusion matrix: every count written in its cell, the diagonal green, the errors on a white
 * to red scale up to the largest off-diagonal count.
 */
export function confusionChart(o: ConfusionChartOptions): Chart {
  const K = o.classes.length;
  const errors = Math.max(1, ...o.counts.flatMap((row, t) => row.filter((_, p) => p !== t)));
  const data = o.counts.flatMap((row, t) =>
    row.map((n, p) => ({
      value: [p, K - 1 - t, n],
      ...(t === p ? { itemStyle: { color: '#d1fae5' } } : {}),
    })),
  );
  const long = o.classes.some((c) => c.length > 2);
  return render(o.id, o.title, long ? 640 : 560, long ? 580 : 520, {
    title: { text: o.title, left: 'center', textStyle: { fontSize: 13 } },
    grid: { left: long ? 100 : 60, right: 96, top: 40, bottom: long ? 100 : 60 },
    xAxis: {
      type: 'category',
      data: [...o.classes],
      axisLabel: { rotate: long ? 45 : 0, interval: 0 },
      ...axisName(o.predicted ?? 'predicted', long ? 70 : 32),
    },
    yAxis: {
      type: 'category',
      data: [...o.classes].reverse(),
      axisLabel: { interval: 0 },
      ...axisName(o.actual ?? 'true', long ? 84 : 32),
    },
    visualMap: {
      type: 'continuous',
      min: 0,
      max: errors,
      right: 8,
      top: 'middle',
      text: [`${errors}+ errors`, '0'],
      inRange: { color: ['#ffffff', '#fecaca', '#b91c1c'] },
    },
    series: [
      {
        type: 'heatmap',
        data,
        label: { show: true, fontSize: long ? 10 : 11 },
        itemStyle: { borderColor: '#e5e7eb', borderWidth: 1 },
      },
    ],
  });
}
