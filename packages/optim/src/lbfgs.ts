import { InvalidArgumentError, opt, readOptions } from '@backprop/linalg';
import { type LinePoint, strongWolfe } from './line-search';
import type { FullBatchOptimizer, OptimizerState } from './optimizer';

/** f(x) and ∇f(x). The returned gradient may be reused by fn; minimize copies it. */
export type Objective = (x: Float64Array) => { value: number; gradient: ArrayLike<number> };

/** Why minimize stopped. */
export type StopReason =
  | 'gradientTolerance'
  | 'valueTolerance'
  | 'maxIterations'
  | 'lineSearchFailed'
  | 'nonFinite'
  | 'stopped';

export interface MinimizeResult {
  x: Float64Array;
  value: number;
  gradient: Float64Array;
  iterations: number;
  evaluations: number;
  reason: StopReason;
  /** True when a tolerance was met (gradientTolerance or valueTolerance). */
  converged: boolean;
}

export interface LbfgsOptions {
  /** Correction pairs kept (m in Nocedal & Wright); default 10. */
  memory?: number;
  /** Iterations (line searches) at most; default 1000. */
  maxIterations?: number;
  /** Stop when ‖∇f‖∞ ≤ this; default 1e-9. */
  gradientTolerance?: number;
  /** Stop when (f_prev − f) ≤ this · max(|f_prev|, |f|, 1); default 1e-15. */
  valueTolerance?: number;
  /** Wolfe constants, 0 < c1 < c2 < 1; defaults 1e-4 and 0.9. */
  c1?: number;
  c2?: number;
  /** Function evaluations per line search at most; default 30. */
  maxLineSearch?: number;
}

/** Per-call extras: observe iterations or stop early (return false, or abort the signal). */
export interface MinimizeCallbacks {
  /** After each iteration, with the accepted point `x` (read it, do not keep it: it is reused). */
  onIteration?: (info: IterationInfo) => boolean | undefined;
  signal?: { aborted: boolean };
}

function readLbfgs(config: LbfgsOptions | undefined) {
  const c = readOptions('lbfgs', config, {
    memory: opt.integer(10, 1),
    maxIterations: opt.integer(1000, 0),
    gradientTolerance: opt.nonNegative(1e-9),
    valueTolerance: opt.nonNegative(1e-15),
    c1: opt.halfOpen(1e-4, 0, 1),
    c2: opt.halfOpen(0.9, 0, 1),
    maxLineSearch: opt.integer(30, 1),
  });
  if (!(c.c1 > 0 && c.c1 < c.c2))
    throw new InvalidArgumentError('c1', `lbfgs: need 0 < c1 < c2 < 1, got c1=${c.c1}, c2=${c.c2}`);
  return c;
}

const dot = (a: Float64Array, b: Float64Array) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
};
const maxAbs = (a: Float64Array) => a.reduce((m, v) => Math.max(m, Math.abs(v)), 0);

/** What one L-BFGS iteration reached. */
export interface IterationInfo {
  iteration: number;
  value: number;
  gradientNorm: number;
  evaluations: number;
  /** The accepted point (read it, do not keep it: it is reused). */
  x: Float64Array;
}

/**
 * L-BFGS one iteration at a time (Nocedal & Wright, Algorithm 7.4: two-loop recursion with
 * H₀ = γI, γ = sᵀy/yᵀy, and a strong Wolfe line search), so that a training loop can run it as
 * its step — callbacks, stopping and progress between iterations — exactly as `minimize` does.
 */
export interface LbfgsSolver {
  /** The current point, its value and gradient. */
  readonly x: Float64Array;
  readonly value: number;
  readonly gradient: Float64Array;
  readonly iterations: number;
  readonly evaluations: number;
  /** Why it stopped, or null while it can go on. */
  readonly reason: StopReason | null;
  /** One iteration; null (and `reason` set) when a tolerance is met or it cannot go on. */
  iterate(): IterationInfo | null;
  /** The outcome so far. */
  result(): MinimizeResult;
}

