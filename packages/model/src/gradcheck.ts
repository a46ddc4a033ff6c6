import { InvalidArgumentError, type Matrix, Rng } from '@backprop/linalg';
import {
  getLoss,
  getPenalty,
  type Loss,
  type LossSpec,
  type Penalty,
  type PenaltySpec,
} from '@backprop/losses';
import { checkData, defaultLoss } from './evaluate';
import { backward, forward, kernels, objective } from './network';
import { checkKeys } from './options';
import type { Sequential } from './sequential';

export interface GradientCheckOptions {
  loss?: LossSpec;
  penalty?: PenaltySpec | null;
  /** Central-difference step (default 1e-5). */
  epsilon?: number;
  /**
   * Check at most this many entries per tensor, a seeded random subset. Default: every entry of a
   * model with at most 10,000 parameters; above that, 200 per tensor (each entry costs two forward
   * passes, so checking all of a large model takes minutes). `Infinity` checks every entry.
   */
  maxEntriesPerTensor?: number;
  /** Called after each checked entry with (done, total), e.g. to show progress. */
  onProgress?: (done: number, total: number) => void;
  /**
   * Check the training-mode pass (default false: inference mode): batch normalisation then uses
   * batch statistics (without updating its moving ones) and dropout the same seeded masks in every
   * evaluation, so the objective stays a deterministic function of the weights.
   */
  training?: boolean;
  seed?: number;
  /** How many of the worst entries to report (default 5). */
  worst?: number;
}

export interface TensorCheck {
  layer: number;
  param: string;
  /** Entries checked (a seeded subset when fewer than `entries`). */
  checked: number;
  /** Entries in the tensor. */
  entries: number;
  /** ‖analytic − numeric‖ / max(‖analytic‖, ‖numeric‖) over the checked entries (0 when both are 0). */
  relativeError: number;
}

export interface EntryCheck {
  layer: number;
  param: string;
  i: number;
  j: number;
  analytic: number;
  numeric: number;
  absoluteError: number;
}

export interface GradientCheckResult {
  tensors: TensorCheck[];
  /** The largest tensor relative error: the figure to compare with a threshold such as 1e-7. */
  maxRelativeError: number;
  /** The entries with the largest |analytic − numeric|, worst first. */
  worst: EntryCheck[];
  /**
   * True when the model is float32 and a float64 copy of it was checked: float32's rounding
   * (~6e-8 relative) would swamp a central difference, and both dtypes run the same backward code.
   */
  float64Copy: boolean;
}

/** Above this many parameters, gradientCheck checks a seeded subset unless told otherwise. */
export const FULL_CHECK_LIMIT = 10_000;
const SUBSET_PER_TENSOR = 200;

function entriesPerTensor(model: Sequential, given: number | undefined): number {
  if (given === undefined)
    return model.parameterCount <= FULL_CHECK_LIMIT ? Number.POSITIVE_INFINITY : SUBSET_PER_TENSOR;
  if (!(given === Number.POSITIVE_INFINITY || (Number.isInteger(given) && given >= 1)))
    throw new InvalidArgumentError(
      'maxEntriesPerTensor',
      `gradientCheck: maxEntriesPerTensor must be an integer >= 1 or Infinity, got ${given}`,
    );
  return given;
}

/**
 * Checks backpropagation against central differences: for every parameter entry (or a seeded
 * subset), (J(θ + ε) − J(θ − ε)) / 2ε against the analytic gradient, with J = loss + penalty
 * on (X, Y) in inference mode (dropout off) or, with `training`, in training mode. Reports each tensor's relative error and the worst
 * entries with their (layer, i, j). A float32 model is checked through a float64 copy of its
 * weights (`float64Copy: true`); the model itself is not changed.
 */
export function gradientCheck(
  given: Sequential,
  X: Matrix,
  Y: Matrix,
  options: GradientCheckOptions = {},
): GradientCheckResult {
  checkKeys('gradientCheck', options, [
    'loss',
    'penalty',
    'epsilon',
    'maxEntriesPerTensor',
    'seed',
    'worst',
    'onProgress',
    'training',
  ]);
  checkData('gradientCheck', given, X, Y);
  const model = given.astype('float64');
  if (X.rows === 0) throw new InvalidArgumentError('X', 'gradientCheck: X has no rows');
  const eps = options.epsilon ?? 1e-5;
  if (!(eps > 0))
    throw new InvalidArgumentError('epsilon', `gradientCheck: epsilon must be > 0, got ${eps}`);
  const loss: Loss = options.loss === undefined ? defaultLoss(model) : getLoss(options.loss);
  const penalty: Penalty | null = options.penalty == null ? null : getPenalty(options.penalty);
  const ws = model.workspace(X.rows);
  const kernelSet = kernels(model);
  const J = () => {
    const mode = options.training
      ? { training: true, rng: new Rng(options.seed ?? 0), updateStatistics: false }
      : {};
    forward(model, X, ws, mode);
    return objective(model, ws, Y, loss, penalty, kernelSet);
  };
  J();
  const analytic = backward(model, ws, Y, loss, penalty, kernelSet).map((g) => g.data.slice());
  const rng = new Rng(options.seed ?? 0);
  const entries: EntryCheck[] = [];
  const limit = entriesPerTensor(model, options.maxEntriesPerTensor);
  const params = model.params();
  const total = params.reduce((n, p) => n + Math.min(limit, p.value.data.length), 0);
  let done = 0;
  const tensors = params.map((p, k): TensorCheck => {
    const data = p.value.data;
    const count = Math.min(limit, data.length);
    const chosen =
      count === data.length
        ? Int32Array.from({ length: count }, (_, i) => i)
        : rng.permutation(data.length).subarray(0, count);
    let diff = 0;
    let na = 0;
    let nn = 0;
    for (const index of chosen) {
      const saved = data[index]!;
      data[index] = saved + eps;
      const plus = J();
      data[index] = saved - eps;
      const minus = J();
      data[index] = saved;
      const numeric = (plus - minus) / (2 * eps);
      const a = analytic[k]![index]!;
      diff += (a - numeric) ** 2;
      na += a * a;
      nn += numeric * numeric;
      entries.push({
        layer: p.layer,
        param: p.name,
        i: Math.floor(index / p.value.cols),
        j: index % p.value.cols,
        analytic: a,
        numeric,
        absoluteError: Math.abs(a - numeric),
      });
      options.onProgress?.(++done, total);
    }
    const denom = Math.sqrt(Math.max(na, nn));
    return {
      layer: p.layer,
      param: p.name,
      checked: count,
      entries: data.length,
      relativeError: denom === 0 ? 0 : Math.sqrt(diff) / denom,
    };
  });
  entries.sort((a, b) => b.absoluteError - a.absoluteError);
  return {
    tensors,
    maxRelativeError: Math.max(0, ...tensors.map((t) => t.relativeError)),
    worst: entries.slice(0, options.worst ?? 5),
    float64Copy: model !== given,
  };
}
