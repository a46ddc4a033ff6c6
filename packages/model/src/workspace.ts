import { Matrix } from '@backprop/linalg';
import type { Sequential } from './sequential';

/** Per-layer buffers for one batch size: exactly what backward needs from forward, plus gradients. */
export interface LayerBuffers {
  /** Pre-activations (dense layers). */
  Z: Matrix | null;
  /** Activations: the layer's output. */
  A: Matrix;
  /** ∂L/∂A. */
  dA: Matrix;
  /** ∂L/∂Z (dense layers). */
  dZ: Matrix | null;
  /** Dropout multipliers: 0 or 1/(1 − rate) per activation. */
  mask: Float64Array | null;
}

/** Buffers for batches of m rows: allocated once per (model, m) and reused by every step. */
export interface Workspace {
  m: number;
  layers: LayerBuffers[];
  /** A gathered mini-batch of inputs (m x inputSize) and targets (m x outputs). */
  X: Matrix;
  Y: Matrix;
  /** Row indices of the current batch. */
  indices: Int32Array;
  /** The input the last forward pass saw (a batch buffer or the caller's matrix). */
  input: Matrix | null;
}

const cache = new WeakMap<Sequential, Map<number, Workspace>>();
/** A model keeps buffers for at most this many batch sizes (full batches and the last partial one need two). */
const MAX_SIZES = 4;

function allocate(model: Sequential, m: number): Workspace {
  const layers = model.layers.map((l): LayerBuffers => {
    const dense = l.type === 'dense';
    return {
      Z: dense ? new Matrix(m, l.units) : null,
      A: new Matrix(m, l.units),
      dA: new Matrix(m, l.units),
      dZ: dense ? new Matrix(m, l.units) : null,
      mask: dense ? null : new Float64Array(m * l.units),
    };
  });
  return {
    m,
    layers,
    X: new Matrix(m, model.inputSize),
    Y: new Matrix(m, model.outputSize),
    indices: new Int32Array(m),
    input: null,
  };
}

/** The workspace of `model` for batches of m rows (created on first use). */
export function workspaceFor(model: Sequential, m: number): Workspace {
  let sizes = cache.get(model);
  if (!sizes) {
    sizes = new Map();
    cache.set(model, sizes);
  }
  let ws = sizes.get(m);
  if (!ws) {
    if (sizes.size >= MAX_SIZES) sizes.delete(sizes.keys().next().value!);
    ws = allocate(model, m);
    sizes.set(m, ws);
  }
  return ws;
}

/** Gradient buffers, one per parameter tensor (same order as model.params()), allocated once per model. */
const gradCache = new WeakMap<Sequential, Matrix[]>();
export function gradientsFor(model: Sequential): Matrix[] {
  let grads = gradCache.get(model);
  if (!grads) {
    grads = model.params().map((p) => new Matrix(p.value.rows, p.value.cols));
    gradCache.set(model, grads);
  }
  return grads;
}
