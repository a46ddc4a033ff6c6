import { dtypeOf, InvalidArgumentError, type Matrix } from '@backprop/linalg';
import { fusesWith, type Loss, type Penalty } from '@backprop/losses';
import type { PassMode } from './layers/layer';
import type { Sequential } from './sequential';
import type { Workspace } from './workspace';

export interface ForwardOptions {
  /** Training mode: dropout is active (needs rng), batch normalisation uses batch statistics. Default false. */
  training?: boolean;
  rng?: PassMode['rng'];
  /** In training mode, whether batch normalisation updates its moving statistics (default true). */
  updateStatistics?: boolean;
}

const INFERENCE: PassMode = { training: false };

/** Typed errors for what would otherwise fail deep inside with a bare TypeError. */
function checkForward(model: Sequential, X: Matrix, ws: Workspace, options: ForwardOptions): void {
  if (
    typeof ws !== 'object' ||
    ws === null ||
    !Array.isArray(ws.layers) ||
    ws.layers.length !== model.layers.length
  )
    throw new InvalidArgumentError(
      'ws',
      'forward: give the workspace of this model: forward(model, X, model.workspace(X.rows))',
    );
  if (X?.rows !== ws.m)
    throw new InvalidArgumentError(
      'ws',
      `forward: X has ${X?.rows} rows but the workspace is for batches of ${ws.m}; use model.workspace(X.rows)`,
    );
  if (X.cols !== model.inputSize)
    throw new InvalidArgumentError(
      'X',
      `forward: X has ${X.cols} columns but the model takes ${model.inputSize} inputs`,
    );
  if (options.training && model.hasDropout && typeof options.rng?.next !== 'function')
    throw new InvalidArgumentError(
      'rng',
      'forward: training with dropout needs { rng } (a seeded Rng for the masks)',
    );
}

/**
 * The forward pass: each layer in turn (dense: Z = A_prev·W + b, A = g(Z); dropout, batch
 * normalisation, activation: see their files), keeping in `ws` what backward needs. Returns the
 * output A (a buffer of `ws`, valid until its next use). X of another dtype than the model's is
 * copied into the workspace's batch buffer first (a float32 model reads float64 data rounded).
 */
export function forward(
  model: Sequential,
  X: Matrix,
  ws: Workspace,
  options: ForwardOptions = {},
): Matrix {
  checkForward(model, X, ws, options);
  // No object per call: a training loop passes the same options object every batch.
  const mode = options.training === undefined ? INFERENCE : (options as PassMode);
  if (dtypeOf(X) !== model.dtype) {
    ws.X.data.set(X.data);
    X = ws.X;
  }
  ws.input = X;
  let a = X;
  for (let i = 0; i < model.layers.length; i++)
    a = model.layers[i]!.forward(a, ws.layers[i]!, mode);
  return a;
}

/**
 * True when the loss fuses with the model's output activation (sigmoid + binary or softmax +
 * categorical cross-entropy, by declared capability): the output δ is then (A − Y)/m exactly and
 * the loss value is computed from the logits.
 */
export function isFused(model: Sequential, loss: Loss): boolean {
  const last = model.layers.at(-1)!;
  return last.activation !== undefined && fusesWith(loss, last.activation);
}

/** The weight matrices penalties see (kernels, never biases) and their gradient buffers. */
export function kernels(model: Sequential): { weights: Matrix[]; grads: Matrix[] } {
  const weights: Matrix[] = [];
  const grads: Matrix[] = [];
  const all = model.gradients();
  model.params().forEach((p, k) => {
    if (model.layers[p.layer]!.penalized.includes(p.name)) {
      weights.push(p.value);
      grads.push(all[k]!);
    }
  });
  return { weights, grads };
}

/**
 * The backward pass after `forward` on the same workspace: fills the model's gradient buffers with
 * ∂J/∂θ for every parameter, J = loss + penalty. At the output, δ_L = (A − Y)/m when the loss fuses
 * with the output activation, otherwise ∂J/∂A from the loss; then each layer, last to first,
 * turns ∂J/∂(its output) into its parameters' gradients and ∂J/∂(its input) — see each layer's
 * file for its rule. Returns the gradient buffers (in model.params() order).
 */
export function backward(
  model: Sequential,
  ws: Workspace,
  Y: Matrix,
  loss: Loss,
  penalty: Penalty | null,
  kernelSet = kernels(model),
): Matrix[] {
  const layers = model.layers;
  const last = layers.length - 1;
  const out = ws.layers[last]!;
  const fused = isFused(model, loss);
  if (fused) loss.fusedGradient!(out.output, Y, out.delta!);
  else loss.gradient(out.output, Y, out.dOutput);
  for (let i = last; i >= 0; i--) {
    const input = i === 0 ? ws.input! : ws.layers[i - 1]!.output;
    const dInput = i > 0 ? ws.layers[i - 1]!.dOutput : null;
    layers[i]!.backward(input, ws.layers[i]!, model.layerGradients(i), dInput, i === last && fused);
  }
  if (penalty) penalty.addGradient(kernelSet.weights, kernelSet.grads, ws.input!.rows);
  return model.gradients();
}

/**
 * The loss of the last forward pass on `ws` against Y: from the output logits Z when the loss
 * fuses with the output activation (exact for confident outputs), else from the outputs A.
 */
export function lossValue(model: Sequential, ws: Workspace, Y: Matrix, loss: Loss): number {
  const out = ws.layers[model.layers.length - 1]!;
  return isFused(model, loss) ? loss.fusedValue!(out.preActivation!, Y) : loss.value(out.output, Y);
}

/** The layers' activity regularisers' share of J on the last forward pass (0 when none has one). */
export function activityPenalties(model: Sequential, ws: Workspace): number {
  let sum = 0;
  model.layers.forEach((layer, i) => {
    if (layer.activityPenalty) sum += layer.activityPenalty(ws.layers[i]!);
  });
  return sum;
}

/** J = loss + penalty(weights, m) for the last forward pass on `ws` (m = its rows). */
export function objective(
  model: Sequential,
  ws: Workspace,
  Y: Matrix,
  loss: Loss,
  penalty: Penalty | null,
  kernelSet: { weights: Matrix[] },
): number {
  const value = lossValue(model, ws, Y, loss) + activityPenalties(model, ws);
  return penalty ? value + penalty.value(kernelSet.weights, Y.rows) : value;
}
