import {
  assertMatrix,
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
import { accuracy, classesOf } from './metrics';
import { forward, kernels, objective } from './passes';
import type { Sequential } from './sequential';
import { workspaceFor } from './workspace';

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

/** The model's outputs for every row of X (inference mode: dropout off). */
export function predict(model: Sequential, X: Matrix): Matrix {
  checkData('predict', model, X);
  const out = new Matrix(X.rows, model.outputSize);
  for (let start = 0; start < X.rows; start += PREDICT_CHUNK) {
    const end = Math.min(start + PREDICT_CHUNK, X.rows);
    const chunk = sliceRows(X, start, end, { view: true });
    const result = forward(model, chunk, workspaceFor(model, end - start));
    out.data.set(result.data, start * model.outputSize);
  }
  return out;
}

/** Predicted classes: argmax per row, or ≥ 0.5 for a single sigmoid output. */
export function predictClasses(model: Sequential, X: Matrix): Int32Array {
  return classesOf(predict(model, X));
}

/** The default loss for a model's output activation: sigmoid → binary CE, softmax → categorical CE, else MSE. */
export function defaultLoss(model: Sequential): Loss {
  const name = model.outputActivation.name;
  return getLoss(
    name === 'sigmoid'
      ? 'binaryCrossEntropy'
      : name === 'softmax'
        ? 'categoricalCrossEntropy'
        : 'meanSquaredError',
  );
}

export interface EvaluateOptions {
  loss?: LossSpec | string;
  penalty?: PenaltySpec | string | null;
}

/** Loss (plus penalty, when given) and, for classifiers, accuracy — in inference mode. */
export function evaluate(
  model: Sequential,
  X: Matrix,
  Y: Matrix,
  options: EvaluateOptions = {},
): { loss: number; accuracy?: number } {
  checkData('evaluate', model, X, Y);
  const loss: Loss = options.loss === undefined ? defaultLoss(model) : getLoss(options.loss);
  const penalty: Penalty | null = options.penalty == null ? null : getPenalty(options.penalty);
  const outputs = predict(model, X);
  const value = objective(outputs, Y, loss, penalty, kernels(model));
  return isClassifier(model, loss)
    ? { loss: value, accuracy: accuracy(outputs, Y) }
    : { loss: value };
}

/** True when accuracy is meaningful: a cross-entropy loss, or a sigmoid/softmax output. */
export function isClassifier(model: Sequential, loss: Loss): boolean {
  const out = model.outputActivation.name;
  return loss.name.endsWith('CrossEntropy') || out === 'sigmoid' || out === 'softmax';
}
