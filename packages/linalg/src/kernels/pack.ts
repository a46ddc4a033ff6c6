/*
 * Packing copies a block of an operand into a contiguous scratch buffer in the exact order the
 * micro-kernel reads it, so the kernel's inner loop walks two arrays with one stride-4 index.
 * An operand is described by strides, so the same code packs A or Aᵀ, B or Bᵀ without ever
 * materialising a transpose: element (r, c) of the logical operand is x[r*rs + c*cs].
 * Rows or columns past the edge of the matrix are packed as zeros.
 */

/** Packs rows i..i+mr-1 (mr ≤ 4), columns p0..p0+kc-1 of A into pa[p*4 + r]. */
export function packA(
  pa: Float64Array,
  a: Float64Array,
  rs: number,
  cs: number,
  i: number,
  mr: number,
  p0: number,
  kc: number,
): void {
  if (mr === 4 && cs === 1) {
    // Row-major A: four contiguous row segments.
    const r0 = i * rs + p0;
    const r1 = r0 + rs;
    const r2 = r1 + rs;
    const r3 = r2 + rs;
    for (let p = 0, d = 0; p < kc; p++, d += 4) {
      pa[d] = a[r0 + p]!;
      pa[d + 1] = a[r1 + p]!;
      pa[d + 2] = a[r2 + p]!;
      pa[d + 3] = a[r3 + p]!;
    }
    return;
  }
  for (let p = 0; p < kc; p++) {
    const src = i * rs + (p0 + p) * cs;
    const d = p * 4;
    for (let r = 0; r < 4; r++) pa[d + r] = r < mr ? a[src + r * rs]! : 0;
  }
}

/**
 * Packs rows p0..p0+kc-1, columns j0..j0+nc-1 of B into panels of 4 columns:
 * panel q holds pb[q*kc*4 + p*4 + c] = B(p0+p, j0+4q+c).
 */
export function packB(
  pb: Float64Array,
  b: Float64Array,
  rs: number,
  cs: number,
  p0: number,
  kc: number,
  j0: number,
  nc: number,
): void {
  for (let q = 0; q * 4 < nc; q++) {
    const nr = Math.min(4, nc - q * 4);
    const base = q * kc * 4;
    const col = (j0 + q * 4) * cs;
    if (nr === 4 && cs === 1) {
      for (let p = 0, d = base; p < kc; p++, d += 4) {
        const src = (p0 + p) * rs + col;
        pb[d] = b[src]!;
        pb[d + 1] = b[src + 1]!;
        pb[d + 2] = b[src + 2]!;
        pb[d + 3] = b[src + 3]!;
      }
    } else {
      for (let p = 0, d = base; p < kc; p++, d += 4) {
        const src = (p0 + p) * rs + col;
        for (let c = 0; c < 4; c++) pb[d + c] = c < nr ? b[src + c * cs]! : 0;
      }
    }
  }
}
