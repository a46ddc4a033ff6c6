import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  InvalidArgumentError,
  identity,
  type MatmulKernel,
  Matrix,
  matmul,
  matmulTransA,
  matmulTransB,
  Rng,
  ShapeError,
  setMatmulKernel,
  sliceRows,
  transpose,
} from '../src/index';
import { expectClose } from '../src/testing/index';
import { rand, refMatmul } from './reference';

// (m, k, n): empty and 1-wide shapes, sizes that are not multiples of either kernel's tile (3x4 in
// JavaScript, 4x4 in WebAssembly), k deeper than the 512-deep packed block, m taller than the
// 384-row one and n wider than the 512-wide one (so every block edge is crossed).
const TRIPLES: [number, number, number][] = [
  [0, 0, 0],
  [0, 3, 2],
  [2, 0, 3],
  [3, 2, 0],
  [1, 1, 1],
  [1, 5, 1],
  [5, 1, 5],
  [1, 9, 7],
  [7, 9, 1],
  [4, 4, 4],
  [5, 6, 7],
  [13, 17, 11],
  [16, 300, 9],
  [3, 257, 530],
  [37, 64, 10],
  [128, 78, 64],
  [9, 1030, 6],
  [390, 12, 9],
];

// Every test of the products runs on both kernels (Node 20 has WebAssembly SIMD).
const KERNELS: MatmulKernel[] = ['wasm-simd', 'js'];
function onKernel(kernel: MatmulKernel): void {
  beforeAll(() => {
    expect(setMatmulKernel(kernel)).toBe(kernel);
  });
  afterAll(() => {
    setMatmulKernel('auto');
  });
}

// The kernels sum each entry's products in the same order as the reference within a 512-deep
// block, then add the blocks: the only difference is that regrouping, a few ulps of the sum of
// |products| — 1e-12 relative with an absolute floor of 1e-12 for k ≤ 1030 is ample.
const TOL = { atol: 1e-12, rtol: 1e-12 };

describe.each(KERNELS)('%s kernel: matmul family against the reference triple loop', (kernel) => {
  onKernel(kernel);
  const rng = new Rng(7);
  it.each(TRIPLES)('m=%i k=%i n=%i', (m, k, n) => {
    const a = rand(m, k, rng);
    const b = rand(k, n, rng);
    const expected = refMatmul(a, b);
    expectClose(matmul(a, b), expected, TOL);
    expectClose(matmulTransA(transpose(a), b), expected, TOL);
    expectClose(matmulTransB(a, transpose(b)), expected, TOL);
  });
});

describe.each(KERNELS)('%s kernel: matmul invariants (exact, bit for bit)', (kernel) => {
  onKernel(kernel);
  const rng = new Rng(11);
  it.each([
    [1, 1],
    [3, 5],
    [17, 6],
    [64, 33],
  ])('A·I = A and I·A = A for %ix%i', (m, n) => {
    const a = rand(m, n, rng);
    expect(matmul(a, identity(n)).equals(a)).toBe(true);
    expect(matmul(identity(m), a).equals(a)).toBe(true);
  });

  it.each(TRIPLES)(
    '(A·B)ᵀ = Bᵀ·Aᵀ and the transposed variants equal the explicit ones: %i %i %i',
    (m, k, n) => {
      const a = rand(m, k, rng);
      const b = rand(k, n, rng);
      const ab = matmul(a, b);
      // Both sides add the same products in the same order, so they are identical, not just close.
      expect(transpose(ab).equals(matmul(transpose(b), transpose(a)))).toBe(true);
      const at = transpose(a);
      expect(matmulTransA(at, b).equals(matmul(transpose(at), b))).toBe(true);
      const bt = transpose(b);
      expect(matmulTransB(a, bt).equals(matmul(a, transpose(bt)))).toBe(true);
    },
  );

  it('matmul of a k=0 product is all zeros even into a dirty out', () => {
    const out = new Matrix(2, 3, new Float64Array(6).fill(9));
    expect(matmul(new Matrix(2, 0), new Matrix(0, 3), out).data).toEqual(new Float64Array(6));
  });

  it('writes into out and returns it, overwriting what was there', () => {
    const a = rand(6, 5, rng);
    const b = rand(5, 7, rng);
    const out = new Matrix(6, 7, new Float64Array(42).fill(123));
    expect(matmul(a, b, out)).toBe(out);
    expectClose(out, refMatmul(a, b), TOL);
  });
});

describe('matmul errors', () => {
  const a = new Matrix(2, 3);
  it('names both shapes and the rule', () => {
    expect(() => matmul(a, new Matrix(2, 2))).toThrow(
      /^matmul: a is 2x3 but b is 2x2 \(a.cols must equal b.rows\)$/,
    );
    expect(() => matmulTransA(a, new Matrix(3, 2))).toThrow(
      /^matmulTransA: a is 2x3 but b is 3x2 \(a.rows must equal b.rows\)$/,
    );
    expect(() => matmulTransB(a, new Matrix(3, 2))).toThrow(
      /^matmulTransB: a is 2x3 but b is 3x2 \(a.cols must equal b.cols\)$/,
    );
    expect(() => matmul(a, new Matrix(2, 2))).toThrow(ShapeError);
  });

  it('rejects an out of the wrong shape', () => {
    expect(() => matmul(a, new Matrix(3, 4), new Matrix(3, 4))).toThrow(
      /^matmul: out is 3x4 but the result is 2x4$/,
    );
  });

  it('rejects an out that aliases an input, including through a row view', () => {
    const sq = rand(4, 4, new Rng(1));
    expect(() => matmul(sq, sq, sq)).toThrow(InvalidArgumentError);
    expect(() => matmul(sq, identity(4), sq)).toThrow(/^matmul: out shares memory with a/);
    const big = new Matrix(8, 4);
    const view = sliceRows(big, 4, 8, { view: true });
    expect(() => matmulTransB(sq, sq, view)).not.toThrow();
    expect(() =>
      matmul(sliceRows(big, 0, 4, { view: true }), sq, sliceRows(big, 2, 6, { view: true })),
    ).toThrow(/shares memory with a/);
  });

  it('rejects things that are not matrices', () => {
    expect(() => matmul([[1]] as never, a)).toThrow(/^matmul: a is not a Matrix/);
  });
});
