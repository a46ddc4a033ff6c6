import {
  addRowVector,
  InvalidArgumentError,
  type Matrix,
  matmul,
  matmulTransA,
  matmulTransB,
  type Rng,
  sumRows,
} from '@backprop/linalg';
import { fusesWith, type Loss, type Penalty } from '@backprop/losses';
import type { Sequential } from './sequential';
import { gradientsFor, type Workspace } from './workspace';

export interface ForwardOptions {
  /** Training mode: dropout is active (needs rng). Default false. */
  training?: boolean;
  rng?: Rng;
}

/**
 * The forward pass: for each dense layer Z = A_prev·W + b, A = g(Z); dropout multiplies by its
 * mask in training. Keeps Z, A and the masks in `ws` for backward; returns the output A
 * (a buffer of `ws`, valid until its next use).
 */
export function forward(
  model: Sequential,
  X: Matrix,
  ws: Workspace,
  options: ForwardOptions = {},
): Matrix {
  checkForward(model, X, ws, options);
  ws.input = X;
  let prev = X;
  for (let i = 0; i < model.layers.length; i++) {
    const layer = model.layers[i]!;
    const buf = ws.layers[i]!;
    if (layer.type === 'dense') {
      const Z = matmul(prev, layer.W, buf.Z!);
      if (layer.useBias) addRowVector(Z, layer.b, Z);
      prev = layer.activation.forward(Z, buf.A);
    } else {
      const mask = buf.mask!;
      const a = buf.A.data;
      const p = prev.data;
      if (options.training && layer.rate > 0) {
        const keep = 1 / (1 - layer.rate);
        for (let k = 0; k < a.length; k++) {
          mask[k] = options.rng!.next() < layer.rate ? 0 : keep;
          a[k] = p[k]! * mask[k]!;
        }
      } else {
        mask.fill(1);
        a.set(p);
      }
      prev = buf.A;
    }
  }
  return prev;
}

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
      'forward: give the workspace of this model: forward(model, X, workspaceFor(model, X.rows))',
    );
  if (X?.rows !== ws.m)
    throw new InvalidArgumentError(
      'ws',
      `forward: X has ${X?.rows} rows but the workspace is for batches of ${ws.m}; use workspaceFor(model, X.rows)`,
    );
  if (X.cols !== model.inputSize)
    throw new InvalidArgumentError(
      'X',
      `forward: X has ${X.cols} columns but the model takes ${model.inputSize} inputs`,
    );
  if (
    options.training &&
    model.layers.some((l) => l.type === 'dropout' && l.rate > 0) &&
    typeof options.rng?.next !== 'function'
  )
    throw new InvalidArgumentError(
      'rng',
      'forward: training with dropout needs { rng } (a seeded Rng for the masks)',
    );
}

/** The weight matrices (never the biases) and their gradient buffers, for penalties. */
export function kernels(model: Sequential): { weights: Matrix[]; grads: Matrix[] } {
  const params = model.params();
  const grads = gradientsFor(model);
  const weights: Matrix[] = [];
  const kernelGrads: Matrix[] = [];
  params.forEach((p, k) => {
    if (p.name === 'W') {
      weights.push(p.value);
      kernelGrads.push(grads[k]!);
    }
  });
  return { weights, grads: kernelGrads };
}

/**
 * The backward pass after `forward` on the same workspace: fills the model's gradient buffers with
 * ∂J/∂W and ∂J/∂b for every layer (the course's delta rules), J = loss + penalty.
 *   output: δ_L = (A − Y)/m when the loss fuses with the output activation (sigmoid + binary or
 *           softmax + categorical cross-entropy); otherwise δ_L = g'(Z_L) applied to ∂J/∂A.
 *   hidden: δ_l = (δ_{l+1}·W_{l+1}ᵀ) ⊙ g'(Z_l)        ∂J/∂W_l = A_{l−1}ᵀ·δ_l     ∂J/∂b_l = Σ_rows δ_l
 * Returns the gradient buffers (in model.params() order).
 */
export function backward(
  model: Sequential,
  ws: Workspace,
  Y: Matrix,
  loss: Loss,
  penalty: Penalty | null,
  kernelSet = kernels(model),
): Matrix[] {
  const grads = gradientsFor(model);
  const layers = model.layers;
  const last = layers.length - 1;
  const out = ws.layers[last]!;
  const fused = isFused(model, loss);
  if (fused) loss.fusedGradient!(out.A, Y, out.dZ!);
  else loss.gradient(out.A, Y, out.dA);
  let g = grads.length;
  for (let i = last; i >= 0; i--) {
    const layer = layers[i]!;
    const buf = ws.layers[i]!;
    const prevA = i === 0 ? ws.input! : ws.layers[i - 1]!.A;
    if (layer.type === 'dense') {
      const dZ =
        i === last && fused ? buf.dZ! : layer.activation.backward(buf.Z!, buf.A, buf.dA, buf.dZ!);
      if (layer.useBias) sumRows(dZ, grads[--g]!);
      matmulTransA(prevA, dZ, grads[--g]!);
      if (i > 0) matmulTransB(dZ, layer.W, ws.layers[i - 1]!.dA);
    } else if (i > 0) {
      const d = ws.layers[i - 1]!.dA.data;
      const mask = buf.mask!;
      const dA = buf.dA.data;
      for (let k = 0; k < d.length; k++) d[k] = dA[k]! * mask[k]!;
    }
  }
  if (penalty) penalty.addGradient(kernelSet.weights, kernelSet.grads, ws.input!.rows);
  return grads;
}

/**
 * True when the loss fuses with the model's output activation (sigmoid + binary or softmax +
 * categorical cross-entropy, by declared capability): the output δ is then (A − Y)/m exactly and
 * the loss value is computed from the logits.
 */
export function isFused(model: Sequential, loss: Loss): boolean {
  const last = model.layers.at(-1)!;
  return last.type === 'dense' && fusesWith(loss, last.activation);
}

/**
 * The loss of the last forward pass on `ws` against Y: from the output logits Z when the loss
 * fuses with the output activation (exact for confident outputs), else from the outputs A.
 */
export function lossValue(model: Sequential, ws: Workspace, Y: Matrix, loss: Loss): number {
  const out = ws.layers[model.layers.length - 1]!;
  return isFused(model, loss) ? loss.fusedValue!(out.Z!, Y) : loss.value(out.A, Y);
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
  const value = lossValue(model, ws, Y, loss);
  return penalty ? value + penalty.value(kernelSet.weights, Y.rows) : value;
}
