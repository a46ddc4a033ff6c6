import { micro4x4 } from './micro';
import { packA, packB } from './pack';

/** Depth of one packed block (kc): a 4 x KC panel of A (8 KB) stays in L1 across a row of tiles. */
const KC = 256;
/** Width of one packed block of B (nc): KC x NC doubles = 1 MB, sized for L2. */
const NC = 512;

// Scratch for packed panels, allocated once on first use and reused by every call: kernels
// allocate nothing per call. JavaScript runs a kernel to completion, so sharing is safe.
let packedA: Float64Array | null = null;
let packedB: Float64Array | null = null;

/**
 * C = A·B for logical operands A (m x k) and B (k x n), written row-major into c (m x n,
 * fully overwritten). Element (i, p) of A is a[i*ars + p*acs]; element (p, j) of B is
 * b[p*brs + j*bcs] — strides express a transposed operand without copying it. The caller
 * checks shapes and that c aliases neither input. Strides are plain arguments so a call
 * allocates nothing.
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
  packedA ??= new Float64Array(4 * KC);
  packedB ??= new Float64Array(KC * NC);
  const pa = packedA;
  const pb = packedB;
  for (let jc = 0; jc < n; jc += NC) {
    const nc = Math.min(NC, n - jc);
    for (let pc = 0; pc < k; pc += KC) {
      const kc = Math.min(KC, k - pc);
      const accumulate = pc > 0;
      packB(pb, b, brs, bcs, pc, kc, jc, nc);
      for (let i = 0; i < m; i += 4) {
        const mr = Math.min(4, m - i);
        packA(pa, a, ars, acs, i, mr, pc, kc);
        for (let q = 0; q * 4 < nc; q++) {
          const j = jc + q * 4;
          micro4x4(
            kc,
            pa,
            pb,
            q * kc * 4,
            c,
            i * n + j,
            n,
            mr,
            Math.min(4, nc - q * 4),
            accumulate,
          );
        }
      }
    }
  }
}
