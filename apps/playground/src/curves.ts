import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import type { EpochRow } from './session';

echarts.use([LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** Loss (left axis, log scale) and accuracy (right axis) per epoch, train and test, with hover values. */
export function createCurves(element: HTMLElement): {
  update(rows: EpochRow[]): void;
  /** What the right axis shows: accuracy (classification) or R² (regression). */
  setScore(name: 'accuracy' | 'R²'): void;
} {
  let score: 'accuracy' | 'R²' = 'accuracy';
  const chart = echarts.init(element);
  new ResizeObserver(() => chart.resize()).observe(element);
  chart.setOption({
    animation: false,
    tooltip: {
      trigger: 'axis',
      valueFormatter: (v: unknown) => (typeof v === 'number' ? v.toPrecision(4) : ''),
    },
    legend: { top: 0 },
    grid: { left: 56, right: 56, top: 56, bottom: 36 },
    xAxis: { type: 'value', name: 'epoch', nameLocation: 'middle', nameGap: 24, min: 0 },
    yAxis: [
      { type: 'log', name: 'loss', logBase: 10 },
      { type: 'value', name: 'accuracy', min: 0, max: 1, splitLine: { show: false } },
    ],
    series: [],
  });
  const line = (name: string, data: [number, number][], axis: number, dashed: boolean) => ({
    name,
    type: 'line',
    yAxisIndex: axis,
    showSymbol: false,
    data,
    lineStyle: { width: 2, type: dashed ? 'dashed' : 'solid' },
  });
  return {
    setScore(name) {
      if (name === score) return;
      score = name;
      chart.setOption({
        // R² can be far below 0 early on: the axis stops at −1 so the fit stays readable.
        yAxis: [
          {},
          { name, min: name === 'R²' ? (v: { min: number }) => Math.max(-1, v.min) : 0, max: 1 },
        ],
      });
    },
    update(all) {
      // At most ~1000 points per line (XOR trains thousands of epochs a second); the last kept.
      const stride = Math.ceil(all.length / 1000);
      const rows =
        stride <= 1 ? all : all.filter((_, i) => i % stride === 0 || i === all.length - 1);
      const pick = (f: (r: EpochRow) => number | null) =>
        rows.flatMap((r) => {
          const v = f(r);
          return v === null || !Number.isFinite(v) ? [] : [[r.epoch, v] as [number, number]];
        });
      const series = [
        line(
          'train loss',
          pick((r) => Math.max(r.loss, 1e-12)),
          0,
          false,
        ),
        line(
          `train ${score}`,
          pick((r) => (score === 'R²' ? r.r2 : r.accuracy)),
          1,
          false,
        ),
      ];
      if (rows.some((r) => r.testLoss !== null)) {
        series.push(
          line(
            'test loss',
            pick((r) => (r.testLoss === null ? null : Math.max(r.testLoss, 1e-12))),
            0,
            true,
          ),
        );
        series.push(
          line(
            `test ${score}`,
            pick((r) => (score === 'R²' ? r.testR2 : r.testAccuracy)),
            1,
            true,
          ),
        );
      }
      chart.setOption({ series }, { replaceMerge: ['series'] });
    },
  };
}
