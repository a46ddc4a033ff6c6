import { ShapeError } from './errors';
import type { Matrix } from './matrix';
import { assertMatrix, assertSameShape, dtypeOf, fmt, prepareOut } from './shape';

/** Column sums as a 1 x cols row vector (Σ over the rows — the bias gradient Σᵢ δᵢ). */
export function sumRows(a: Matrix, out?: Matrix): Matrix {
  assertMatrix('sumRows', 'a', a);
  const o = prepareOut('sumRows', out, 1, a.cols, dtypeOf(a));
  const x = a.data;
  const z = o.data;
  const n = a.cols;
  z.fill(0);
  for (let i = 0; i < a.rows; i++) {
    const base = i * n;
    for (let j = 0; j < n; j++) z[j]! += x[base + j]!;
  }
  return o;
}

/** Σ of every entry (Neumaier's compensated summation: accurate for large matrices). */
export function sum(a: Matrix): number {
  assertMatrix('sum', 'a', a);
  const x = a.data;
  let s = 0;
  let c = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    const t = s + v;
    c += Math.abs(s) >= Math.abs(v) ? s - t + v : v - t + s;
    s = t;
  }
  return s + c;
}

/** Mean of every entry; NaN for an empty matrix. */
export function mean(a: Matrix): number {
  assertMatrix('mean', 'a', a);
  return a.data.length === 0 ? Number.NaN : sum(a) / a.data.length;
}

/** For each row, the column index of its largest entry (first one on ties) — predicted classes. */
export function argmaxRows(a: Matrix, out?: Int32Array): Int32Array {
  assertMatrix('argmaxRows', 'a', a);
  if (a.cols === 0 && a.rows > 0) {
    throw new ShapeError(
      'argmaxRows',
      { a: [a.rows, a.cols] },
      `argmaxRows: a is ${fmt(a)}; rows have no entries`,
    );
  }
  const o = out ?? new Int32Array(a.rows);
  if (o.length !== a.rows) {
    throw new ShapeError(
      'argmaxRows',
      { a: [a.rows, a.cols], out: [o.length] },
      `argmaxRows: out has length ${o.length} but a has ${a.rows} rows`,
    );
  }
  const x = a.data;
  const n = a.cols;
  for (let i = 0; i < a.rows; i++) {
    const base = i * n;
    let best = 0;
    let bestValue = x[base]!;
    for (let j = 1; j < n; j++) {
      const v = x[base + j]!;
      if (v > bestValue) {
        bestValue = v;
        best = j;
      }
    }
    o[i] = best;
  }
  return o;
}

/** For each row, its largest entry, as a rows x 1 column vector. */
export function maxRows(a: Matrix, out?: Matrix): Matrix {
  assertMatrix('maxRows', 'a', a);
  if (a.cols === 0 && a.rows > 0) {
    throw new ShapeError(
      'maxRows',
      { a: [a.rows, a.cols] },
      `maxRows: a is ${fmt(a)}; rows have no entries`,
    );
  }
  const o = prepareOut('maxRows', out, a.rows, 1, dtypeOf(a));
  const x = a.data;
  const n = a.cols;
  for (let i = 0; i < a.rows; i++) {
    const base = i * n;
    let best = x[base]!;
    for (let j = 1; j < n; j++) if (x[base + j]! > best) best = x[base + j]!;
    o.data[i] = best;
  }
  return o;
}

/** The Frobenius norm sqrt(Σ a²), computed without overflow or underflow for extreme entries. */
export function norm(a: Matrix): number {
  assertMatrix('norm', 'a', a);
  const x = a.data;
  let maxAbs = 0;
  for (let i = 0; i < x.length; i++) maxAbs = Math.max(maxAbs, Math.abs(x[i]!));
  if (maxAbs === 0 || !Number.isFinite(maxAbs)) return maxAbs;
  let s = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i]! / maxAbs;
    s += v * v;
  }
  return maxAbs * Math.sqrt(s);
}

/** Σ a ⊙ b — the inner product of two same-shape matrices (vectors included). */
export function dot(a: Matrix, b: Matrix): number {
  assertMatrix('dot', 'a', a);
  assertMatrix('dot', 'b', b);
  assertSameShape('dot', a, b);
  const x = a.data;
  const y = b.data;
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i]! * y[i]!;
  return s;
}
