import { type FloatArray, Matrix } from '@backprop/linalg';
import { isFullBatchOptimizer, type Optimizer } from '@backprop/optim';
import type { Explained } from '../layers/layer';
import { sub } from '../notation';
import type { Sequential } from '../sequential';

/** The step an optimizer would take for one parameter, with its state after that step. */
export interface UpdateTrace {
  layer: number;
  param: string;
  optimizer: string;
  /** The optimizer's state for this parameter after the step (Adam: m, v, m̂, v̂), then Δ. */
  entries: Explained[];
  /** The parameter after the step: what the training step would leave (bit for bit). */
  after: Matrix;
}

const bias = (slot: FloatArray, beta: number, t: number, rows: number, cols: number) =>
  new Matrix(
    rows,
    cols,
    slot.map((v) => v / (1 - beta ** t)),
  );

/**
 * Steps a copy of `optimizer` on copies of the parameters with `grads`: the model and the
 * optimizer given are untouched. Formulas for the built-in rules; any other optimizer shows its
 * state slots and Δ.
 */
export function previewStep(
  model: Sequential,
  grads: readonly Matrix[],
  optimizer: Optimizer,
): UpdateTrace[] {
  if (isFullBatchOptimizer(optimizer)) return [];
  const params = model.params();
  const copies = params.map((p) => p.value.clone());
  optimizer.step(
    copies,
    grads.map((g) => g.clone()),
  );
  const state = optimizer.getStateBuffers?.();
  const t = optimizer.iterations;
  const config = optimizer.config as Record<string, number>;
  const lr = typeof config.learningRate === 'number' ? config.learningRate : optimizer.learningRate;
  return params.map((p, k) => {
    const symbol = `${p.name}${sub(p.layer + 1)}`;
    const { rows, cols } = p.value;
    const entries: Explained[] = [];
    for (const [slot, buffers] of Object.entries(state?.slots ?? {}))
      entries.push({
        symbol: slot,
        formula: slotFormula(optimizer.name, slot, config),
        value: new Matrix(rows, cols, buffers[k]!.slice()),
      });
    if (
      (optimizer.name === 'adam' || optimizer.name === 'adamw') &&
      state?.slots.m &&
      state.slots.v
    ) {
      entries.push(
        {
          symbol: 'm̂',
          formula: `m̂ = m/(1 − β₁ᵗ), t = ${t}`,
          value: bias(state.slots.m[k]!, config.beta1!, t, rows, cols),
        },
        {
          symbol: 'v̂',
          formula: `v̂ = v/(1 − β₂ᵗ)`,
          value: bias(state.slots.v[k]!, config.beta2!, t, rows, cols),
        },
      );
    }
    const delta = new Matrix(
      rows,
      cols,
      copies[k]!.data.map((v, i) => v - p.value.data[i]!),
    );
    entries.push({
      symbol: `Δ${symbol}`,
      formula: stepFormula(optimizer.name, lr, config),
      value: delta,
    });
    return { layer: p.layer, param: p.name, optimizer: optimizer.name, entries, after: copies[k]! };
  });
}

function slotFormula(name: string, slot: string, c: Record<string, number>): string {
  if ((name === 'adam' || name === 'adamw') && slot === 'm')
    return `m = β₁·m + (1 − β₁)·g, β₁ = ${c.beta1}`;
  if ((name === 'adam' || name === 'adamw') && slot === 'v')
    return `v = β₂·v + (1 − β₂)·g², β₂ = ${c.beta2}`;
  if (name === 'sgd' && slot === 'velocity') return `v = μ·v − η·g, μ = ${c.momentum}`;
  return `${name}'s ${slot} after the step`;
}

function stepFormula(name: string, lr: number, c: Record<string, unknown>): string {
  if (name === 'adam') return `Δ = −η·m̂/(√v̂ + ε), η = ${lr}`;
  if (name === 'adamw') return `Δ = −η·(m̂/(√v̂ + ε) + λθ), η = ${lr}`;
  if (name === 'sgd' && !c.momentum) return `Δ = −η·g, η = ${lr}`;
  if (name === 'sgd' && c.nesterov) return `Δ = μ·v − η·g (Nesterov), η = ${lr}`;
  if (name === 'sgd') return `Δ = v, η = ${lr}`;
  return `Δ = θ after ${name}'s step − θ`;
}
