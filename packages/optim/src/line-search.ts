/**
 * A line search that returns a step α satisfying the strong Wolfe conditions
 *   φ(α) ≤ φ(0) + c₁αφ'(0)        (sufficient decrease)
 *   |φ'(α)| ≤ c₂|φ'(0)|            (curvature)
 * for φ(α) = f(x + αd) along a descent direction d (Nocedal & Wright, Numerical Optimization,
 * 2nd ed., Algorithms 3.5 and 3.6, with safeguarded cubic interpolation in the zoom phase).
 */

/** φ and φ' at one step length; `evaluate` also leaves f's point and gradient for the caller. */
export interface LinePoint {
  alpha: number;
  value: number;
  slope: number;
}

export interface LineSearchOptions {
  c1: number;
  c2: number;
  maxEvaluations: number;
}

export interface LineSearchResult {
  /** The accepted point, or null when no Wolfe point was found within maxEvaluations. */
  point: LinePoint | null;
  evaluations: number;
}

/** The minimiser of the cubic through (a, fa, da) and (b, fb, db), or NaN when it has none. */
function cubicMinimizer(a: LinePoint, b: LinePoint): number {
  const d1 = a.slope + b.slope - (3 * (a.value - b.value)) / (a.alpha - b.alpha);
  const disc = d1 * d1 - a.slope * b.slope;
  if (!(disc >= 0)) return Number.NaN;
  const d2 = Math.sign(b.alpha - a.alpha) * Math.sqrt(disc);
  return b.alpha - (b.alpha - a.alpha) * ((b.slope + d2 - d1) / (b.slope - a.slope + 2 * d2));
}

/**
 * Strong Wolfe line search. `evaluate(α)` computes f and ∇f at x + αd and returns φ(α), φ'(α);
 * the last call made is not necessarily for the returned α, so the caller re-evaluates or keeps
 * the point of the returned α (see minimize, which keeps a copy of each evaluated point).
 */
export function strongWolfe(
  evaluate: (alpha: number) => LinePoint,
  start: LinePoint,
  initialStep: number,
  options: LineSearchOptions,
  onAccept: (point: LinePoint) => void,
): LineSearchResult {
  const { c1, c2, maxEvaluations } = options;
  const armijo = (p: LinePoint) => p.value <= start.value + c1 * p.alpha * start.slope;
  const curvature = (p: LinePoint) => Math.abs(p.slope) <= -c2 * start.slope;
  let evaluations = 0;
  let previous = start;
  let alpha = initialStep;

  const zoom = (lo: LinePoint, hi: LinePoint): LineSearchResult => {
    while (evaluations < maxEvaluations) {
      const width = hi.alpha - lo.alpha;
      let trial = cubicMinimizer(lo, hi);
      const lower = Math.min(lo.alpha, hi.alpha) + 0.1 * Math.abs(width);
      const upper = Math.max(lo.alpha, hi.alpha) - 0.1 * Math.abs(width);
      if (!(trial >= lower && trial <= upper)) trial = lo.alpha + 0.5 * width; // bisection safeguard
      const p = evaluate(trial);
      evaluations++;
      if (!Number.isFinite(p.value) || !armijo(p) || p.value >= lo.value) {
        hi = p;
      } else {
        if (curvature(p)) {
          onAccept(p);
          return { point: p, evaluations };
        }
        if (p.slope * (hi.alpha - lo.alpha) >= 0) hi = lo;
        lo = p;
        onAccept(lo);
      }
      if (Math.abs(hi.alpha - lo.alpha) < 1e-16 * Math.max(1, Math.abs(lo.alpha))) break;
    }
    return { point: lo.alpha > 0 && lo.value < start.value ? lo : null, evaluations };
  };

  while (evaluations < maxEvaluations) {
    const p = evaluate(alpha);
    evaluations++;
    if (
      !Number.isFinite(p.value) ||
      !armijo(p) ||
      (previous !== start && p.value >= previous.value)
    ) {
      return zoom(previous, p);
    }
    onAccept(p);
    if (curvature(p)) return { point: p, evaluations };
    if (p.slope >= 0) return zoom(p, previous);
    previous = p;
    alpha *= 2;
  }
  return { point: previous !== start ? previous : null, evaluations };
}
