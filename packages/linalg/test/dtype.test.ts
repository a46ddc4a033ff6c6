import { afterAll, describe, expect, it } from 'vitest';
import {
  add,
  addRowVector,
  astype,
  fromFlat,
  full,
  gatherRows,
  hstack,
  InvalidArgumentError,
  Matrix,
  map,
  matmul,
  matmulTransA,
  matmulTransB,
  maxRows,
  mul,
  Rng,
  scale,
  setMatmulKernel,
  setThreads,
  sliceRows,
  sub,
  sumRows,
  transpose,
  vstack,
  zeros,
} from '../src/index';
import { KC } from '../src/kernels/blocking';
import { rand } from './reference';

const f32 = (m: Matrix) => astype(m, 'float32');

/** A·B of float32 operands with every product and sum rounded to float32, per KC slice. */
function fround32(a: Matrix, b: Matrix): Float32Array {
  const c = new Float32Array(a.rows * b.cols);
  for (let i = 0; i < a.rows; i++)
    for (let j = 0; j < b.cols; j++) {
      let total = 0;
      for (let pc = 0; pc < a.cols; pc += KC) {
        let s = 0;
        for (let p = pc; p < Math.min(a.cols, pc + KC); p++)
          s = Math.fround(s + Math.fround(a.data[i * a.cols + p]! * b.data[p * b.cols + j]!));
        total = pc === 0 ? s : Math.fround(total + s);
      }
      c[i * b.cols + j] = total;
    }
  return c;
}

/** True when x and y hold the same float32 bits entry by entry. */
function sameBits(x: Float32Array, y: Float32Array): boolean {
  const [u, v] = [new Uint32Array(x.buffer, x.byteOffset, x.length), new Uint32Array(y.buffer)];
  return u.length === v.length && u.every((w, i) => w === v[i]);
}

afterAll(async () => {
  setMatmulKernel('auto');
  await setThreads(1);
});

describe('dtype', () => {
  it('is float64 by default and float32 over a Float32Array', () => {
    expect(new Matrix(2, 2).dtype).toBe('float64');
    expect(new Matrix(1, 2, new Float32Array(2)).dtype).toBe('float32');
    expect(zeros(2, 3, 'float32').data).toBeInstanceOf(Float32Array);
    expect(full(1, 2, 0.1, 'float32').data[0]).toBe(Math.fround(0.1));
    expect(fromFlat(new Float32Array([1, 2]), 1, 2).dtype).toBe('float32');
    expect(() => zeros(1, 1, 'float16' as never)).toThrow(
      /^zeros: dtype must be 'float64' or 'float32', got 'float16'$/,
    );
  });

  it('astype rounds to nearest float32, widens exactly, and returns the matrix itself when equal', () => {
    const m = fromFlat([0.1, 1 / 3, 1e-50, 3.5e38, -0], 1, 5);
    const n = astype(m, 'float32');
    expect(Array.from(n.data)).toEqual([
      Math.fround(0.1),
      Math.fround(1 / 3),
      0,
      Number.POSITIVE_INFINITY,
      -0,
    ]);
    expect(astype(n, 'float32')).toBe(n);
    expect(Array.from(astype(n, 'float64').data)).toEqual(Array.from(n.data));
    expect(n.clone().dtype).toBe('float32');
  });

  it('keeps float32 through element-wise ops, reductions and reshaping', () => {
    const rng = new Rng(3);
    const [a, b] = [f32(rand(3, 4, rng)), f32(rand(3, 4, rng))];
    for (const op of [add, sub, mul]) expect(op(a, b).dtype).toBe('float32');
    // A float32 sum of two floats is the float64 sum rounded once.
    const s = add(a, b).data;
    for (let i = 0; i < s.length; i++) expect(s[i]).toBe(Math.fround(a.data[i]! + b.data[i]!));
    expect(scale(a, 0.1).data[0]).toBe(Math.fround(0.1 * a.data[0]!));
    expect(map(a, (v) => v / 3).dtype).toBe('float32');
    expect(addRowVector(a, sliceRows(b, 0, 1)).dtype).toBe('float32');
    expect(sumRows(a).dtype).toBe('float32');
    expect(maxRows(a).dtype).toBe('float32');
    expect(transpose(a).dtype).toBe('float32');
    expect(hstack([a, b]).dtype).toBe('float32');
    expect(vstack([a, b]).dtype).toBe('float32');
    expect(sliceRows(a, 1, 2, { view: true }).dtype).toBe('float32');
  });

  it('refuses to mix dtypes, naming both operands, and an out of the other dtype', () => {
    const rng = new Rng(4);
    const [a, b] = [rand(2, 2, rng), f32(rand(2, 2, rng))];
    expect(() => add(a, b)).toThrow(InvalidArgumentError);
    expect(() => add(a, b)).toThrow(
      /^add: a is float64 but b is float32 \(dtypes must be equal; convert one with astype\(m, 'float64'\)\)$/,
    );
    expect(() => matmul(b, a)).toThrow(/^matmul: a is float32 but b is float64/);
    expect(() => addRowVector(a, sliceRows(b, 0, 1))).toThrow(/a is float64 but v is float32/);
    expect(() => vstack([a, b])).toThrow(/parts\[0\] is float64 but parts\[1\] is float32/);
    expect(() => scale(a, 2, zeros(2, 2, 'float32'))).toThrow(
      /^scale: out is float32 but the result is float64 \(dtypes must be equal\)$/,
    );
  });

  it('gathers float64 rows into a float32 batch, rounding each entry', () => {
    const x = rand(10, 300, new Rng(5)); // wide rows: the block-copy path
    const batch = gatherRows(x, [7, 2], zeros(2, 300, 'float32'));
    expect(batch.data[0]).toBe(Math.fround(x.get(7, 0)));
    expect(batch.data[300 + 299]).toBe(Math.fround(x.get(2, 299)));
    const narrow = gatherRows(rand(4, 3, new Rng(6)), [1], zeros(1, 3, 'float32'));
    expect(narrow.dtype).toBe('float32');
  });
});

describe('float32 products', () => {
  // k = 600 crosses a KC slice; m and n cross the 4 x 8 tile.
  const rng = new Rng(7);
  const a = f32(rand(13, 600, rng));
  const b = f32(rand(600, 11, rng));
  const expected = fround32(a, b);

  it('equal float32 arithmetic written out, on WebAssembly and on the JavaScript kernel', () => {
    for (const kernel of ['wasm-simd', 'js'] as const) {
      setMatmulKernel(kernel);
      const c = matmul(a, b);
      expect(c.dtype).toBe('float32');
      expect(sameBits(c.data as Float32Array, expected)).toBe(true);
    }
    setMatmulKernel('auto');
  });

  it('read transposed operands through strides with the same bits', () => {
    for (const kernel of ['wasm-simd', 'js'] as const) {
      setMatmulKernel(kernel);
      const viaA = matmulTransA(transpose(a), b).data as Float32Array;
      const viaB = matmulTransB(a, transpose(b)).data as Float32Array;
      expect(sameBits(viaA, expected)).toBe(true);
      expect(sameBits(viaB, expected)).toBe(true);
    }
    setMatmulKernel('auto');
  });

  it('are bit-identical on 1 and 2 threads', async () => {
    const big = [f32(rand(200, 300, rng)), f32(rand(300, 90, rng))] as const;
    await setThreads(1);
    const one = matmul(...big).data as Float32Array;
    await setThreads(2);
    const two = matmul(...big).data as Float32Array;
    expect(sameBits(one, two)).toBe(true);
  });
});