/** Starts L-BFGS on fn from x0 (evaluates fn once; x0 is not modified). */
export function lbfgsSolver(
  fn: Objective,
  x0: ArrayLike<number>,
  options: LbfgsOptions = {},
): LbfgsSolver {
  const c = readLbfgs(options);
  const n = x0.length;
  const x = Float64Array.from(x0);
  const g = new Float64Array(n);
  const d = new Float64Array(n);
  const trialX = new Float64Array(n);
  const trialG = new Float64Array(n);
  const bestX = new Float64Array(n);
  const bestG = new Float64Array(n);
  const S = Array.from({ length: c.memory }, () => new Float64Array(n));
  const Y = Array.from({ length: c.memory }, () => new Float64Array(n));
  const rho = new Float64Array(c.memory);
  const alphas = new Float64Array(c.memory);
  let stored = 0;
  let newest = -1;
  let evaluations = 0;
  let iterations = 0;
  let reason: StopReason | null = null;

  const call = (point: Float64Array, gradOut: Float64Array): number => {
    const r = fn(point);
    evaluations++;
    if (r?.gradient?.length !== n) {
      throw new InvalidArgumentError(
        'fn',
        `minimize: fn must return { value, gradient } with ${n} gradient entries`,
      );
    }
    for (let i = 0; i < n; i++) gradOut[i] = r.gradient[i]!;
    return r.value;
  };

  let value = call(x, g);
  if (!Number.isFinite(value) || !g.every(Number.isFinite)) reason = 'nonFinite';

  const stop = (why: StopReason): null => {
    reason = why;
    return null;
  };

  const iterate = (): IterationInfo | null => {
    if (reason !== null) return null;
    if (iterations >= c.maxIterations)
      return stop(maxAbs(g) <= c.gradientTolerance ? 'gradientTolerance' : 'maxIterations');
    if (maxAbs(g) <= c.gradientTolerance) return stop('gradientTolerance');
    searchDirection(g, d, S, Y, rho, alphas, stored, newest);
    let slope = dot(g, d);
    if (!(slope < 0)) {
      // Not a descent direction (curvature information went stale): restart from steepest descent.
      stored = 0;
      for (let i = 0; i < n; i++) d[i] = -g[i]!;
      slope = dot(g, d);
    }
    const start: LinePoint = { alpha: 0, value, slope };
    const first =
      iterations === 0 && stored === 0 ? Math.min(1, 1 / Math.max(maxAbs(g), 1e-300)) : 1;
    bestX.set(x);
    bestG.set(g);
    let bestValue = value;
    const search = strongWolfe(
      (alpha) => {
        for (let i = 0; i < n; i++) trialX[i] = x[i]! + alpha * d[i]!;
        const v = call(trialX, trialG);
        return { alpha, value: v, slope: dot(trialG, d) };
      },
      start,
      first,
      { c1: c.c1, c2: c.c2, maxEvaluations: c.maxLineSearch },
      (p) => {
        bestValue = p.value;
        for (let i = 0; i < n; i++) bestX[i] = x[i]! + p.alpha * d[i]!;
        bestG.set(trialG);
      },
    );
    if (search.point === null) return stop('lineSearchFailed');
    const previousValue = value;
    newest = (newest + 1) % c.memory;
    const s = S[newest]!;
    const y = Y[newest]!;
    for (let i = 0; i < n; i++) {
      s[i] = bestX[i]! - x[i]!;
      y[i] = bestG[i]! - g[i]!;
    }
    x.set(bestX);
    g.set(bestG);
    value = bestValue;
    iterations++;
    const sy = dot(s, y);
    if (sy > 1e-12 * Math.sqrt(dot(s, s) * dot(y, y))) {
      rho[newest] = 1 / sy;
      stored = Math.min(stored + 1, c.memory);
    } else {
      newest = (newest - 1 + c.memory) % c.memory; // skip a pair without positive curvature
    }
    if (!Number.isFinite(value)) reason = 'nonFinite';
    else if (
      previousValue - value <=
      c.valueTolerance * Math.max(Math.abs(previousValue), Math.abs(value), 1)
    )
      reason = maxAbs(g) <= c.gradientTolerance ? 'gradientTolerance' : 'valueTolerance';
    return { iteration: iterations, value, gradientNorm: maxAbs(g), evaluations, x };
  };

  return {
    x,
    get value() {
      return value;
    },
    gradient: g,
    get iterations() {
      return iterations;
    },
    get evaluations() {
      return evaluations;
    },
    get reason() {
      return reason;
    },
    iterate,
    result: () => ({
      x,
      value,
      gradient: g,
      iterations,
      evaluations,
      reason: reason ?? 'stopped',
      converged: reason === 'gradientTolerance' || reason === 'valueTolerance',
    }),
  };
}

/**
 * Minimises f with L-BFGS (see lbfgsSolver) and a strong Wolfe line search. Works on a flat
 * parameter vector; usable without any other backprop package. `x0` is not modified.
 */
