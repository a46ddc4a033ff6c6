/**
 * The 4x4 register-tiled micro-kernel: C[i..i+3, j..j+3] (+)= PA · PB over kc steps.
 *
 * Sixteen scalar accumulators live in registers; each step loads four values of the packed A
 * panel and four of the packed B panel and does sixteen multiply-adds. V8 has no SIMD for plain
 * JS, so this register reuse (2 loads per multiply-add instead of 2 per one) is what makes it
 * ~3-4x faster than a naive triple loop. Only the valid mr x nr corner is written at the edges.
 */
export function micro4x4(
  kc: number,
  pa: Float64Array,
  pb: Float64Array,
  pbOffset: number,
  c: Float64Array,
  cOffset: number,
  ldc: number,
  mr: number,
  nr: number,
  accumulate: boolean,
): void {
  let c00 = 0,
    c01 = 0,
    c02 = 0,
    c03 = 0;
  let c10 = 0,
    c11 = 0,
    c12 = 0,
    c13 = 0;
  let c20 = 0,
    c21 = 0,
    c22 = 0,
    c23 = 0;
  let c30 = 0,
    c31 = 0,
    c32 = 0,
    c33 = 0;
  const end = kc * 4;
  for (let ia = 0, ib = pbOffset; ia < end; ia += 4, ib += 4) {
    const b0 = pb[ib]!,
      b1 = pb[ib + 1]!,
      b2 = pb[ib + 2]!,
      b3 = pb[ib + 3]!;
    let a = pa[ia]!;
    c00 += a * b0;
    c01 += a * b1;
    c02 += a * b2;
    c03 += a * b3;
    a = pa[ia + 1]!;
    c10 += a * b0;
    c11 += a * b1;
    c12 += a * b2;
    c13 += a * b3;
    a = pa[ia + 2]!;
    c20 += a * b0;
    c21 += a * b1;
    c22 += a * b2;
    c23 += a * b3;
    a = pa[ia + 3]!;
    c30 += a * b0;
    c31 += a * b1;
    c32 += a * b2;
    c33 += a * b3;
  }
  if (mr === 4 && nr === 4) {
    let o = cOffset;
    if (accumulate) {
      c[o] += c00;
      c[o + 1] += c01;
      c[o + 2] += c02;
      c[o + 3] += c03;
      o += ldc;
      c[o] += c10;
      c[o + 1] += c11;
      c[o + 2] += c12;
      c[o + 3] += c13;
      o += ldc;
      c[o] += c20;
      c[o + 1] += c21;
      c[o + 2] += c22;
      c[o + 3] += c23;
      o += ldc;
      c[o] += c30;
      c[o + 1] += c31;
      c[o + 2] += c32;
      c[o + 3] += c33;
    } else {
      c[o] = c00;
      c[o + 1] = c01;
      c[o + 2] = c02;
      c[o + 3] = c03;
      o += ldc;
      c[o] = c10;
      c[o + 1] = c11;
      c[o + 2] = c12;
      c[o + 3] = c13;
      o += ldc;
      c[o] = c20;
      c[o + 1] = c21;
      c[o + 2] = c22;
      c[o + 3] = c23;
      o += ldc;
      c[o] = c30;
      c[o + 1] = c31;
      c[o + 2] = c32;
      c[o + 3] = c33;
    }
    return;
  }
  const t = edgeTile;
  t[0] = c00;
  t[1] = c01;
  t[2] = c02;
  t[3] = c03;
  t[4] = c10;
  t[5] = c11;
  t[6] = c12;
  t[7] = c13;
  t[8] = c20;
  t[9] = c21;
  t[10] = c22;
  t[11] = c23;
  t[12] = c30;
  t[13] = c31;
  t[14] = c32;
  t[15] = c33;
  storeEdge(c, cOffset, ldc, mr, nr, accumulate);
}

/** Scratch for an edge tile (module-level so edge tiles allocate nothing either). */
const edgeTile = new Float64Array(16);

/** Writes the valid mr x nr corner of the tile in `edgeTile` at the matrix edge. */
function storeEdge(
  c: Float64Array,
  cOffset: number,
  ldc: number,
  mr: number,
  nr: number,
  accumulate: boolean,
): void {
  for (let r = 0; r < mr; r++) {
    for (let q = 0; q < nr; q++) {
      const o = cOffset + r * ldc + q;
      c[o] = (accumulate ? c[o]! : 0) + edgeTile[r * 4 + q]!;
    }
  }
}
