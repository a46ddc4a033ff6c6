import { type Gemm, KC, MC, NC } from './blocking';
import { micro3x4 } from './micro';
import { NR, packA, packB } from './pack';

/** Rows of A per packed panel: the JavaScript micro-kernel's tile height. */
const MR = 3;

// Scratch for packed blocks, allocated once on first use and reused by every call: kernels
// allocate nothing per call. JavaScript runs a kernel to completion, so sharing is safe.
let packedA: Float64Array | null = null;
let packedB: Float64Array | null = null;

/**
 * The plain-JavaScript kernel (the fallback where WebAssembly SIMD is unavailable).
 *
 * Blocking (GotoBLAS order): for each NC-wide block of B and KC-deep slice, pack that block of B;
 * for each MC-tall block of A, pack it; then run the 3x4 micro-kernel over every (A panel,
 * B panel) pair, each A panel (3 x kc) staying in L1 while it meets every B panel.
 */
export const jsGemm: Gemm = (m, n, k, a, ars, acs, b, brs, bcs, c) => {
  if (k === 0) {
    c.fill(0, 0, m * n);
    return;
  }
  packedA ??= new Float64Array(MC * KC);
  packedB ??= new Float64Array(KC * NC);
  const pa = packedA;
  const pb = packedB;
  for (let jc = 0; jc < n; jc += NC) {
    const nc = Math.min(NC, n - jc);
    for (let pc = 0; pc < k; pc += KC) {
      const kc = Math.min(KC, k - pc);
      const accumulate = pc > 0;
      packB(pb, b, brs, bcs, pc, kc, jc, nc);
      for (let ic = 0; ic < m; ic += MC) {
        const mc = Math.min(MC, m - ic);
        packA(pa, a, ars, acs, ic, mc, pc, kc, MR);
        for (let s = 0; s * MR < mc; s++) {
          const i = ic + s * MR;
          const mr = Math.min(MR, mc - s * MR);
          for (let q = 0; q * NR < nc; q++) {
            const j = jc + q * NR;
            micro3x4(
              kc,
              pa,
              s * kc * MR,
              pb,
              q * kc * NR,
              c,
              i * n + j,
              n,
              mr,
              Math.min(NR, nc - q * NR),
              accumulate,
            );
          }
        }
      }
    }
  }
};
