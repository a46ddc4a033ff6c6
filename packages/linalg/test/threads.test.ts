import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import {
  type Matrix,
  matmul,
  matmulTransA,
  matmulTransB,
  Rng,
  setMatmulKernel,
  setThreads,
  threads,
  threadsInfo,
  transpose,
} from '../src/index';
import { breakThreadForTests, setThreadTimeoutForTests } from '../src/kernels/threads';
import { rand } from './reference';

afterEach(() => {
  vi.unstubAllGlobals();
  setThreadTimeoutForTests(5000);
});
afterAll(async () => {
  await setThreads(1);
});

/** The three products of a and b (transposes read through strides, never materialised). */
function products(a: Matrix, b: Matrix, at: Matrix, bt: Matrix): Float64Array[] {
  return [matmul(a, b), matmulTransA(at, b), matmulTransB(a, bt)].map(float64Data);
}

/** The storage of a float64 matrix (these tests' products are all float64). */
function float64Data(m: Matrix): Float64Array {
  if (!(m.data instanceof Float64Array)) throw new Error(`expected float64, got ${m.dtype}`);
  return m.data;
}

/** The first index where x and y differ in any bit (NaN payloads and −0 included), or −1. */
function firstDifference(x: Float64Array, y: Float64Array): number {
  if (x.length !== y.length) return Math.min(x.length, y.length);
  const [u, v] = [
    new BigUint64Array(x.buffer, x.byteOffset, x.length),
    new BigUint64Array(y.buffer, y.byteOffset, y.length),
  ];
  for (let i = 0; i < u.length; i++) if (u[i] !== v[i]) return i;
  return -1;
}

/** Operands whose values span 12 orders of magnitude, so any change of summation order shows. */
function operands(m: number, k: number, n: number, seed: number) {
  const rng = new Rng(seed);
  const a = rand(m, k, rng);
  for (let i = 0; i < a.data.length; i++) a.data[i]! *= 10 ** rng.uniform(-6, 6);
  const b = rand(k, n, rng);
  return { a, b, at: transpose(a), bt: transpose(b) };
}

