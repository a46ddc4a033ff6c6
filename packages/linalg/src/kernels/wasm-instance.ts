import { decodeBase64 } from '../base64';
import {
  GEMM_BLOCK_F32_FMA_SHARED_WASM_BASE64,
  GEMM_BLOCK_F32_FMA_WASM_BASE64,
  GEMM_BLOCK_F32_SHARED_WASM_BASE64,
  GEMM_BLOCK_F32_WASM_BASE64,
  GEMM_BLOCK_FMA_SHARED_WASM_BASE64,
  GEMM_BLOCK_FMA_WASM_BASE64,
  GEMM_BLOCK_SHARED_WASM_BASE64,
  GEMM_BLOCK_WASM_BASE64,
} from './wasm/gemm-block.bytes';
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

const BUILDS = {
  exact: [GEMM_BLOCK_WASM_BASE64, GEMM_BLOCK_SHARED_WASM_BASE64],
  fma: [GEMM_BLOCK_FMA_WASM_BASE64, GEMM_BLOCK_FMA_SHARED_WASM_BASE64],
  f32: [GEMM_BLOCK_F32_WASM_BASE64, GEMM_BLOCK_F32_SHARED_WASM_BASE64],
  'f32-fma': [GEMM_BLOCK_F32_FMA_WASM_BASE64, GEMM_BLOCK_F32_FMA_SHARED_WASM_BASE64],
} as const;

/** A build of the kernel: float64 or float32, each as written or fused (relaxed SIMD). */
export type KernelBuild = keyof typeof BUILDS;

/** The float64 kernel's arithmetic: the .wat's separate multiply and add, or fused (relaxed SIMD). */
export type KernelVariant = Exclude<KernelBuild, 'f32' | 'f32-fma'>;

/** The float32 kernel's arithmetic, likewise. */
export type KernelVariantF32 = Extract<KernelBuild, 'f32' | 'f32-fma'>;

/**
 * The compiled module of a build, or null where the engine refuses it (no WebAssembly, no SIMD,
 * no relaxed SIMD for 'fma' and 'f32-fma', a Content-Security-Policy without 'wasm-unsafe-eval').
 */
export function compileKernel(variant: KernelBuild, shared: boolean): object | null {
  try {
    const api = wasmApi();
    if (!api) return null;
    const bytes = decodeBase64(BUILDS[variant][shared ? 1 : 0], 'gemm-block.wasm');
    return api.validate(bytes) ? new api.Module(bytes) : null;
  } catch {
    return null;
  }
}

/** Instantiates a compiled build on `memory`; its block function. */
export function blockOf(module: object, memory: object): BlockFunction {
  const api = wasmApi()!;
  return new api.Instance(module, { env: { memory } }).exports.block as BlockFunction;
}

/**
 * Compiles and instantiates gemm-block.wat (its shared-memory build when `shared`) on a new
 * memory, or returns null where WebAssembly, its SIMD extension (relaxed SIMD for 'fma') or shared
 * memory is missing or forbidden (an old engine, a Content-Security-Policy without
 * 'wasm-unsafe-eval', a page that is not cross-origin isolated). A module is ~0.7 KB, well under
 * the size browsers compile synchronously.
 */
export function instantiateKernel(
  shared: boolean,
  variant: KernelBuild = 'exact',
): KernelInstance | null {
  try {
    const api = wasmApi();
    const module = compileKernel(variant, shared);
    if (!api || !module) return null;
    const memory = new api.Memory({ initial: PAGES, maximum: PAGES, shared });
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
