/**
 * pnpm bench (in packages/linalg): GFLOP/s of both matrix kernels (WebAssembly SIMD and plain
 * JavaScript) on the shapes of MNIST training and a 512³ product, against a naive triple loop run
 * in the same process; the float32 kernel against the float64 one (one thread, interleaved); the
 * memory bandwidth of element-wise `add` and the heap growth per kernel call.
 *
 *   node --expose-gc --import tsx bench/kernels.bench.ts
 */

import { availableParallelism } from 'node:os';
import {
  add,
  type MatmulKernel,
  Matrix,
  matmul,
  matmulKernel,
  matmulTransA,
  matmulTransB,
  Rng,
  random,
  setMatmulKernel,
  setThreads,
} from '../src/index';
import { createWasmGemm, createWasmGemmF32 } from '../src/kernels/wasm-gemm';

type Product = (a: Matrix, b: Matrix, out: Matrix) => void;

/** Naive i-j-p loops for each variant, reading transposed operands through indices. */
const naive: Record<string, Product> = {
  matmul(a, b, out) {
    const [m, k, n] = [a.rows, a.cols, b.cols];
    for (let i = 0; i < m; i++)
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let p = 0; p < k; p++) s += a.data[i * k + p]! * b.data[p * n + j]!;
        out.data[i * n + j] = s;
      }
  },
  matmulTransA(a, b, out) {
    const [k, m, n] = [a.rows, a.cols, b.cols];
    for (let i = 0; i < m; i++)
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let p = 0; p < k; p++) s += a.data[p * m + i]! * b.data[p * n + j]!;
        out.data[i * n + j] = s;
      }
  },
  matmulTransB(a, b, out) {
    const [m, k, n] = [a.rows, a.cols, b.rows];
    for (let i = 0; i < m; i++)
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let p = 0; p < k; p++) s += a.data[i * k + p]! * b.data[j * k + p]!;
        out.data[i * n + j] = s;
      }
  },
};

const ours: Record<string, Product> = { matmul, matmulTransA, matmulTransB };

/** Best-of-7 seconds per call, each sample running enough calls for ~0.15 s. */
function timeCall(f: () => void, flops: number): number {
  for (let i = 0; i < 3; i++) f();
  const calls = Math.max(1, Math.round(2.5e8 / flops));
  let best = Number.POSITIVE_INFINITY;
  for (let s = 0; s < 7; s++) {
    const t0 = performance.now();
    for (let i = 0; i < calls; i++) f();
    best = Math.min(best, (performance.now() - t0) / 1000 / calls);
  }
  return best;
}

const rng = new Rng(0);
const cases: [string, string, number, number, number][] = [
  ['X·W        (forward)', 'matmul', 128, 784, 64],
  ['Xᵀ·dZ      (weight gradient)', 'matmulTransA', 784, 128, 64],
  ['dZ·Wᵀ      (back-propagated error)', 'matmulTransB', 128, 64, 784],
  ['512³', 'matmul', 512, 512, 512],
];

const kernels: MatmulKernel[] =
  setMatmulKernel('auto') === 'wasm-simd' ? ['wasm-simd', 'js'] : ['js'];
console.log(`linalg kernels — Node ${process.version}, float64, best of 7`);
if (kernels.length === 1) console.log('(WebAssembly SIMD is not available here: js kernel only)');
console.log(
  `\nproduct                              op             m x k x n      ${kernels.map((k) => `${k} GFLOP/s`.padStart(17)).join('')}  naive GFLOP/s  ${kernels.map((k) => `${k}/naive`.padStart(15)).join('')}`,
);
for (const [label, op, m, k, n] of cases) {
  const a = op === 'matmulTransA' ? random(k, m, rng) : random(m, k, rng);
  const b = op === 'matmulTransB' ? random(n, k, rng) : random(k, n, rng);
  const out = new Matrix(m, n);
  const flops = 2 * m * k * n;
  const speeds = kernels.map((kernel) => {
    setMatmulKernel(kernel);
    return flops / timeCall(() => ours[op]!(a, b, out), flops) / 1e9;
  });
  const slow = flops / timeCall(() => naive[op]!(a, b, out), flops) / 1e9;
  console.log(
    `${label.padEnd(37)}${op.padEnd(15)}${`${m}x${k}x${n}`.padEnd(15)}${speeds.map((v) => v.toFixed(2).padStart(17)).join('')}${slow.toFixed(2).padStart(15)}  ${speeds.map((v) => `${(v / slow).toFixed(1)}x`.padStart(15)).join('')}`,
  );
}
setMatmulKernel('auto');

