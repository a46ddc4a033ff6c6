import { Matrix } from '@backprop/linalg';

/** n evenly spaced x across [lo, hi], as an n x 1 matrix. */
export function curvePoints([lo, hi]: [number, number], n: number): Matrix {
  const G = new Matrix(n, 1);
  for (let i = 0; i < n; i++) G.data[i] = lo + (i * (hi - lo)) / (n - 1);
  return G;
}

/** A side x side grid over [lo, hi]², row by row from the top (y = hi) down, as a side² x 2 matrix. */
export function gridPoints([lo, hi]: [number, number], side: number): Matrix {
  const G = new Matrix(side * side, 2);
  const step = (hi - lo) / (side - 1);
  for (let r = 0; r < side; r++)
    for (let col = 0; col < side; col++) {
      const i = r * side + col;
      G.data[2 * i] = lo + col * step;
      G.data[2 * i + 1] = hi - r * step;
    }
  return G;
}
