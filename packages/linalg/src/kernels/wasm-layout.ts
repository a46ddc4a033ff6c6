import { KC, MC, NC } from './blocking';

/*
 * The WebAssembly kernel's memory (imported by gemm-block.wat, 208 pages = 13 MiB), in bytes:
 * an operand A copied as it is stored (when it fits), a packed A block (when it does not), a
 * packed B block and the C block the module writes. Fixed, so views on it never detach.
 */

/** Doubles of A that are copied in whole and read in place (8 MiB: a 128 x 784 batch is 0.8). */
export const RESIDENT_A_DOUBLES = 1 << 20;
export const RESIDENT_A = 0;
export const PACKED_A = RESIDENT_A + RESIDENT_A_DOUBLES * 8;
export const PACKED_B = PACKED_A + MC * KC * 8;
export const C_BLOCK = PACKED_B + KC * NC * 8;
/** Pages of 64 KiB, as the .wat declares them. */
export const PAGES = 208;

if (C_BLOCK + MC * NC * 8 > PAGES * 65536)
  throw new Error('gemm-block: the memory layout does not fit');
