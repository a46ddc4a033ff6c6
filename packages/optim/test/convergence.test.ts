import { Matrix } from '@backprop/linalg';
import { describe, expect, it } from 'vitest';
import { getOptimizer, minimize, type StepOptimizer, sgd } from '../src/index';

/** f(x) = ½ Σ aᵢxᵢ² − bᵢxᵢ with a = (1, 4, 10), b = (1, 2, 5): minimum x* = (1, 0.5, 0.5). */
const A = [1, 4, 10];
const B = [1, 2, 5];
const X_STAR = [1, 0.5, 0.5];

/** Steps until max|x − x*| < 1e-6, or -1 within the budget. */
function stepsToMinimum(optimizer: StepOptimizer, budget: number): number {
  const x = new Matrix(1, 3);
  const g = new Matrix(1, 3);
  for (let t = 1; t <= budget; t++) {
    for (let i = 0; i < 3; i++) g.data[i] = A[i]! * x.data[i]! - B[i]!;
    optimizer.step([x], [g]);
    if (X_STAR.every((v, i) => Math.abs(x.data[i]! - v) < 1e-6)) return t;
  }
  return -1;
}

const decaying = (initial: number, steps: number) => ({
  name: 'exponentialDecay',
  config: { initial, rate: 0.5, steps },
});

describe('every optimizer minimises a convex quadratic to 1e-6', () => {
  // Budgets are ~4x the steps measured here (in brackets), so a regression that slows an
  // optimizer down by a large factor fails.
  it.each<[string, object, number]>([
    ['gd η=0.15 [86]', { name: 'sgd', config: { learningRate: 0.15 } }, 400],
    ['momentum 0.7 [71]', { name: 'sgd', config: { learningRate: 0.05, momentum: 0.7 } }, 300],
    [
      'nesterov 0.7 [61]',
      { name: 'sgd', config: { learningRate: 0.05, momentum: 0.7, nesterov: true } },
      250,
    ],
    ['adagrad η=0.5 [25]', { name: 'adagrad', config: { learningRate: 0.5 } }, 100],
    [
      'rmsprop, exponential decay [51]',
      { name: 'rmsprop', config: { learningRate: decaying(0.05, 100) } },
      200,
    ],
    [
      'rmsprop + momentum 0.5, exponential decay [39]',
      { name: 'rmsprop', config: { learningRate: decaying(0.05, 100), momentum: 0.5 } },
      160,
    ],
    ['adadelta ε=1e-4 [127]', { name: 'adadelta', config: { epsilon: 1e-4 } }, 500],
    ['adam η=0.01 [351]', { name: 'adam', config: { learningRate: 0.01 } }, 1400],
    [
      'adamw λ=0, exponential decay [226]',
      { name: 'adamw', config: { weightDecay: 0, learningRate: decaying(0.1, 200) } },
      900,
    ],
  ])('%s', (_, spec, budget) => {
    expect(stepsToMinimum(getOptimizer(spec as never), budget)).toBeGreaterThan(0);
  });

  it('lbfgs', () => {
    const r = minimize(
      (x) => ({
        value: A.reduce((s, a, i) => s + 0.5 * a * x[i]! ** 2 - B[i]! * x[i]!, 0),
        gradient: A.map((a, i) => a * x[i]! - B[i]!),
      }),
      [0, 0, 0],
    );
    expect(r.converged).toBe(true);
    for (const [i, v] of r.x.entries()) expect(Math.abs(v - X_STAR[i]!)).toBeLessThan(1e-6);
  });
});

/** Rosenbrock f(x, y) = (1 − x)² + 100(y − x²)², minimum (1, 1), from the classic start (−1.2, 1). */
const rosenbrock = (p: ArrayLike<number>) => {
  const [x, y] = [p[0]!, p[1]!];
  return {
    value: (1 - x) ** 2 + 100 * (y - x * x) ** 2,
    gradient: [-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)],
  };
};

describe('Rosenbrock to within 1e-4 of (1, 1)', () => {
  it('lbfgs in at most 60 iterations (measured: 39 iterations, 48 evaluations)', () => {
    const r = minimize(rosenbrock, [-1.2, 1]);
    expect(r.iterations).toBeLessThanOrEqual(60);
    expect(Math.abs(r.x[0]! - 1)).toBeLessThan(1e-4);
    expect(Math.abs(r.x[1]! - 1)).toBeLessThan(1e-4);
  });

  it('adam η=0.02 in at most 5000 steps (measured: 3411)', () => {
    const adam = getOptimizer({ name: 'adam', config: { learningRate: 0.02 } });
    const p = new Matrix(1, 2, Float64Array.of(-1.2, 1));
    const g = new Matrix(1, 2);
    let reached = -1;
    for (let t = 1; t <= 5000 && reached < 0; t++) {
      g.data.set(rosenbrock(p.data).gradient);
      adam.step([p], [g]);
      if (Math.abs(p.data[0]! - 1) < 1e-4 && Math.abs(p.data[1]! - 1) < 1e-4) reached = t;
    }
    expect(reached).toBeGreaterThan(0);
  });
});

describe('L-BFGS against gradient descent on an ill-conditioned quadratic', () => {
  // f(x) = ½ Σ λᵢ(xᵢ − 1)², 20 dimensions, λ log-spaced from 1 to 1000 (condition number 1000).
  const n = 20;
  const lambda = Array.from({ length: n }, (_, i) => 10 ** ((3 * i) / (n - 1)));
  const f = (x: ArrayLike<number>) => ({
    value: lambda.reduce((s, l, i) => s + 0.5 * l * (x[i]! - 1) ** 2, 0),
    gradient: lambda.map((l, i) => l * (x[i]! - 1)),
  });

  it('needs far fewer steps to ‖∇f‖∞ ≤ 1e-6', () => {
    const quasiNewton = minimize(f, new Float64Array(n), { gradientTolerance: 1e-6 });
    const gd = sgd({ learningRate: 1 / 1000 }); // 1/L, the largest safe constant step
    const x = new Matrix(1, n);
    const g = new Matrix(1, n);
    let steps = 0;
    for (; steps < 100_000; steps++) {
      g.data.set(f(x.data).gradient);
      if (g.data.every((v) => Math.abs(v) <= 1e-6)) break;
      gd.step([x], [g]);
    }
    console.log(
      `ill-conditioned quadratic (κ = 1000, n = 20): L-BFGS ${quasiNewton.iterations} iterations (${quasiNewton.evaluations} evaluations), GD ${steps} steps`,
    );
    // Measured: L-BFGS 187 iterations (scipy's L-BFGS-B: 190 with the same memory), GD 13 809 steps.
    expect(quasiNewton.converged).toBe(true);
    expect(steps).toBeGreaterThan(20 * quasiNewton.evaluations);
  });
});
