import { Matrix, Rng } from '@backprop/linalg';
import {
  getLoss,
  getPenalty,
  type LossSpec,
  type PenaltySpec,
  REDUCTIONS,
  type Reduction,
  reductionText,
} from '@backprop/losses';
import {
  getOptimizer,
  type Optimizer,
  type OptimizerSpec,
  optimizerFromJSON,
} from '@backprop/optim';
import { checkData, defaultLoss } from '../evaluate';
import { type MatrixLike, type TargetsLike, toMatrix, toTargets } from '../inputs';
import type { Explained } from '../layers/layer';
import { activityPenalties, backward, forward, isFused, kernels, lossValue } from '../network';
import { sub } from '../notation';
import { checkKeys } from '../options';
import type { Sequential } from '../sequential';
import { previewStep, type UpdateTrace } from './update';

export interface TraceOptions {
  /** Default: the model's default loss (binary CE after sigmoid, categorical after softmax, else MSE). */
  loss?: LossSpec;
  penalty?: PenaltySpec | null;
  /**
   * The optimizer whose next step to show for every parameter (default a fresh Adam; an object
   * keeps its state, so a resumed optimizer's moments show). `null` shows no step.
   */
  optimizer?: OptimizerSpec | null;
  /** Trace the training-mode pass: dropout masks (seeded by `seed`), batch statistics. Default false. */
  training?: boolean;
  seed?: number;
}

/** One layer's part of the trace: its input, then its forward values, then its backward ones. */
export interface LayerTrace {
  /** Index in model.layers, and the layer's number in the notation (1-based). */
  index: number;
  l: number;
  description: string;
  input: Explained;
  forward: Explained[];
  backward: Explained[];
}

/** One step of backpropagation on (X, Y), every number with the formula that made it. */
export interface TraceResult {
  /** Rows of X. */
  m: number;
  loss: { name: string; value: number; formula: string; fused: boolean; reduction: Reduction };
  penalty: { name: string; value: number; formula: string; share: Explained[] } | null;
  layers: LayerTrace[];
  /** The step the optimizer would take from these gradients (the model is not changed). */
  updates: UpdateTrace[];
}

const copy = (e: Explained): Explained => ({ ...e, value: e.value.clone() });

/** The factor before Σ over the samples, as written: '1/m ', '1/(2m) ', '', '½ '. */
const FACTOR: Record<Reduction, string> = {
  mean: '1/m ',
  halfMean: '1/(2m) ',
  sum: '',
  halfSum: '½ ',
};

function lossFormula(name: string, fused: boolean, L: number, reduction: Reduction): string {
  const a = `A${sub(L)}`;
  const f = FACTOR[reduction];
  if (name === 'binaryCrossEntropy')
    return fused
      ? `J = ${f}Σ [max(Z, 0) − Z·Y + log(1 + e^−|Z|)]  (= −${f}Σ [Y log ${a} + (1 − Y) log(1 − ${a})], from the logits Z${sub(L)})`
      : `J = −${f}Σ [Y log ${a} + (1 − Y) log(1 − ${a})]`;
  if (name === 'categoricalCrossEntropy')
    return fused
      ? `J = ${f}Σ Y·(LSE(Z) − Z)  (= −${f}Σ Y log ${a}, from the logits Z${sub(L)})`
      : `J = −${f}Σ Y log ${a}`;
  const mean = reduction === 'mean' ? '1/(mK) ' : f;
  if (name === 'meanSquaredError') return `J = ${mean}Σ (${a} − Y)²`;
  if (name === 'meanAbsoluteError') return `J = ${mean}Σ |${a} − Y|`;
  return `J = ${name}(${a}, Y)`;
}

/** J's formula with more terms, written before its parenthesised note when it has one. */
function withTerms(formula: string, terms: string): string {
  const note = formula.indexOf('  (');
  return note < 0 ? formula + terms : formula.slice(0, note) + terms + formula.slice(note);
}

/** The layers' activity regularisers as terms of J: ' + 0.01·ΣA₁²/m' (empty without any). */
function activityTerms(model: Sequential): string {
  return model.layers
    .map((layer, i) => layer.activityPenaltyFormula?.(i + 1))
    .filter((f): f is string => typeof f === 'string')
    .map((f) => ` + ${f}`)
    .join('');
}

/** The loss's reduction (built-in losses say it in their config; others are taken as means). */
function reductionOf(loss: { toConfig(): unknown }): Reduction {
  const r = (loss.toConfig() as { config?: { reduction?: unknown } }).config?.reduction;
  return (REDUCTIONS as readonly unknown[]).includes(r) ? (r as Reduction) : 'mean';
}

function penaltyShareFormula(config: Record<string, unknown>): string {
  const c = (config.config ?? {}) as { form?: string };
  if (config.name === 'l1') return c.form === 'keras' ? 'λ·sign(W)' : 'λ/m·sign(W)';
  return c.form === 'keras' ? '2λ·W' : 'λ/m·W';
}

function penaltyFormula(config: Record<string, unknown>): string {
  const keras = config.form === 'keras';
  return config.name === 'l1'
    ? keras
      ? 'λ Σ |W|'
      : 'λ/m Σ |W|'
    : keras
      ? 'λ Σ W²'
      : 'λ/(2m) Σ W²  (weights only, never biases)';
}

