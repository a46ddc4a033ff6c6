import { type BlockRunner, localRunner } from './block-runner';
import { type Gemm, KC, MC, NC } from './blocking';
import { type FloatArray, NR, packA, packB } from './pack';
import { pooledRunner } from './threads';
import { instantiateKernel, type KernelVariant } from './wasm-instance';
import { C_BLOCK, PACKED_A, PACKED_B, RESIDENT_A, RESIDENT_A_DOUBLES } from './wasm-layout';

/** Rows of A per panel: the WebAssembly micro-kernel's tile height (see gemm-block.wat). */
const MR = 4;

/** Copies the valid mc x nc corner of the C block (row stride ldc) into c, or adds it. */
export function storeBlock<T extends FloatArray>(
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

/**
 * The WebAssembly SIMD kernel, or null where it cannot run. Same blocking as the JavaScript
 * kernel (so the same sums in the same order: bit-identical results). A that fits in 8 MiB is
 * copied into the module's memory as it is stored and read in place through strides (no packing
 * in JavaScript); a larger A is packed block by block. JavaScript packs each block of B
 * (zero-padded to whole 4-column panels), the module multiplies — on every thread of the pool
 * when one is running and the block is worth splitting — and JavaScript copies (or, for later KC
 * slices, adds) the valid corner into c. Allocates nothing per call.
 */
export function createWasmGemm(variant: KernelVariant = 'exact'): Gemm | null {
  const kernel = instantiateKernel(false, variant);
  if (!kernel) return null;
  const local = localRunner(kernel);
  return (m, n, k, a, ars, acs, b, brs, bcs, c) => {
    if (k === 0) {
      c.fill(0, 0, m * n);
      return;
    }
    let r: BlockRunner = pooledRunner(m * n * k, variant) ?? local;
    const resident = a.length <= RESIDENT_A_DOUBLES;
    if (resident) r.f64.set(a, RESIDENT_A / 8);
    for (let jc = 0; jc < n; jc += NC) {
      const nc = Math.min(NC, n - jc);
      const np = Math.ceil(nc / NR);
      for (let pc = 0; pc < k; pc += KC) {
        const kc = Math.min(KC, k - pc);
        packB(r.pb, b, brs, bcs, pc, kc, jc, nc);
        for (let ic = 0; ic < m; ic += MC) {
          const mc = Math.min(MC, m - ic);
          const mp = Math.ceil(mc / MR);
          if (resident) {
            const at = RESIDENT_A + 8 * (ic * ars + pc * acs);
            r.run(0, mp, np, kc, at, 32 * ars, 8 * ars, 8 * acs, mc, PACKED_B, C_BLOCK);
          } else {
            packA(r.pa, a, ars, acs, ic, mc, pc, kc, MR);
            r.run(0, mp, np, kc, PACKED_A, 32 * kc, 8, 32, mc, PACKED_B, C_BLOCK);
          }
          storeBlock(r.cb, np * NR, c, ic * n + jc, n, mc, nc, pc > 0);
          if (r.failed) {
            // The pool broke during this block (its result is complete): go on on this thread.
            r = local;
            if (resident) r.f64.set(a, RESIDENT_A / 8);
            packB(r.pb, b, brs, bcs, pc, kc, jc, nc);
          }
        }
      }
    }
  };
}
