/*
 * The block sizes both kernels share (GotoBLAS order). Sharing them is what makes the kernels
 * bit-identical: each entry of C is summed over the same KC-deep slices, in the same order.
 */

/** Depth of one packed block (kc). */
export const KC = 512;
/** Rows of A per packed block (mc): an MC x KC block of A is 1.5 MB, for L2. A multiple of 3 and 4. */
export const MC = 384;
/** Columns of B per packed block (nc): KC x NC doubles = 2 MB. A multiple of the tile width 4. */
export const NC = 512;

/**
 * The signature of a kernel: C = A·B for logical operands A (m x k) and B (k x n), written
 * row-major into c (m x n, fully overwritten). Element (i, p) of A is a[i*ars + p*acs]; element
 * (p, j) of B is b[p*brs + j*bcs] — strides express a transposed operand without copying it. The
 * caller checks shapes and that c aliases neither input. Strides are plain arguments so a call
 * allocates nothing.
 */
export type Gemm = (
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
) => void;