/** Best-of-7 GFLOP/s of f and g, their samples alternating so both see the same machine. */
function interleaved(f: () => void, g: () => void, flops: number): [number, number] {
  for (let i = 0; i < 3; i++) {
    f();
    g();
  }
  const calls = Math.max(1, Math.round(2.5e8 / flops));
  const best = [Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY];
  for (let s = 0; s < 7; s++)
    [f, g].forEach((h, i) => {
      const t0 = performance.now();
      for (let c = 0; c < calls; c++) h();
      best[i] = Math.min(best[i]!, (performance.now() - t0) / 1000 / calls);
    });
  return [flops / best[0]! / 1e9, flops / best[1]! / 1e9];
}

// float32 (f32x4 lanes, 4 x 8 tiles) against float64 (f64x2, 4 x 4): on this thread only, then on
// every core (the pool shares each block's chunks for both).
const gemm64 = createWasmGemm();
const gemm32 = createWasmGemmF32();
const cores = availableParallelism();
for (const count of gemm64 && gemm32 ? [...new Set([1, cores])] : []) {
  const used = await setThreads(count);
  console.log(
    `\nfloat32 kernel (matmul of float32 matrices) against float64, ${used} thread(s), interleaved, best of 7`,
  );
  console.log(
    `${'product'.padEnd(37)}${'m x k x n'.padEnd(15)}   f64 GFLOP/s   f32 GFLOP/s   f32/f64`,
  );
  for (const [label, op, m, k, n] of cases) {
    // Each operand stored as its op reads it: Aᵀ for matmulTransA, Bᵀ for matmulTransB.
    const [ars, acs] = op === 'matmulTransA' ? [1, m] : [k, 1];
    const [brs, bcs] = op === 'matmulTransB' ? [1, k] : [n, 1];
    const a64 = random(m, k, rng).data as Float64Array; // random() makes float64 matrices
    const b64 = random(k, n, rng).data as Float64Array;
    const [a32, b32] = [Float32Array.from(a64), Float32Array.from(b64)];
    const [c64, c32] = [new Float64Array(m * n), new Float32Array(m * n)];
    const [f64, f32] = interleaved(
      () => gemm64!(m, n, k, a64, ars, acs, b64, brs, bcs, c64),
      () => gemm32!(m, n, k, a32, ars, acs, b32, brs, bcs, c32),
      2 * m * k * n,
    );
    console.log(
      `${label.padEnd(37)}${`${m}x${k}x${n}`.padEnd(15)}${f64.toFixed(2).padStart(14)}${f32.toFixed(2).padStart(14)}${`${(f32 / f64).toFixed(2)}x`.padStart(10)}`,
    );
  }
}
await setThreads('auto');

const N = 1_000_000;
const x = random(1000, 1000, rng);
const y = random(1000, 1000, rng);
const z = new Matrix(1000, 1000);
const seconds = timeCall(() => add(x, y, z), N * 50);
// Two 8-byte reads and one 8-byte write per element.
console.log(
  `\nadd of 1e6 elements into out: ${((24 * N) / seconds / 1e9).toFixed(1)} GB/s (${(seconds * 1e3).toFixed(2)} ms)`,
);

const gc = (globalThis as { gc?: () => void }).gc;
if (gc) {
  // Steady state after warm-up (the first calls retain compiled code and inline caches). A small
  // shape with edge tiles (n = 10, not a multiple of 4) exercises every code path of the kernel.
  const a = random(32, 64, rng);
  const w = random(64, 10, rng);
  const out = new Matrix(32, 10);
  const calls = 100_000;
  for (let i = 0; i < calls; i++) matmul(a, w, out);
  gc();
  const before = process.memoryUsage().heapUsed;
  for (let i = 0; i < calls; i++) matmul(a, w, out);
  gc();
  const after = process.memoryUsage().heapUsed;
  console.log(
    `heap growth per matmul call into a preallocated out (${matmulKernel()} kernel, steady state, ${calls} calls): ${((after - before) / calls).toFixed(2)} bytes`,
  );
} else {
  console.log('(run with node --expose-gc to measure heap growth per call)');
}
