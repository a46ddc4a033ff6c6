import { argmaxRows, assertMatrix, InvalidArgumentError, type Matrix } from '@backprop/linalg';

/**
 * Class indices of predictions: argmax per row for several outputs, or output ≥ 0.5 for a single
 * sigmoid output (binary classification).
 */
export function classesOf(outputs: Matrix): Int32Array {
  assertMatrix('classesOf', 'outputs', outputs);
  if (outputs.cols === 1) return Int32Array.from(outputs.data, (v) => (v >= 0.5 ? 1 : 0));
  return argmaxRows(outputs);
}

/** Class indices from targets: a one-hot (or probability) matrix, a 0/1 column, or labels as they are. */
export function labelsOf(targets: Matrix | ArrayLike<number>): Int32Array {
  if (targets instanceof Int32Array) return targets;
  if (
    typeof (targets as Matrix).rows === 'number' &&
    ((targets as Matrix).data instanceof Float64Array ||
      (targets as Matrix).data instanceof Float32Array)
  )
    return classesOf(targets as Matrix);
  return Int32Array.from(targets as ArrayLike<number>);
}

/** Fraction of rows whose predicted class equals the target's (see classesOf / labelsOf). */
export function accuracy(outputs: Matrix, targets: Matrix | ArrayLike<number>): number {
  const predicted = classesOf(outputs);
  const actual = labelsOf(targets);
  if (predicted.length !== actual.length) {
    throw new InvalidArgumentError(
      'targets',
      `accuracy: ${predicted.length} predictions but ${actual.length} targets`,
    );
  }
  if (predicted.length === 0) return Number.NaN;
  let right = 0;
  for (let i = 0; i < predicted.length; i++) if (predicted[i] === actual[i]) right++;
  return right / predicted.length;
}

/** counts[t][p]: how many samples of true class t were predicted as p (K x K). */
export function confusionMatrix(
  actual: ArrayLike<number>,
  predicted: ArrayLike<number>,
  classes?: number,
): number[][] {
  if (actual.length !== predicted.length) {
    throw new InvalidArgumentError(
      'predicted',
      `confusionMatrix: ${actual.length} true labels but ${predicted.length} predictions`,
    );
  }
  let K = classes ?? 0;
  if (classes === undefined)
    for (let i = 0; i < actual.length; i++) K = Math.max(K, actual[i]! + 1, predicted[i]! + 1);
  const counts = Array.from({ length: K }, () => new Array<number>(K).fill(0));
  for (let i = 0; i < actual.length; i++) {
    const t = actual[i]!;
    const p = predicted[i]!;
    if (!(Number.isInteger(t) && t >= 0 && t < K && Number.isInteger(p) && p >= 0 && p < K)) {
      throw new InvalidArgumentError(
        'labels',
        `confusionMatrix: sample ${i} has labels (${t}, ${p}) outside 0..${K - 1}`,
      );
    }
    counts[t]![p]!++;
  }
  return counts;
}

/** Per-class precision, recall, F1 and support from a confusion matrix (NaN where undefined: no predictions / no samples). */
export function precisionRecall(
  confusion: number[][],
): { precision: number; recall: number; f1: number; support: number }[] {
  return confusion.map((row, k) => {
    const tp = row[k]!;
    const support = row.reduce((s, v) => s + v, 0);
    const predicted = confusion.reduce((s, r) => s + r[k]!, 0);
    const precision = predicted === 0 ? Number.NaN : tp / predicted;
    const recall = support === 0 ? Number.NaN : tp / support;
    const f1 =
      precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : Number.NaN;
    return { precision, recall, f1, support };
  });
}

/** Rows where outputs and targets name the same class (≥ 0.5 for one output, else argmax). */
export function correctRows(out: Matrix, Y: Matrix): number {
  const k = out.cols;
  let right = 0;
  for (let r = 0; r < out.rows; r++) {
    if (k === 1) {
      if (out.data[r]! >= 0.5 === Y.data[r]! >= 0.5) right++;
      continue;
    }
    let po = 0;
    let py = 0;
    for (let j = 1; j < k; j++) {
      if (out.data[r * k + j]! > out.data[r * k + po]!) po = j;
      if (Y.data[r * k + j]! > Y.data[r * k + py]!) py = j;
    }
    if (po === py) right++;
  }
  return right;
}

/**
 * Error measures of a regression over every output value: mean absolute error, root mean squared
 * error and R² = 1 − Σ(ŷ − y)² / Σ(y − ȳ)² (NaN when the targets do not vary).
 */
export function regressionScores(
  outputs: Matrix,
  Y: Matrix,
): { mae: number; rmse: number; r2: number } {
  assertMatrix('regressionScores', 'outputs', outputs);
  assertMatrix('regressionScores', 'Y', Y);
  if (outputs.rows !== Y.rows || outputs.cols !== Y.cols || Y.data.length === 0)
    throw new InvalidArgumentError(
      'Y',
      `regressionScores: outputs are ${outputs.rows}x${outputs.cols} but Y is ${Y.rows}x${Y.cols}${Y.data.length === 0 ? ' (no values)' : ''}`,
    );
  const n = Y.data.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += Y.data[i]!;
  mean /= n;
  let absolute = 0;
  let squared = 0;
  let spread = 0;
  for (let i = 0; i < n; i++) {
    const e = outputs.data[i]! - Y.data[i]!;
    absolute += Math.abs(e);
    squared += e * e;
    spread += (Y.data[i]! - mean) ** 2;
  }
  return {
    mae: absolute / n,
    rmse: Math.sqrt(squared / n),
    r2: spread > 0 ? 1 - squared / spread : Number.NaN,
  };
}
