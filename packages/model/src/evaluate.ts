import {
  assertMatrix,
  FUSION,
  formatShape,
  InvalidArgumentError,
  Matrix,
  sliceRows,
} from '@backprop/linalg';
import {
  getLoss,
  getPenalty,
  type Loss,
  type LossSpec,
  type Penalty,
  type PenaltySpec,
} from '@backprop/losses';
import { NonFiniteError } from './errors';
import { type MatrixLike, type TargetsLike, toMatrix, toTargets } from './inputs';
import { classesOf, correctRows } from './metrics';
import { activityPenalties, forward, kernels, lossValue } from './network';
import { checkKeys } from './options';
import type { Sequential } from './sequential';
import type { Workspace } from './workspace';

/** Rows per forward pass in predict: bounds the workspace for large inputs. */
const PREDICT_CHUNK = 2048;

/** Throws unless X is m x model.inputSize (and Y, when given, m x model.outputSize). */
export function checkData(op: string, model: Sequential, X: Matrix, Y?: Matrix): void {
  assertMatrix(op, 'X', X);
  if (X.cols !== model.inputSize) {
    throw new InvalidArgumentError(
      'X',
      `${op}: X is ${formatShape(X)} but the model takes ${model.inputSize} inputs per row`,
    );
  }
  if (Y === undefined) return;
  assertMatrix(op, 'Y', Y);
  if (Y.rows !== X.rows || Y.cols !== model.outputSize) {
    throw new InvalidArgumentError(
      'Y',
      `${op}: Y is ${formatShape(Y)} but needs ${X.rows}x${model.outputSize} (one row per sample of X, one column per output${model.outputSize > 1 ? '; one-hot encode class labels' : ''})`,
    );
  }
}

/** Calls `each` with the forward pass of every chunk of rows of X (inference mode). */
function forwardInChunks(
  model: Sequential,
  X: Matrix,
  each: (start: number, output: Matrix, ws: Workspace) => void,
): void {
  for (let start = 0; start < X.rows; start += PREDICT_CHUNK) {
    const end = Math.min(start + PREDICT_CHUNK, X.rows);
    const ws = model.workspace(end - start);
    each(start, forward(model, sliceRows(X, start, end, { view: true }), ws), ws);
  }
}

/** Throws NonFiniteError at the first row of `output` (rows start..) that is not finite. */
function checkFinite(op: string, X: Matrix, output: Matrix, start: number): void {
  const k = output.cols;
  const d = output.data;
  for (let i = 0; i < d.length; i++) {
    if (Number.isFinite(d[i]!)) continue;
    const row = start + Math.floor(i / k);
    const input = X.data.subarray(row * X.cols, (row + 1) * X.cols);
    const why = input.every(Number.isFinite)
      ? 'the model overflows on it (its weights or this input are too large)'
      : 'the input row itself holds NaN or Infinity';
    throw new NonFiniteError(row, `${op}: the output for row ${row} is ${d[i]}: ${why}`);
  }
}

/**
 * The model's outputs for every row of X (inference mode: dropout off). Throws NonFiniteError
 * naming the row when an output is NaN or infinite, rather than return numbers that mean nothing.
 */
export function predict(model: Sequential, x: MatrixLike): Matrix {
  const X = toMatrix('predict', 'X', x);
  checkData('predict', model, X);
  const out = new Matrix(X.rows, model.outputSize);
  forwardInChunks(model, X, (start, output) => {
    checkFinite('predict', X, output, start);
    out.data.set(output.data, start * model.outputSize);
  });
  return out;
}

/** Predicted classes: argmax per row, or ≥ 0.5 for a single sigmoid output. */
export function predictClasses(model: Sequential, X: MatrixLike): Int32Array {
  return classesOf(predict(model, X));
}

/** The fused pair the output activation declares (built-in sigmoid: logistic, softmax: softmax). */
const outputFusion = (model: Sequential) => model.outputActivation?.[FUSION];

/**
 * The default loss for a model's output: binary cross-entropy after the built-in sigmoid,
 * categorical after softmax, else mean squared error.
 */
export function defaultLoss(model: Sequential): Loss {
  const fusion = outputFusion(model);
  return getLoss(
    fusion === 'logistic'
      ? 'binaryCrossEntropy'
      : fusion === 'softmax'
        ? 'categoricalCrossEntropy'
        : 'meanSquaredError',
  );
}

export interface EvaluateOptions {
  loss?: LossSpec;
  penalty?: PenaltySpec | null;
}

/**
 * Loss (plus the layers' activity regularisers, as Keras reports it, and the penalty when given)
 * and, for classifiers, accuracy — in inference mode.
 */
export function evaluate(
  model: Sequential,
  x: MatrixLike,
  y: TargetsLike,
  options: EvaluateOptions = {},
): { loss: number; accuracy?: number } {
  checkKeys('evaluate', options, ['loss', 'penalty']);
  const X = toMatrix('evaluate', 'X', x);
  const Y = toTargets('evaluate', model, y);
  checkData('evaluate', model, X, Y);
  if (X.rows === 0) throw new InvalidArgumentError('X', 'evaluate: X has no rows');
  const loss: Loss = options.loss === undefined ? defaultLoss(model) : getLoss(options.loss);
  const penalty: Penalty | null = options.penalty == null ? null : getPenalty(options.penalty);
  const classifier = isClassifier(model, loss);
  let sum = 0;
  let right = 0;
  forwardInChunks(model, X, (start, output, ws) => {
    checkFinite('evaluate', X, output, start);
    const Yc = sliceRows(Y, start, start + output.rows, { view: true });
    sum += (lossValue(model, ws, Yc, loss) + activityPenalties(model, ws)) * output.rows;
    if (classifier) right += correctRows(output, Yc);
  });
  const value = sum / X.rows + (penalty ? penalty.value(kernels(model).weights, X.rows) : 0);
  return classifier ? { loss: value, accuracy: right / X.rows } : { loss: value };
}

/** True when accuracy is meaningful: a cross-entropy loss, or a sigmoid/softmax output. */
export function isClassifier(model: Sequential, loss: Loss): boolean {
  return (
    loss.fusesWith !== undefined || outputFusion(model) !== undefined || model.classes !== null
  );
}
