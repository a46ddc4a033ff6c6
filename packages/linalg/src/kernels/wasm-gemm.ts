import { type BlockRunner, localRunner, runnerOn } from './block-runner';
import { type Gemm, KC, MC, NC } from './blocking';
import { type FloatArray, NR, packA, packB } from './pack';
import { pooledRunner, pooledRunnerF32 } from './threads';
import { instantiateKernel, type KernelVariant, type KernelVariantF32 } from './wasm-instance';
import { C_BLOCK, PACKED_A, PACKED_B, RESIDENT_A, RESIDENT_A_DOUBLES } from './wasm-layout';

/** Rows of A per panel: the WebAssembly micro-kernel's tile height (see gemm-block.wat). */
const MR = 4;

/** Copies the valid mc x nc corner of the C block (row stride ldc) into c, or adds it. */
function storeBlock<T extends FloatArray>(
  cb: T,
  ldc: number,
  c: T,
  offset: number,
  n: number,
  mc: number,
  nc: number,
  accumulate: boolean,
): void {
  for (let i = 0; i < mc; i++) {
    const o = offset + i * n;
    const s = i * ldc;
    if (accumulate) for (let j = 0; j < nc; j++) c[o + j] += cb[s + j]!;
    else for (let j = 0; j < nc; j++) c[o + j] = cb[s + j]!;
  }
}

/** The C = A·B of {@link Gemm} over arrays of type T. */
type GemmOf<T extends FloatArray> = (
  m: number,
  n: number,
  k: number,
  a: T,
  ars: number,
  acs: number,
  b: T,
  brs: number,
  bcs: number,
  c: T,
) => void;

/** What distinguishes the float64 and float32 drivers. */
interface Build<T extends FloatArray> {
  /** Bytes per element. */
  bytes: number;
  /** Columns per B panel: the tile width (4 doubles or 8 floats: 32 bytes either way). */
  nr: number;
  local: BlockRunner<T>;
  /** The pool's runner for a product of m·n·k, or null (then `local`). */
  pooled: (work: number) => BlockRunner<T> | null;
}

/**
 * The blocked product over one build of the kernel: A that fits in 8 MiB is copied into the
 * module's memory as it is stored and read in place through byte strides (no packing in
 * JavaScript); a larger A is packed block by block. JavaScript packs each block of B (zero-padded
 * to whole panels), the module multiplies — on every thread of the pool when one is running and
 * the block is worth splitting — and JavaScript copies (or, for later KC slices, adds) the valid
 * corner into c. Allocates nothing per call.
 */
function blockedGemm<T extends FloatArray>({ bytes, nr, local, pooled }: Build<T>): GemmOf<T> {
  const residentElements = (RESIDENT_A_DOUBLES * 8) / bytes;
  return (m, n, k, a, ars, acs, b, brs, bcs, c) => {
    if (k === 0) {
      c.fill(0, 0, m * n);
      return;
    }
    let r = pooled(m * n * k) ?? local;
    const resident = a.length <= residentElements;
    if (resident) r.all.set(a, RESIDENT_A / bytes);
    for (let jc = 0; jc < n; jc += NC) {
      const nc = Math.min(NC, n - jc);
      const np = Math.ceil(nc / nr);
      for (let pc = 0; pc < k; pc += KC) {
        const kc = Math.min(KC, k - pc);
        packB(r.pb, b, brs, bcs, pc, kc, jc, nc, nr);
        for (let ic = 0; ic < m; ic += MC) {
          const mc = Math.min(MC, m - ic);
          const mp = Math.ceil(mc / MR);
          if (resident) {
            const at = RESIDENT_A + bytes * (ic * ars + pc * acs);
            r.run(
              0,
              mp,
              np,
              kc,
              at,
              MR * bytes * ars,
              bytes * ars,
              bytes * acs,
              mc,
              PACKED_B,
              C_BLOCK,
            );
          } else {
            packA(r.pa, a, ars, acs, ic, mc, pc, kc, MR);
            r.run(
              0,
              mp,
              np,
              kc,
              PACKED_A,
              MR * bytes * kc,
              bytes,
              MR * bytes,
              mc,
              PACKED_B,
              C_BLOCK,
            );
          }
          storeBlock(r.cb, np * nr, c, ic * n + jc, n, mc, nc, pc > 0);
          if (r.failed) {
            // The pool broke during this block (its result is complete): go on on this thread.
            r = local;
            if (resident) r.all.set(a, RESIDENT_A / bytes);
            packB(r.pb, b, brs, bcs, pc, kc, jc, nc, nr);
          }
        }
      }
    }
  };
}

/**
 * The WebAssembly SIMD kernel, or null where it cannot run. Same blocking as the JavaScript
 * kernel (so the same sums in the same order: bit-identical results).
 */
export function createWasmGemm(variant: KernelVariant = 'exact'): Gemm | null {
  const kernel = instantiateKernel(false, variant);
  if (!kernel) return null;
  const pooled = (work: number) => pooledRunner(work, variant);
  return blockedGemm({ bytes: 8, nr: NR, local: localRunner(kernel), pooled });
}

/** C = A·B in float32, with the strides of {@link Gemm} (the float64 kernels' signature). */
export type GemmF32 = GemmOf<Float32Array>;

/**
 * The float32 WebAssembly SIMD kernel, or null where it cannot run: the float64 kernel's blocking
 * and memory layout with f32x4 lanes (4 x 8 tiles, B packed in panels of 8 columns). Every entry
 * is summed over each KC-deep slice in order from +0 with separately rounded float32 products
 * and sums, and the slices are added in order — the same value as a scalar loop of
 * Math.fround(s + Math.fround(a·b)), whatever the shape or the thread count. Behind matmul
 * and its transposed forms for float32 matrices. The 'f32-fma' build fuses each multiply-add
 * (relaxed SIMD; null where the engine lacks it): the opt-in kernel's float32 half.
 */
export function createWasmGemmF32(variant: KernelVariantF32 = 'f32'): GemmF32 | null {
  const kernel = instantiateKernel(false, variant);
  if (!kernel) return null;
  const local = runnerOn(Float32Array, kernel.memory, kernel.block);
  const pooled = (work: number) => pooledRunnerF32(work, variant);
  return blockedGemm({ bytes: 4, nr: 8, local, pooled });
}