describe('matrix threads', () => {
  it('rejects thread counts that are not whole numbers from 1 to 256', () => {
    for (const bad of [0, -1, 1.5, 257, Number.NaN, '2' as never, null as never])
      expect(() => setThreads(bad)).toThrow(/setThreads: the thread count must be a whole number/);
  });

  // Every tile and block edge (m > 384 rows per block, k > 512 deep, n > 512 wide), the MNIST
  // network's shapes, and an A too large to copy in whole (1.1 M doubles: packed block by block).
  const shapes: [number, number, number][] = [
    [5, 7, 3],
    [128, 784, 64],
    [784, 128, 64],
    [128, 64, 784],
    [385, 515, 517],
    [61, 1030, 75],
    [1100, 1000, 9],
  ];
  it.each(shapes)(
    'give bit-identical products for 1, 2 and 3 threads: m=%i k=%i n=%i',
    async (m, k, n) => {
      const { a, b, at, bt } = operands(m, k, n, m + k + n);
      expect(await setThreads(1)).toBe(1);
      const one = products(a, b, at, bt);
      for (const count of [2, 3]) {
        expect(await setThreads(count)).toBe(count);
        expect(threads()).toBe(count);
        const many = products(a, b, at, bt);
        for (let t = 0; t < 3; t++) expect(firstDifference(many[t]!, one[t]!)).toBe(-1);
      }
    },
  );

  it('share the chunks of each block with the workers, and count them in threadsInfo', async () => {
    const { a, b } = operands(128, 784, 64, 5);
    await setThreads(1);
    expect(threadsInfo().chunks).toEqual({ total: 0, byWorkers: 0 });
    await setThreads(2);
    // A worker joins when it is awake: on a busy machine the first products may all be ours.
    const deadline = performance.now() + 20_000;
    let products = 0;
    while (threadsInfo().chunks.byWorkers === 0 && performance.now() < deadline) {
      matmul(a, b);
      products++;
    }
    const { total, byWorkers } = threadsInfo().chunks;
    expect(byWorkers).toBeGreaterThan(0);
    expect(byWorkers).toBeLessThanOrEqual(total);
    // One block per product (m = 128 rows: one MC block, k = 784: two KC slices), 8 chunks each.
    expect(total).toBe(products * 2 * 8);
  });

  it('give the same products as the plain JavaScript kernel', async () => {
    const { a, b, at, bt } = operands(300, 700, 130, 7);
    await setThreads(2);
    const threaded = products(a, b, at, bt);
    setMatmulKernel('js');
    const js = products(a, b, at, bt);
    setMatmulKernel('auto');
    for (let t = 0; t < 3; t++) expect(firstDifference(threaded[t]!, js[t]!)).toBe(-1);
  });

  /**
   * Breaks worker 0 (`how`), then runs matmul(a, b) synchronously until the pool gives up (or 20 s
   * pass): the exit event cannot arrive meanwhile, so the products meet a worker that is silently
   * gone or stuck. Every result must equal the one-thread product.
   */
  async function productsWithBrokenWorker(how: 'exit' | 'hang', seed: number) {
    const { a, b } = operands(256, 600, 96, seed);
    await setThreads(1);
    const expected = float64Data(matmul(a, b));
    expect(await setThreads(2)).toBe(2);
    breakThreadForTests(0, how);
    setThreadTimeoutForTests(300);
    const results: Float64Array[] = [];
    const deadline = performance.now() + 20_000;
    do results.push(float64Data(matmul(a, b)));
    while (threads() > 1 && performance.now() < deadline);
    expect(threads()).toBe(1);
    for (const r of results) expect(firstDifference(r, expected)).toBe(-1);
    expect(firstDifference(float64Data(matmul(a, b)), expected)).toBe(-1);
  }

  it('fall back to one thread, with the same results, when a worker dies without a word', async () => {
    // It never joins the products (this thread does every chunk); after the timeout of not
    // answering, the pool is given up.
    await productsWithBrokenWorker('exit', 11);
    expect(threadsInfo().fallback).toMatch(/did not answer within the timeout/);
  });

  it('redo the block on one thread, with the same result, when a worker hangs inside a chunk', async () => {
    // It joins the next block it wakes for, claims a chunk and never finishes it: this thread
    // waits out the timeout, redoes the whole block and gives the pool up.
    await productsWithBrokenWorker('hang', 14);
    expect(threadsInfo().fallback).toMatch(/failed or did not answer/);
  });

  it('fall back to one thread when a worker has exited before the next product', async () => {
    const { a, b } = operands(256, 600, 96, 12);
    await setThreads(1);
    const expected = float64Data(matmul(a, b));
    await setThreads(2);
    breakThreadForTests(0, 'exit');
    await vi.waitFor(() => expect(threads()).toBe(1), { timeout: 10_000 });
    expect(threadsInfo().fallback).toMatch(/exited/);
    expect(firstDifference(float64Data(matmul(a, b)), expected)).toBe(-1);
  });

  it('run on one thread, with the same results, where SharedArrayBuffer is missing', async () => {
    const { a, b } = operands(200, 300, 80, 13);
    await setThreads(1);
    const expected = float64Data(matmul(a, b));
    vi.stubGlobal('SharedArrayBuffer', undefined);
    expect(await setThreads(2)).toBe(1);
    expect(threadsInfo()).toMatchObject({ threads: 1, requested: 2 });
    expect(threadsInfo().fallback).toMatch(/no SharedArrayBuffer/);
    expect(firstDifference(float64Data(matmul(a, b)), expected)).toBe(-1);
  });

  it('read BACKPROP_THREADS for auto, and reject a bad value by name', async () => {
    vi.stubEnv('BACKPROP_THREADS', '3');
    expect(await setThreads('auto')).toBe(3);
    vi.stubEnv('BACKPROP_THREADS', 'many');
    await expect(setThreads('auto')).rejects.toThrow(
      /BACKPROP_THREADS: the thread count must be a whole number from 1 to 256 or 'auto', not "many"/,
    );
    vi.unstubAllEnvs();
  });

  it('never keep a process alive: one that used them exits when its work is done', async () => {
    const script = fileURLToPath(new URL('./fixtures/threads-exit.ts', import.meta.url));
    // Fails on the timeout (the child is killed) if a worker kept the process alive.
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', script], {
      encoding: 'utf8',
      timeout: 120_000,
      env: { ...process.env, BACKPROP_THREADS: '2' },
    });
    expect(stdout.trim()).toBe('threads 2, product ok');
  }, 150_000);
});
