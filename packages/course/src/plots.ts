import { type FloatArray, Matrix } from '@backprop/linalg';
import { predict, type Sequential } from '@backprop/model';
import type { Plot } from './experiment';

/** The fraction of rows whose rounded output is the label. */
export function accuracyOf(model: Sequential, X: Matrix, y: Int32Array): number {
  const out = predict(model, X).data;
  let right = 0;
  for (let i = 0; i < y.length; i++) if ((out[i]! > 0.5 ? 1 : 0) === y[i]) right++;
  return right / y.length;
}

/** A grid of the model's rounded predictions over the data's range padded by 1, step 0.05. */
export function boundaryGrid(model: Sequential, X: Matrix, step: number) {
  let [xMin, xMax, yMin, yMax] = [
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
  ];
  for (let i = 0; i < X.rows; i++) {
    xMin = Math.min(xMin, X.data[2 * i]!);
    xMax = Math.max(xMax, X.data[2 * i]!);
    yMin = Math.min(yMin, X.data[2 * i + 1]!);
    yMax = Math.max(yMax, X.data[2 * i + 1]!);
  }
  [xMin, xMax, yMin, yMax] = [xMin - 1, xMax + 1, yMin - 1, yMax + 1];
  const cols = Math.ceil((xMax - xMin) / step);
  const rows = Math.ceil((yMax - yMin) / step);
  const G = new Matrix(cols * rows, 2);
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) {
      G.data[2 * (r * cols + c)] = xMin + c * step;
      G.data[2 * (r * cols + c) + 1] = yMin + r * step;
    }
  const out = predict(model, G);
  const classes = new Uint8Array(cols * rows);
  for (let i = 0; i < classes.length; i++)
    classes[i] = out.cols === 1 ? (out.data[i]! > 0.5 ? 1 : 0) : argmax(out.row(i));
  return { xMin, yMin, step, cols, rows, classes };
}

function argmax(row: FloatArray): number {
  let best = 0;
  for (let i = 1; i < row.length; i++) if (row[i]! > row[best]!) best = i;
  return best;
}

/**
 * A decision-boundary plot of a model with two inputs: its predicted class over the data's range
 * padded by 1 (the thesis's contourf, on a 0.05 grid) and the labelled points.
 */
export function boundary(
  id: string,
  title: string,
  model: Sequential,
  X: Matrix,
  y: Int32Array,
): Plot {
  return {
    kind: 'boundary',
    id,
    title,
    grid: boundaryGrid(model, X, 0.05),
    points: Array.from(y, (label, i) => ({ x: X.data[2 * i]!, y: X.data[2 * i + 1]!, label })),
  };
}
