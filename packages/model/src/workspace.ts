import type { Matrix } from '@backprop/linalg';
import { zeros } from '@backprop/linalg';
import type { LayerBuffers } from './layers/layer';
import type { Sequential } from './sequential';

/**
 * Everything one batch size needs, allocated once and reused by every pass: each layer's buffers
 * (its output A and ∂J/∂A, and for layers ending in an activation Z and δ), the gathered batch,
 * and where the input came from. A model owns one per batch size (`model.workspace(m)`); after a
 * forward pass its buffers are the per-layer view that trace reads.
 */
export interface Workspace {
  readonly m: number;
  /** One per layer, in order. */
  readonly layers: LayerBuffers[];
  /**
   * A gathered mini-batch of inputs (m x inputSize) and targets (m x outputs), of the model's
   * dtype: a float32 model's batches are rounded from float64 data as they are gathered.
   */
  readonly X: Matrix;
  readonly Y: Matrix;
  /** Row indices of the current batch. */
  readonly indices: Int32Array;
  /** The input the last forward pass saw (a batch buffer or the caller's matrix). */
  input: Matrix | null;
}

/** A fresh workspace of `model` for batches of m rows. */
export function createWorkspace(model: Sequential, m: number): Workspace {
  return {
    m,
    layers: model.layers.map((l) => l.buffers(m, model.dtype)),
    X: zeros(m, model.inputSize, model.dtype),
    Y: zeros(m, model.outputSize, model.dtype),
    indices: new Int32Array(m),
    input: null,
  };
}

/** The workspace `model` keeps for batches of m rows (same as `model.workspace(m)`). */
export function workspaceFor(model: Sequential, m: number): Workspace {
  return model.workspace(m);
}