/**
 * Runs one forward and backward pass of `model` on (X, Y) and returns every value — each layer's
 * input A₀…, Z, A, then δ (and ∂J/∂A where the loss does not fuse), ∂J/∂W, ∂J/∂b, the penalty's
 * share — with the formula that produced it, and the step the optimizer would take (for Adam
 * m, v, m̂, v̂ and Δ). Values are copies of the very buffers a training step computes, bit for
 * bit; the model's weights are not changed.
 */
export function trace(
  model: Sequential,
  x: MatrixLike,
  y: TargetsLike,
  options: TraceOptions = {},
): TraceResult {
  checkKeys('trace', options, ['loss', 'penalty', 'optimizer', 'training', 'seed']);
  const X = toMatrix('trace', 'X', x);
  const Y = toTargets('trace', model, y);
  checkData('trace', model, X, Y);
  const loss = options.loss === undefined ? defaultLoss(model) : getLoss(options.loss);
  const penalty = options.penalty == null ? null : getPenalty(options.penalty);
  const ws = model.workspace(X.rows);
  const mode = options.training
    ? { training: true, rng: new Rng(options.seed ?? 0), updateStatistics: false }
    : {};
  const kernelSet = kernels(model);
  forward(model, X, ws, mode);
  const fused = isFused(model, loss);
  const reduction = reductionOf(loss);
  const scale = reductionText(reduction);
  const L = model.layers.length;
  const layers: LayerTrace[] = model.layers.map((layer, i) => {
    const input = i === 0 ? X : ws.layers[i - 1]!.output;
    const ctx = { l: i + 1, fused: fused && i === L - 1, scale };
    const explained = layer.explainForward?.(input, ws.layers[i]!, ctx) ?? [
      {
        symbol: `A${sub(i + 1)}`,
        formula: `A${sub(i + 1)} = ${layer.type}(A${sub(i)})`,
        value: ws.layers[i]!.output,
      },
    ];
    return {
      index: i,
      l: i + 1,
      description: layer.describe(),
      input: copy({
        symbol: `A${sub(i)}`,
        formula: i === 0 ? 'A₀ = X' : `A${sub(i)}`,
        value: input,
      }),
      forward: explained.map(copy),
      backward: [],
    };
  });
  const value = lossValue(model, ws, Y, loss) + activityPenalties(model, ws);
  const penaltyValue = penalty ? penalty.value(kernelSet.weights, X.rows) : 0;
  const grads = backward(model, ws, Y, loss, null, kernelSet);
  model.layers.forEach((layer, i) => {
    const input = i === 0 ? X : ws.layers[i - 1]!.output;
    const ctx = { l: i + 1, fused: fused && i === L - 1, scale };
    const explained = layer.explainBackward?.(
      input,
      ws.layers[i]!,
      model.layerGradients(i),
      ctx,
    ) ?? [
      { symbol: `∂J/∂A${sub(i + 1)}`, formula: `∂J/∂A${sub(i + 1)}`, value: ws.layers[i]!.dOutput },
    ];
    layers[i]!.backward = explained.map(copy);
  });
  // The penalty's share, then the total gradient: exactly what backward with the penalty gives.
  let penaltyTrace: TraceResult['penalty'] = null;
  if (penalty) {
    const shares = kernelSet.weights.map((w) => new Matrix(w.rows, w.cols));
    penalty.addGradient(kernelSet.weights, shares, X.rows);
    penalty.addGradient(kernelSet.weights, kernelSet.grads, X.rows);
    const config = penalty.toConfig() as unknown as Record<string, unknown>;
    const owners = model.params().filter((p) => model.layers[p.layer]!.penalized.includes(p.name));
    owners.forEach((o, k) => {
      layers[o.layer]!.backward.push(
        copy({
          symbol: `penalty share of ∂J/∂W${sub(o.layer + 1)}`,
          formula: penaltyShareFormula(config),
          value: shares[k]!,
        }),
        copy({
          symbol: `∂J/∂W${sub(o.layer + 1)} (total)`,
          formula: `loss part + penalty share`,
          value: kernelSet.grads[k]!,
        }),
      );
    });
    penaltyTrace = {
      name: penalty.name,
      value: penaltyValue,
      formula: penaltyFormula({ name: penalty.name, ...(config.config as object) }),
      share: shares.map((s, k) => ({
        symbol: `penalty ∂/∂W${sub(owners[k]!.layer + 1)}`,
        formula: penaltyShareFormula(config),
        value: s,
      })),
    };
  }
  const optimizer: Optimizer | null =
    options.optimizer === null
      ? null
      : options.optimizer === undefined
        ? getOptimizer('adam')
        : getOptimizer(options.optimizer);
  return {
    m: X.rows,
    loss: {
      name: loss.name,
      value: value + penaltyValue,
      formula: withTerms(lossFormula(loss.name, fused, L, reduction), activityTerms(model)),
      fused,
      reduction,
    },
    penalty: penaltyTrace,
    layers,
    updates: optimizer ? previewStep(model, grads, optimizerFromJSON(optimizer.toJSON())) : [],
  };
}
