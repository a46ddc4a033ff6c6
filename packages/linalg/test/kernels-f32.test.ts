import { afterAll, describe, expect, it } from 'vitest';
import { Rng, setThreads, threads } from '../src/index';
import { KC } from '../src/kernels/blocking';
import { createWasmGemmF32 } from '../src/kernels/wasm-gemm';

const gemm = createWasmGemmF32()!;

/** m x k values in [-1, 1) scaled by 10^[-3, 3), rounded to float32 (stored row-major). */
function operand(rows: number, cols: number, rng: Rng): Float32Array {
  const x = new Float32Array(rows * cols);
  for (let i = 0; i < x.length; i++) x[i] = rng.uniform(-1, 1) * 10 ** rng.uniform(-3, 3);
  return x;
}

/**
 * The float32 kernel's arithmetic, written out: each entry summed over every KC-deep slice in
 * order from +0 with separately rounded float32 products and sums, the slices added in order.
 * (A float64 product of two floats is exact, and rounding a float64 sum of two floats to float32
 * equals the float32 sum, so Math.fround reproduces float32 arithmetic exactly.)
 */
function reference32(
  m: number,
  n: number,
  k: number,
  a: Float32Array,
  ars: number,
  acs: number,
  b: Float32Array,
  brs: number,
  bcs: number,
): Float32Array {
  const c = new Float32Array(m * n);
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) {
      let total = 0;
      for (let pc = 0; pc < k; pc += KC) {
        let s = 0;
        for (let p = pc; p < Math.min(k, pc + KC); p++)
          s = Math.fround(s + Math.fround(a[i * ars + p * acs]! * b[p * brs + j * bcs]!));
        total = pc === 0 ? s : Math.fround(total + s);
      }
      c[i * n + j] = total;
    }
  return c;
}

/** The float64 product of the same (float32) operands, and Σ|a||b| per entry. */
function reference64(m: number, n: number, k: number, a: Float32Array, b: Float32Array) {
  const c = new Float64Array(m * n);
  const abs = new Float64Array(m * n);
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) {
      let s = 0;
      let t = 0;
      for (let p = 0; p < k; p++) {
        s += a[i * k + p]! * b[p * n + j]!;
        t += Math.abs(a[i * k + p]! * b[p * n + j]!);
      }
      c[i * n + j] = s;
      abs[i * n + j] = t;
    }
  return { c, abs };
}

/** The index of the first entry whose bits differ (−0 and NaN payloads included), or −1. */
function firstDifference(x: Float32Array, y: Float32Array): number {
  const [u, v] = [new Uint32Array(x.buffer), new Uint32Array(y.buffer)];
  for (let i = 0; i < u.length; i++) if (u[i] !== v[i]) return i;
  return x.length === y.length ? -1 : Math.min(x.length, y.length);
}

/** The operand stored transposed (k x m becomes m x k, and so on). */
function transposed(x: Float32Array, rows: number, cols: number): Float32Array {
  const t = new Float32Array(x.length);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) t[j * rows + i] = x[i * cols + j]!;
  return t;
}

afterAll(async () => {
  await setThreads(1);
});

describe('the float32 WebAssembly SIMD kernel', () => {
  // Tile edges (4 x 8), every block edge (m > 384 rows, k > 512 deep, n > 512 wide: two at a
  // time, so the written-out reference stays a few million steps and the test never blocks its
  // worker for long on a busy machine), the MNIST network's shapes, and an A too large to copy in
  // whole (2.1 M floats: packed block by block).
  const shapes: [number, number, number][] = [
    [1, 1, 1],
    [5, 7, 3],
    [4, 9, 8],
    [128, 784, 64],
    [784, 128, 64],
    [128, 64, 784],
    [389, 515, 13],
    [7, 518, 521],
    [390, 3, 517],
    [61, 1030, 75],
    [2100, 1001, 5],
  ];

  it.each(shapes)(
    'sums exactly as float32 arithmetic in order does, for A·B, Aᵀ·B and A·Bᵀ: m=%i k=%i n=%i',
    (m, k, n) => {
      const rng = new Rng(m * 7 + k * 3 + n);
      const a = operand(m, k, rng);
      const b = operand(k, n, rng);
      const expected = reference32(m, n, k, a, k, 1, b, n, 1);
      const c = new Float32Array(m * n).fill(Number.NaN);
      gemm(m, n, k, a, k, 1, b, n, 1, c);
      expect(firstDifference(c, expected)).toBe(-1);
      // The same logical operands read through strides from their transposes.
      const at = transposed(a, m, k);
      const bt = transposed(b, k, n);
      c.fill(Number.NaN);
      gemm(m, n, k, at, 1, m, b, n, 1, c);
      expect(firstDifference(c, expected)).toBe(-1);
      c.fill(Number.NaN);
      gemm(m, n, k, a, k, 1, bt, 1, k, c);
      expect(firstDifference(c, expected)).toBe(-1);
    },
    120_000,
  );

  it.each([
    [128, 784, 64],
    [389, 515, 13],
  ])(
    'is within the float32 error bound of the float64 product: m=%i k=%i n=%i',
    { timeout: 120_000 },
    (m, k, n) => {
      const rng = new Rng(k);
      const a = operand(m, k, rng);
      const b = operand(k, n, rng);
      const c = new Float32Array(m * n);
      gemm(m, n, k, a, k, 1, b, n, 1, c);
      const exact = reference64(m, n, k, a, b);
      // Recursive summation of k rounded products: |ĉ − c| ≤ γₖ·Σ|a||b| (Higham, Accuracy and
      // Stability, §3.1) with γₖ = ku/(1 − ku), u = 2⁻²⁴; float64's own error is ~2⁻²⁹ of that.
      const u = 2 ** -24;
      const gamma = (k * u) / (1 - k * u);
      let worst = 0;
      for (let i = 0; i < c.length; i++) {
        const err = Math.abs(c[i]! - exact.c[i]!);
        expect(err).toBeLessThanOrEqual(gamma * exact.abs[i]!);
        worst = Math.max(worst, err / exact.abs[i]!);
      }
      // And it is a float32 result, not a float64 one in disguise: some entry is off by more than
      // float64 rounding would be.
      expect(worst).toBeGreaterThan(2 ** -40);
    },
  );

  it.each([
    [128, 784, 64],
    [784, 128, 64],
    [389, 515, 70],
  ])('gives bit-identical products on 1, 2 and 3 threads: m=%i k=%i n=%i', async (m, k, n) => {
    const rng = new Rng(m + k + n);
    const a = operand(m, k, rng);
    const b = operand(k, n, rng);
    await setThreads(1);
    const one = new Float32Array(m * n);
    gemm(m, n, k, a, k, 1, b, n, 1, one);
    for (const count of [2, 3]) {
      expect(await setThreads(count)).toBe(count);
      expect(threads()).toBe(count);
      const many = new Float32Array(m * n).fill(Number.NaN);
      gemm(m, n, k, a, k, 1, b, n, 1, many);
      expect(firstDifference(many, one)).toBe(-1);
      // The pool is still up: no worker failed on a float32 chunk.
      expect(threads()).toBe(count);
    }
  });

  it('writes zeros for k = 0 and leaves c past m·n alone', () => {
    const c = new Float32Array(7).fill(5);
    gemm(2, 3, 0, new Float32Array(0), 0, 1, new Float32Array(0), 3, 1, c);
    expect(Array.from(c)).toEqual([0, 0, 0, 0, 0, 0, 5]);
  });
});
