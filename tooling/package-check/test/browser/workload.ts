/**
 * One workload that touches every isomorphic package: products on both matrix kernels (float64
 * and float32), a seeded
 * XOR training run with Adam, a softmax network's predictions, and the pure parsers on an IDX
 * (gzip), a compressed MAT and a CSV file. The browser test runs it in Chromium (bundled from the
 * built packages) and in Node: the products and the parsed files must be the same bits; trained
 * weights agree to a few ulps (ECMAScript does not require Math.exp or Math.tanh to be correctly
 * rounded, and V8 versions differ in the last bit of some results).
 */
import { oneHot, parseCsv, parseIdx, xor } from '@backprop/data';
import {
  astype,
  encodeFloat64,
  matmul,
  matmulKernel,
  matmulTransA,
  matmulTransB,
  Rng,
  random,
  setMatmulKernel,
  setThreads,
  threadsInfo,
} from '@backprop/linalg';
import { parseMat } from '@backprop/mat';
import { dense, fit, predict, sequential } from '@backprop/model';

export interface WorkloadFiles {
  idxGz: number[];
  matCompressed: number[];
  csv: string;
}

function products(): Record<string, string> {
  const rng = new Rng(5);
  const a = random(70, 530, rng, -1, 1);
  const b = random(530, 45, rng, -1, 1);
  const out: Record<string, string> = {};
  for (const kernel of ['wasm-simd', 'js'] as const) {
    setMatmulKernel(kernel);
    out[`${kernel} A·B`] = encodeFloat64(matmul(a, b).data);
    out[`${kernel} Aᵀ·B`] = encodeFloat64(matmulTransA(b, random(530, 9, rng, -1, 1)).data);
    out[`${kernel} A·Bᵀ`] = encodeFloat64(matmulTransB(a, random(12, 530, rng, -1, 1)).data);
    // Float32 operands: the f32x4 kernel (or the JavaScript float32 loop), widened exactly.
    out[`${kernel} float32 A·B`] = encodeFloat64(
      matmul(astype(a, 'float32'), astype(b, 'float32')).data,
    );
  }
  setMatmulKernel('auto');
  return out;
}

/** Trained weights and predictions (plain numbers: engines may differ in the last ulp of exp/tanh). */
function training(): { xor: number[][]; softmax: number[] } {
  const data = xor();
  const model = sequential(
    2,
    [dense({ units: 5, activation: 'tanh' }), dense({ units: 1, activation: 'sigmoid' })],
    { seed: 3 },
  );
  fit(model, data.X, data.Y, { optimizer: 'adam', epochs: 200, batchSize: 2, seed: 4 });
  const rng = new Rng(9);
  const X = random(40, 20, rng, -1, 1);
  const Y = oneHot(
    Int32Array.from({ length: 40 }, (_, i) => i % 3),
    3,
  );
  const net = sequential(
    20,
    [dense({ units: 16, activation: 'relu' }), dense({ units: 3, activation: 'softmax' })],
    { seed: 1 },
  );
  fit(net, X, Y, { optimizer: 'sgd', epochs: 5, batchSize: 8, seed: 2 });
  return {
    xor: model.params().map((p) => Array.from(p.value.data)),
    softmax: Array.from(predict(net, X).data),
  };
}

/** What the matrix threads did: how many ran (and why only one), and whether any bit changed. */
export interface ThreadsResult {
  threads: number;
  fallback: string | null;
  /** The products on 2 threads (or as many as ran), base64 float64 — for comparison with Node. */
  products: string;
  sameAsOneThread: boolean;
  /** Chunks of shared blocks the workers did (0 on one thread). */
  workerChunks: number;
}

/**
 * Products big enough to be split, on one thread and then on two (where the engine can: Node, or
 * a cross-origin-isolated page).
 */
export async function threaded(): Promise<ThreadsResult> {
  const rng = new Rng(8);
  const a = random(200, 600, rng, -1, 1);
  const b = random(600, 140, rng, -1, 1);
  const c = random(200, 70, rng, -1, 1);
  const d = random(150, 600, rng, -1, 1);
  const [a32, b32, c32, d32] = [a, b, c, d].map((m) => astype(m, 'float32'));
  const run = () =>
    [
      matmul(a, b),
      matmulTransA(a, c),
      matmulTransB(a, d),
      matmul(a32, b32),
      matmulTransA(a32, c32),
      matmulTransB(a32, d32),
    ]
      .map((m) => encodeFloat64(m.data))
      .join('|');
  await setThreads(1);
  const one = run();
  const threads = await setThreads(2);
  const many = run();
  // A worker joins a block when it is awake: repeat until one has done a chunk (at most 10 s).
  const until = performance.now() + 10_000;
  while (threads > 1 && threadsInfo().chunks.byWorkers === 0 && performance.now() < until) run();
  const { fallback, chunks } = threadsInfo();
  await setThreads(1);
  return {
    threads,
    fallback,
    products: many,
    sameAsOneThread: many === one,
    workerChunks: chunks.byWorkers,
  };
}

export interface WorkloadResult {
  kernel: string;
  products: Record<string, string>;
  xor: number[][];
  softmax: number[];
  idx: { dims: number[]; data: number[] };
  mat: { name: string; class: string; dims: number[]; data: number[]; decodedBy?: string }[];
  csv: { X: string; y: number[] };
}

export async function workload(files: WorkloadFiles): Promise<WorkloadResult> {
  const idx = await parseIdx(Uint8Array.from(files.idxGz));
  const mat = await parseMat(Uint8Array.from(files.matCompressed));
  const csv = parseCsv(files.csv, { header: true, labelColumn: 'label' });
  return {
    kernel: matmulKernel(),
    products: products(),
    ...training(),
    idx: { dims: idx.dims, data: Array.from(idx.data as ArrayLike<number>) },
    mat: Object.values(mat.variables).map((v) => {
      if (v.kind !== 'numeric')
        throw new Error(`workload: ${v.name} is ${v.kind}, expected numeric`);
      return {
        name: v.name,
        class: v.class,
        dims: v.dims,
        data: Array.from(v.data as ArrayLike<number>),
        decodedBy: mat.decodedBy[v.name],
      };
    }),
    csv: { X: encodeFloat64(csv.X.data), y: Array.from(csv.y ?? []) },
  };
}
