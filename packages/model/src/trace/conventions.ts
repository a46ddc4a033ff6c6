import { InvalidArgumentError, Matrix, transpose } from '@backprop/linalg';
import type { Explained } from '../layers/layer';
import { checkKeys } from '../options';
import { derivativeFromOutput } from './derivative-form';
import type { TraceResult } from './trace';

/**
 * Textbooks write the same step differently; these switches render a trace in a book's notation
 * so its numbers can be compared one for one.
 * - `layout`: `'rows'` (examples are rows, Z = A·W + b: this library, Keras) or `'columns'`
 *   (examples are columns, Z = Wᵀ·A + b: Andrew Ng's slides) — every matrix is transposed.
 * - `bias`: `'separate'` (W and b) or `'column'` (the course's Θ = [b | Wᵀ], bias in column 0):
 *   each dense layer also shows Θ and ∂J/∂Θ.
 * - `reduction`: `'mean'` (J averages over the m examples: this library, the course) or `'sum'`
 *   (J = Σ over examples, as the thesis writes it): the loss, δ and every gradient scale by m.
 * - `derivative`: `'z'` (δ = ∂J/∂A ⊙ g′(Z): what training computes) or `'a'` (g′ from the output,
 *   δ = ∂J/∂A ⊙ A(1 − A) for sigmoid, (1 − A²) for tanh, [A > 0] for ReLU: the course's form) —
 *   the same numbers up to the last bits.
 * The penalty's form (the course's λ/(2m) Σ W² or the thesis's and Keras's λ Σ W²) is the
 * penalty's own `form` option: `trace(model, X, Y, { penalty: { name: 'l2', config: { lambda,
 * form: 'keras' } } })`.
 */
export interface Conventions {
  layout?: 'rows' | 'columns';
  bias?: 'separate' | 'column';
  reduction?: 'mean' | 'sum';
  derivative?: 'z' | 'a';
}

function read(c: Conventions) {
  checkKeys('conventions', c, ['layout', 'bias', 'reduction', 'derivative']);
  const check = <T extends string>(name: string, v: T | undefined, valid: T[], def: T): T => {
    const value = v ?? def;
    if (!valid.includes(value))
      throw new InvalidArgumentError(
        name,
        `conventions: ${name} must be ${valid.map((x) => `'${x}'`).join(' or ')}, got ${JSON.stringify(v)}`,
      );
    return value;
  };
  return {
    layout: check('layout', c.layout, ['rows', 'columns'], 'rows'),
    bias: check('bias', c.bias, ['separate', 'column'], 'separate'),
    reduction: check('reduction', c.reduction, ['mean', 'sum'], 'mean'),
    derivative: check('derivative', c.derivative, ['z', 'a'], 'z'),
  };
}

const scaled = (m: Matrix, factor: number) =>
  new Matrix(
    m.rows,
    m.cols,
    m.data.map((v) => v * factor),
  );
const isGradient = (e: Explained) => e.symbol.startsWith('δ') || e.symbol.includes('∂J/∂');

/** Θ = [b | Wᵀ] (units x (inputs + 1), bias in column 0) from W (inputs x units) and b (1 x units). */
function theta(W: Matrix, b: Matrix | undefined): Matrix {
  const out = new Matrix(W.cols, W.rows + 1);
  for (let u = 0; u < W.cols; u++) {
    out.data[u * out.cols] = b ? b.data[u]! : 0;
    for (let k = 0; k < W.rows; k++) out.data[u * out.cols + k + 1] = W.data[k * W.cols + u]!;
  }
  return out;
}

/**
 * The trace in another notation (see Conventions): same step, a book's way of writing it. With
 * the defaults it is returned as it is.
 */
export function withConventions(
  t: TraceResult,
  conventions: Conventions,
  weights: (layer: number) => { W?: Matrix; b?: Matrix },
): TraceResult {
  const c = read(conventions);
  if (c.reduction === 'sum' && t.loss.reduction !== 'mean')
    throw new InvalidArgumentError(
      'reduction',
      `conventions: reduction 'sum' rewrites a mean loss as a sum, but this loss is already reduced by '${t.loss.reduction}'`,
    );
  const sum = c.reduction === 'sum';
  const render = (e: Explained): Explained => {
    let value = sum && isGradient(e) ? scaled(e.value, t.m) : e.value;
    let formula = sum && isGradient(e) ? e.formula.replace('/m', '') : e.formula;
    if (c.layout === 'columns') {
      value = transpose(value);
      formula = e.formulaColumns ?? formula;
    }
    return { symbol: e.symbol, formula, value };
  };
  const layers = t.layers.map((given) => {
    const layer = c.derivative === 'a' ? derivativeFromOutput(given) : given;
    const backward = layer.backward.map(render);
    const forward = layer.forward.map(render);
    const { W, b } = weights(layer.index);
    if (c.bias === 'column' && W) {
      const l = layer.description;
      forward.unshift({
        symbol: 'Θ',
        formula: `Θ = [b | Wᵀ] (bias in column 0) of ${l}`,
        value: theta(W, b),
      });
      const dW = layer.backward.find(
        (e) => e.symbol.startsWith('∂J/∂W') && !e.symbol.includes('total'),
      );
      const db = layer.backward.find((e) => e.symbol.startsWith('∂J/∂b'));
      if (dW)
        backward.push(
          render({
            symbol: '∂J/∂Θ',
            formula: '∂J/∂Θ = [∂J/∂b | (∂J/∂W)ᵀ]',
            value: theta(dW.value, db?.value),
          }),
        );
    }
    return { ...layer, input: render(layer.input), forward, backward };
  });
  return {
    ...t,
    loss: { ...t.loss, value: sum ? t.loss.value * t.m : t.loss.value },
    layers,
    updates: t.updates.map((u) => ({
      ...u,
      entries: u.entries.map((e) =>
        c.layout === 'columns' ? { ...e, value: transpose(e.value) } : e,
      ),
    })),
  };
}
