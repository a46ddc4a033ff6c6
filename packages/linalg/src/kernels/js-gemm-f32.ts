import { KC } from './blocking';
import type { GemmF32 } from './wasm-gemm';

// One row of float32 partial sums, grown on demand and reused: nothing is allocated per call
// once it is as wide as the widest product.
let rowSums = new Float32Array(0);

/**
 * The plain-JavaScript float32 product (the fallback where WebAssembly SIMD is unavailable): the
 * float32 kernel's arithmetic exactly — each entry summed over every KC-deep slice in order from
 * +0 with separately rounded float32 products and sums, the slices added in order — so results
 * are bit-identical to the WebAssembly kernel's. Loops i, then p, then j: the sums of one row of
 * C advance together, each in its own order over p. Slower than the float64 fallback.
 */
export const jsGemmF32: GemmF32 = (m, n, k, a, ars, acs, b, brs, bcs, c) => {
  if (rowSums.length < n) rowSums = new Float32Array(n);
  const s = rowSums;
  for (let i = 0; i < m; i++) {
    const row = i * n;
    for (let pc = 0; pc < k; pc += KC) {
      s.fill(0, 0, n);
      const end = Math.min(k, pc + KC);
      for (let p = pc; p < end; p++) {
        const aip = a[i * ars + p * acs]!;
        const bp = p * brs;
        for (let j = 0; j < n; j++) s[j] = s[j]! + Math.fround(aip * b[bp + j * bcs]!);
      }
      if (pc === 0) for (let j = 0; j < n; j++) c[row + j] = s[j]!;
      else for (let j = 0; j < n; j++) c[row + j] = c[row + j]! + s[j]!;
    }
    if (k === 0) c.fill(0, row, row + n);
  }
};