export function minimize(
  fn: Objective,
  x0: ArrayLike<number>,
  options: LbfgsOptions & MinimizeCallbacks = {},
): MinimizeResult {
  const { onIteration, signal, ...rest } = options;
  const solver = lbfgsSolver(fn, x0, rest);
  for (;;) {
    if (solver.reason === null && signal?.aborted) return { ...solver.result(), reason: 'stopped' };
    const info = solver.iterate();
    if (info === null) return solver.result();
    if (onIteration?.(info) === false) return { ...solver.result(), reason: 'stopped' };
  }
}

/** d = −H·g by the two-loop recursion over the `stored` newest pairs (ring buffer ending at `newest`). */
function searchDirection(
  g: Float64Array,
  d: Float64Array,
  S: Float64Array[],
  Y: Float64Array[],
  rho: Float64Array,
  alphas: Float64Array,
  stored: number,
  newest: number,
): void {
  const m = S.length;
  const n = g.length;
  for (let i = 0; i < n; i++) d[i] = -g[i]!;
  for (let k = 0; k < stored; k++) {
    const j = (newest - k + m) % m;
    const a = rho[j]! * dot(S[j]!, d);
    alphas[j] = a;
    const y = Y[j]!;
    for (let i = 0; i < n; i++) d[i]! -= a * y[i]!;
  }
  if (stored > 0) {
    const y = Y[newest]!;
    const gamma = dot(S[newest]!, y) / dot(y, y);
    for (let i = 0; i < n; i++) d[i]! *= gamma;
  }
  for (let k = stored - 1; k >= 0; k--) {
    const j = (newest - k + m) % m;
    const b = rho[j]! * dot(Y[j]!, d);
    const s = S[j]!;
    const a = alphas[j]!;
    for (let i = 0; i < n; i++) d[i]! += (a - b) * s[i]!;
  }
}

/**
 * The L-BFGS optimizer object (`getOptimizer('lbfgs')`): a full-batch optimizer — `kind:
 * 'fullBatch'` — that works on the flattened parameter vector of the whole training set, so it
 * has no per-batch `step`. `solver(fn, x0)` runs it one iteration at a time (what fit does, one
 * iteration per epoch); `minimize(fn, x0)` runs it to the end. Its curvature memory is not part
 * of the saved state: a resumed run rebuilds it within `memory` iterations.
 */
export interface LbfgsOptimizer extends FullBatchOptimizer {
  minimize(fn: Objective, x0: ArrayLike<number>, callbacks?: MinimizeCallbacks): MinimizeResult;
}

/** True for an optimizer that needs the whole objective (declares `kind: 'fullBatch'`), such as L-BFGS. */
export function isFullBatchOptimizer(value: unknown): value is FullBatchOptimizer {
  return (value as FullBatchOptimizer)?.kind === 'fullBatch';
}

export function lbfgs(config?: LbfgsOptions): LbfgsOptimizer {
  const c = readLbfgs(config);
  let iterations = 0;
  const emptyState = (): OptimizerState => ({ iterations, shapes: [], slots: {} });
  const counted = (solver: LbfgsSolver): LbfgsSolver => ({
    ...solver,
    get x() {
      return solver.x;
    },
    get value() {
      return solver.value;
    },
    get gradient() {
      return solver.gradient;
    },
    get iterations() {
      return solver.iterations;
    },
    get evaluations() {
      return solver.evaluations;
    },
    get reason() {
      return solver.reason;
    },
    iterate() {
      const info = solver.iterate();
      if (info) iterations++;
      return info;
    },
  });
  return {
    name: 'lbfgs',
    kind: 'fullBatch',
    config: Object.freeze({ ...c }),
    get iterations() {
      return iterations;
    },
    learningRate: 1,
    solver: (fn, x0) => counted(lbfgsSolver(fn, x0, c)),
    minimize(fn, x0, callbacks = {}) {
      const result = minimize(fn, x0, { ...c, ...callbacks });
      iterations += result.iterations;
      return result;
    },
    reset() {
      iterations = 0;
    },
    getState: emptyState,
    setState(state) {
      if (!(Number.isInteger(state?.iterations) && state.iterations >= 0)) {
        throw new InvalidArgumentError(
          'state',
          'lbfgs.setState: iterations must be a non-negative integer',
        );
      }
      iterations = state.iterations;
    },
    toJSON() {
      return { name: 'lbfgs', config: { ...c }, state: emptyState() };
    },
    toConfig() {
      return { name: 'lbfgs', config: { ...c } };
    },
  };
}
