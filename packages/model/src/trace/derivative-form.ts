import { Matrix } from '@backprop/linalg';
import type { Explained } from '../layers/layer';
import type { LayerTrace } from './trace';

/** g′ written with the layer's output a = g(z), for the activations whose derivative has that form. */
const FROM_OUTPUT: Record<
  string,
  { formula: (A: string) => string; value: (a: number) => number }
> = {
  sigmoid: { formula: (A) => `${A}(1 − ${A})`, value: (a) => a * (1 - a) },
  tanh: { formula: (A) => `(1 − ${A}²)`, value: (a) => 1 - a * a },
  relu: { formula: (A) => `[${A} > 0]`, value: (a) => (a > 0 ? 1 : 0) },
};

const DELTA = /^δ(\S+) = ∂J\/∂A\S+ ⊙ (\w+)′\(Z\S+\)$/;

/**
 * The layer with δ = ∂J/∂A ⊙ g′ computed from A, as the course writes it (δ = … ⊙ a(1 − a)), in
 * place of g′(Z): the same number up to the last bits, which is what a book's tables show. Layers
 * whose activation has no such form (softplus, GELU, …), and fused output layers, are unchanged.
 */
export function derivativeFromOutput(layer: LayerTrace): LayerTrace {
  const backward = layer.backward.map((e): Explained => {
    const match = DELTA.exec(e.formula);
    const form = match && FROM_OUTPUT[match[2]!];
    if (!match || !form) return e;
    const c = match[1]!;
    const A = layer.forward.find((f) => f.symbol === `A${c}`)?.value;
    const dA = layer.backward.find((b) => b.symbol === `∂J/∂A${c}`)?.value;
    if (!A || !dA) return e;
    const value = new Matrix(A.rows, A.cols);
    for (let i = 0; i < value.data.length; i++)
      value.data[i] = dA.data[i]! * form.value(A.data[i]!);
    return { ...e, formula: `δ${c} = ∂J/∂A${c} ⊙ ${form.formula(`A${c}`)}`, value };
  });
  return { ...layer, backward };
}
