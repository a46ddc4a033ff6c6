import { drawDot } from './dots';
import { CURVE } from './session';

export interface CurveView {
  /** The prediction at CURVE evenly spaced x across `extent`. */
  curve: Float32Array;
  extent: [number, number];
  yExtent: [number, number];
  /** Inputs and targets of the training and the test points. */
  train: number[];
  trainTargets: number[];
  test: number[];
  testTargets: number[];
}

const AXIS = '#95a5a6';
const CURVE_COLOUR = '#2980b9';
const POINT = [230, 126, 34] as const;

/** A regression's fitted curve over its points (test points hollow), with the axes' ranges. */
export function drawCurve(canvas: HTMLCanvasElement, v: CurveView): void {
  const ctx = canvas.getContext('2d')!;
  const { width, height } = canvas;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  const [lo, hi] = v.extent;
  const [bottom, top] = v.yExtent;
  const px = (x: number) => ((x - lo) / (hi - lo)) * width;
  const py = (y: number) => ((top - y) / (top - bottom)) * height;
  ctx.strokeStyle = AXIS;
  ctx.lineWidth = 1;
  ctx.beginPath();
  if (bottom < 0 && top > 0) {
    ctx.moveTo(0, py(0));
    ctx.lineTo(width, py(0));
  }
  if (lo < 0 && hi > 0) {
    ctx.moveTo(px(0), 0);
    ctx.lineTo(px(0), height);
  }
  ctx.stroke();
  ctx.fillStyle = AXIS;
  ctx.font = '11px system-ui, sans-serif';
  ctx.fillText(`x ${lo.toPrecision(3)} … ${hi.toPrecision(3)}`, 6, height - 6);
  ctx.fillText(`y ${bottom.toPrecision(3)} … ${top.toPrecision(3)}`, 6, 14);
  const dots = (x: number[], y: number[], hollow: boolean) => {
    for (let i = 0; i < x.length; i++) drawDot(ctx, px(x[i]!), py(y[i]!), POINT, hollow, 4);
  };
  dots(v.train, v.trainTargets, false);
  dots(v.test, v.testTargets, true);
  ctx.strokeStyle = CURVE_COLOUR;
  ctx.lineWidth = 2.5;
  ctx.beginPath();
  for (let i = 0; i < v.curve.length; i++) {
    const x = lo + (i * (hi - lo)) / (CURVE - 1);
    // Off-range predictions are clipped to just outside the canvas (early training may overshoot).
    const y = Math.min(height + 10, Math.max(-10, py(v.curve[i]!)));
    if (i === 0) ctx.moveTo(px(x), y);
    else ctx.lineTo(px(x), y);
  }
  ctx.stroke();
}
