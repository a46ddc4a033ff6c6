import { decodeBase64 } from '../base64';
import { GEMM_BLOCK_SHARED_WASM_BASE64, GEMM_BLOCK_WASM_BASE64 } from './wasm/gemm-block.bytes';
import { PAGES } from './wasm-layout';

/** The part of the WebAssembly API used here (the package's types assume no DOM or Node globals). */
export interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
  Memory: new (descriptor: {
    initial: number;
    maximum: number;
    shared?: boolean;
  }) => { buffer: ArrayBufferLike };
}

/** gemm-block.wat's one export: row panels s0..s1-1 of a block (arguments as the .wat names them). */
export type BlockFunction = (
  s0: number,
  s1: number,
  np: number,
  kc: number,
  a: number,
  apanel: number,
  arow: number,
  astep: number,
  mc: number,
  pb: number,
  c: number,
) => void;

/** A compiled, instantiated kernel and a view of its whole memory. */
export interface KernelInstance {
  module: object;
  memory: { buffer: ArrayBufferLike };
  block: BlockFunction;
  f64: Float64Array;
}

export function wasmApi(): WasmApi | null {
  const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  return typeof api === 'object' ? api : null;
}

/**
 * Compiles and instantiates gemm-block.wat (its shared-memory build when `shared`), or returns
 * null where WebAssembly, its SIMD extension or shared memory is missing or forbidden (an old
 * engine, a Content-Security-Policy without 'wasm-unsafe-eval', a page that is not cross-origin
 * isolated). The module is 726 bytes, well under the size browsers compile synchronously.
 */
export function instantiateKernel(shared: boolean): KernelInstance | null {
  try {
    const api = wasmApi();
    if (!api) return null;
    const bytes = decodeBase64(
      shared ? GEMM_BLOCK_SHARED_WASM_BASE64 : GEMM_BLOCK_WASM_BASE64,
      'gemm-block.wasm',
    );
    if (!api.validate(bytes)) return null;
    const memory = new api.Memory({ initial: PAGES, maximum: PAGES, shared });
    const module = new api.Module(bytes);
    const { exports } = new api.Instance(module, { env: { memory } });
    // The memory never grows, so the view stays attached.
    return {
      module,
      memory,
      block: exports.block as BlockFunction,
      f64: new Float64Array(memory.buffer),
    };
  } catch {
    return null;
  }
}
