import { micro3x4 } from './micro';
import { MR, NR, packA, packB } from './pack';

/** Depth of one packed block (kc). */
const KC = 512;
/** Rows of A per packed block (mc): an MC x KC block of A is 1.5 MB, for L2. */
const MC = 384;
/** Columns of B per packed block (nc): KC x NC doubles = 2 MB. */
const NC = 512;

// Scratch for packed blocks, allocated once on first use and reused by every call: kernels
// allocate nothing per call. JavaScript runs a kernel to completion, so sharing is safe.
let packedA: Float64Array | null = null;
let packedB: Float64Array | null = null;

/**
 * C = A·B for logical operands A (m x k) and B (k x n), written row-major into c (m x n, fully
 * overwritten). Element (i, p) of A is a[i*ars + p*acs]; element (p, j) of B is b[p*brs + j*bcs] —
 * strides express a transposed operand without copying it. The caller checks shapes and that c
 * aliases neither input. Strides are plain arguments so a call allocates nothing.
 *
 * Blocking (GotoBLAS order): for each NC-wide block of B and KC-deep slice, pack that block of B;
 * for each MC-tall block of A, pack it; then run the 3x4 micro-kernel over every (A panel,
 * B panel) pair, each A panel (3 x kc) staying in L1 while it meets every B panel.
 */
export function gemm(
  m: number,
  n: number,
  k: number,
  a: Float64Array,
  ars: number,
  acs: number,
  b: Float64Array,
  brs: number,
  bcs: number,
  c: Float64Array,
): void {
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
        packA(pa, a, ars, acs, ic, mc, pc, kc);
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
}
