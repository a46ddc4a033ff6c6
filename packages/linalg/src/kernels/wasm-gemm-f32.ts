import { KC, MC, NC } from './blocking';
import { packA, packB } from './pack';
import { storeBlock } from './wasm-gemm';
import { instantiateKernel } from './wasm-instance';
import { C_BLOCK, PACKED_A, PACKED_B, RESIDENT_A, RESIDENT_A_DOUBLES } from './wasm-layout';

/** Rows and columns of the float32 kernel's tile (gemm-block.wat in f32x4 lanes: 4 x 8). */
const MR = 4;
const NR = 8;
/** Floats of A copied in whole and read in place: the same 8 MiB as float64's region. */
const RESIDENT_A_FLOATS = 2 * RESIDENT_A_DOUBLES;

/** C = A·B in float32, with the strides of {@link Gemm} (the float64 kernels' signature). */
export type GemmF32 = (
  m: number,
  n: number,
  k: number,
  a: Float32Array,
  ars: number,
  acs: number,
  b: Float32Array,
  brs: number,
  bcs: number,
  c: Float32Array,
) => void;

/** Float32 views of a kernel memory's regions. */
function views(buffer: ArrayBufferLike): Record<'all' | 'pa' | 'pb' | 'cb', Float32Array> {
  return {
    all: new Float32Array(buffer),
    pa: new Float32Array(buffer, PACKED_A, MC * KC),
    pb: new Float32Array(buffer, PACKED_B, KC * NC),
    cb: new Float32Array(buffer, C_BLOCK, MC * NC),
  };
}

/**
 * The float32 WebAssembly SIMD kernel, or null where it cannot run: the float64 kernel's blocking
 * and memory layout with f32x4 lanes (4 x 8 tiles, B packed in panels of 8 columns). Every entry
 * is summed over each KC-deep slice in order from +0 with separately rounded float32 products
 * and sums, and the slices are added in order — the same value as a scalar loop of
 * Math.fround(s + Math.fround(a·b)), whatever the shape. On one thread; allocates nothing per call.
 * Not yet used by matmul (float64 only): the building block of float32 models.
 */
export function createWasmGemmF32(): GemmF32 | null {
  const kernel = instantiateKernel(false, 'f32');
  if (!kernel) return null;
  const v = views(kernel.memory.buffer);
  const run = kernel.block;
  return (m, n, k, a, ars, acs, b, brs, bcs, c) => {
    if (k === 0) {
      c.fill(0, 0, m * n);
      return;
    }
    const resident = a.length <= RESIDENT_A_FLOATS;
    if (resident) v.all.set(a, RESIDENT_A / 4);
    for (let jc = 0; jc < n; jc += NC) {
      const nc = Math.min(NC, n - jc);
      const np = Math.ceil(nc / NR);
      for (let pc = 0; pc < k; pc += KC) {
        const kc = Math.min(KC, k - pc);
        packB(v.pb, b, brs, bcs, pc, kc, jc, nc, NR);
        for (let ic = 0; ic < m; ic += MC) {
          const mc = Math.min(MC, m - ic);
          const mp = Math.ceil(mc / MR);
          if (resident) {
            const at = RESIDENT_A + 4 * (ic * ars + pc * acs);
            run(0, mp, np, kc, at, 16 * ars, 4 * ars, 4 * acs, mc, PACKED_B, C_BLOCK);
          } else {
            packA(v.pa, a, ars, acs, ic, mc, pc, kc, MR);
            run(0, mp, np, kc, PACKED_A, 16 * kc, 4, 16, mc, PACKED_B, C_BLOCK);
          }
          storeBlock(v.cb, np * NR, c, ic * n + jc, n, mc, nc, pc > 0);
        }
      }
    }
  };
}
