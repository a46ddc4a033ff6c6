import { Matrix, type Rng } from '@backprop/linalg';

/**
 * The playground's curve to fit: n points with x uniform in [−π, π] and y = sin(2x) plus
 * Gaussian noise of standard deviation `noise` (x, then its noise, point by point). "Show the
 * code" writes the same loop out (a test runs it and compares).
 */
export function wave(n: number, noise: number, rng: Rng): { X: Matrix; Y: Matrix } {
  const X = new Matrix(n, 1);
  const Y = new Matrix(n, 1);
  for (let i = 0; i < n; i++) {
    X.data[i] = rng.uniform(-Math.PI, Math.PI);
    Y.data[i] = Math.sin(2 * X.data[i]!) + rng.normal(0, noise);
  }
  return { X, Y };
}

/** The same loop as code (what "show the code" prints for the wave set). */
export const waveCode = (n: number, noise: number): string[] => [
  `// ${n} points: x uniform in [−π, π], y = sin(2x) + noise (the playground's "wave").`,
  `const all = { X: new Matrix(${n}, 1), Y: new Matrix(${n}, 1) };`,
  `for (let i = 0; i < ${n}; i++) {`,
  '  all.X.data[i] = rng.uniform(-Math.PI, Math.PI);',
  `  all.Y.data[i] = Math.sin(2 * all.X.data[i]!) + rng.normal(0, ${noise});`,
  '}',
];
