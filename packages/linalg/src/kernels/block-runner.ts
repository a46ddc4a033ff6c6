import { KC, MC, NC } from './blocking';
import type { FloatArray } from './pack';
import type { BlockFunction, KernelInstance } from './wasm-instance';
import { C_BLOCK, PACKED_A, PACKED_B } from './wasm-layout';

/**
 * Runs gemm-block's `block` over row panels [0, mp) of one block: on this thread, or split.
 * T is the element type of the build (Float64Array, or Float32Array for the float32 kernel).
 */
export interface BlockRunner<T extends FloatArray = Float64Array> {
  /** Views of the runner's memory: all of it, the packed A, packed B and C blocks. */
  readonly all: T;
  readonly pa: T;
  readonly pb: T;
  readonly cb: T;
  run: BlockFunction;
  /** True once a pool's runner has stopped using its shared memory (the caller switches). */
  failed: boolean;
}

type FloatArrayType<T extends FloatArray> = new (
  buffer: ArrayBufferLike,
  byteOffset?: number,
  length?: number,
) => T;

/** A runner on this thread over `memory`, calling `block` on [s0, s1) as given. */
export function runnerOn<T extends FloatArray>(
  type: FloatArrayType<T>,
  memory: { buffer: ArrayBufferLike },
  block: BlockFunction,
): BlockRunner<T> {
  const { buffer } = memory;
  return {
    all: new type(buffer),
    pa: new type(buffer, PACKED_A, MC * KC),
    pb: new type(buffer, PACKED_B, KC * NC),
    cb: new type(buffer, C_BLOCK, MC * NC),
    run: block,
    failed: false,
  };
}

/** A float64 runner on this thread over a kernel instance's memory. */
export function localRunner(kernel: KernelInstance): BlockRunner {
  return runnerOn(Float64Array, kernel.memory, kernel.block);
}
