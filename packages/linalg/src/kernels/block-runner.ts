import { KC, MC, NC } from './blocking';
import type { BlockFunction, KernelInstance } from './wasm-instance';
import { C_BLOCK, PACKED_A, PACKED_B } from './wasm-layout';

/** Runs gemm-block's `block` over row panels [0, mp) of one block: on this thread, or split. */
export interface BlockRunner {
  /** Views of the runner's memory: all of it, the packed A, packed B and C blocks. */
  readonly f64: Float64Array;
  readonly pa: Float64Array;
  readonly pb: Float64Array;
  readonly cb: Float64Array;
  run: BlockFunction;
  /** True once a pool's runner has stopped using its shared memory (the caller switches). */
  failed: boolean;
}

/** A runner on this thread over a kernel instance's memory (`block` called on [s0, s1) as given). */
export function localRunner(kernel: KernelInstance): BlockRunner {
  const { buffer } = kernel.memory;
  return {
    f64: kernel.f64,
    pa: new Float64Array(buffer, PACKED_A, MC * KC),
    pb: new Float64Array(buffer, PACKED_B, KC * NC),
    cb: new Float64Array(buffer, C_BLOCK, MC * NC),
    run: kernel.block,
    failed: false,
  };
}
