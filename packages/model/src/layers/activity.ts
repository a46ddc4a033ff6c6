import { InvalidArgumentError, type Matrix } from '@backprop/linalg';
import { getPenalty, type PenaltySpec } from '@backprop/losses';

/**
 * An activity regulariser, as Keras's `activity_regularizer`: a penalty on a layer's outputs A
 * added to J, divided by the batch's m as Keras does — l2: λ Σ A² / m, gradient 2λA/m; l1:
 * λ Σ |A| / m, gradient λ·sign(A)/m.
 */
export interface ActivityRegularizer {
  readonly name: 'l1' | 'l2';
  readonly lambda: number;
}

/** The regulariser a spec names: `'l2'`, `{ name: 'l2', config: { lambda } }`, `l2(0.001)`. */
export function activityRegularizer(
  spec: PenaltySpec | ActivityRegularizer | null | undefined,
): ActivityRegularizer | null {
  if (spec == null) return null;
  const given = spec as { name?: unknown; lambda?: unknown };
  if ((given.name === 'l1' || given.name === 'l2') && typeof given.lambda === 'number')
    return checked(given.name, given.lambda);
  let config: { name: string; config?: { lambda?: number } };
  try {
    config = getPenalty(spec as PenaltySpec).toConfig() as typeof config;
  } catch (cause) {
    throw new InvalidArgumentError(
      'activityRegularizer',
      `dense: activityRegularizer: ${(cause as Error).message}`,
    );
  }
  if (config.name !== 'l1' && config.name !== 'l2')
    throw new InvalidArgumentError(
      'activityRegularizer',
      `dense: activityRegularizer must be l1 or l2, got '${config.name}'`,
    );
  return checked(config.name, config.config?.lambda ?? 0.01);
}

function checked(name: 'l1' | 'l2', lambda: number): ActivityRegularizer {
  if (!(Number.isFinite(lambda) && lambda >= 0))
    throw new InvalidArgumentError(
      'activityRegularizer',
      `dense: activityRegularizer's lambda must be a finite number >= 0, got ${lambda}`,
    );
  return { name, lambda };
}

/** Its share of J for outputs A of a batch of m rows. */
export function activityValue(r: ActivityRegularizer, A: Matrix): number {
  const a = A.data;
  let s = 0;
  if (r.name === 'l2') for (let i = 0; i < a.length; i++) s += a[i]! * a[i]!;
  else for (let i = 0; i < a.length; i++) s += Math.abs(a[i]!);
  return (r.lambda * s) / A.rows;
}

/** Adds its gradient ∂/∂A to `dA` (in place, allocation-free). */
export function addActivityGradient(r: ActivityRegularizer, A: Matrix, dA: Matrix): void {
  const a = A.data;
  const g = dA.data;
  const m = A.rows;
  if (r.name === 'l2') for (let i = 0; i < a.length; i++) g[i]! += (2 * r.lambda * a[i]!) / m;
  else for (let i = 0; i < a.length; i++) g[i]! += (r.lambda * Math.sign(a[i]!)) / m;
}

/** Its gradient written out for layer c's outputs, as the trace shows it: `2λ·A₂/m`. */
export function activityGradientFormula(r: ActivityRegularizer, c: string): string {
  return r.name === 'l2' ? `2·${r.lambda}·A${c}/m` : `${r.lambda}·sign(A${c})/m`;
}

/** Its share of J written out: `λ·ΣA₂²/m`. */
export function activityValueFormula(r: ActivityRegularizer, c: string): string {
  return r.name === 'l2' ? `${r.lambda}·ΣA${c}²/m` : `${r.lambda}·Σ|A${c}|/m`;
}
