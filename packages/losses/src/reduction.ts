import { opt } from '@backprop/linalg';

/**
 * How a loss turns its per-sample costs ℓᵢ into J over a batch of m samples:
 * - `'mean'` (default): J = 1/m Σᵢ ℓᵢ — this library, Keras, the course's classification cost;
 * - `'halfMean'`: J = 1/(2m) Σᵢ ℓᵢ — the course's regression cost (gradient (ŷ − y)/m);
 * - `'sum'`: J = Σᵢ ℓᵢ — the thesis's sum of squared errors;
 * - `'halfSum'`: J = ½ Σᵢ ℓᵢ — the same with the ½ that cancels the square's 2 (gradient ŷ − y).
 * Gradients scale the same way, so an optimizer sees the loss it is given.
 */
export type Reduction = 'mean' | 'halfMean' | 'sum' | 'halfSum';

export const REDUCTIONS: readonly Reduction[] = ['mean', 'halfMean', 'sum', 'halfSum'];

/** The `reduction` option of every loss (default 'mean'). */
export const reductionOption = () => opt.oneOf<Reduction>('mean', [...REDUCTIONS]);

/** The factor that turns Σᵢ ℓᵢ over m samples into J. */
export function reductionScale(reduction: Reduction, m: number): number {
  switch (reduction) {
    case 'mean':
      return 1 / m;
    case 'halfMean':
      return 1 / (2 * m);
    case 'sum':
      return 1;
    case 'halfSum':
      return 0.5;
  }
}

/**
 * What Σᵢ ℓᵢ is divided by: m, 2m, 1 or 2 — losses divide rather than multiply by the scale, so
 * the mean is computed exactly as sum / m (as it always was).
 */
export function reductionDivisor(reduction: Reduction, m: number): number {
  return { mean: m, halfMean: 2 * m, sum: 1, halfSum: 2 }[reduction];
}

/** How the factor is written after a sum over the samples, for formulas: '/m', '/(2m)', '', '/2'. */
export function reductionText(reduction: Reduction): string {
  return { mean: '/m', halfMean: '/(2m)', sum: '', halfSum: '/2' }[reduction];
}
