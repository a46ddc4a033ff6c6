import { InvalidArgumentError } from '../errors';
import type { Gemm } from './blocking';
import { jsGemm } from './js-gemm';
import { jsGemmF32 } from './js-gemm-f32';
import { createWasmGemm, createWasmGemmF32, type GemmF32 } from './wasm-gemm';

/**
 * The kernels behind matmul, matmulTransA and matmulTransB: 'wasm-simd' and 'js' give
 * bit-identical results; 'wasm-relaxed-fma' (opt-in) fuses each multiply-add, which is faster
 * and changes the last bits.
 */
export type MatmulKernel = 'wasm-simd' | 'wasm-relaxed-fma' | 'js';

const KERNELS = ['auto', 'wasm-simd', 'wasm-relaxed-fma', 'js'] as const;

// Resolved on the first product (not at import: importing the package has no side effects).
let wasm: Gemm | null | undefined;
let fused: Gemm | null | undefined;
let wasm32: GemmF32 | null | undefined;
let fused32: GemmF32 | null | undefined;
let active: { name: MatmulKernel; gemm: Gemm; gemm32: GemmF32 } | undefined;

/**
 * The float32 kernel beside a float64 one: WebAssembly SIMD's, or JavaScript's (same bits); the
 * fused one beside the fused float64 kernel.
 */
function f32Kernel(name: MatmulKernel): GemmF32 {
  if (name === 'js') return jsGemmF32;
  if (name === 'wasm-relaxed-fma') {
    if (fused32 === undefined) fused32 = createWasmGemmF32('f32-fma');
    if (fused32) return fused32;
  }
  if (wasm32 === undefined) wasm32 = createWasmGemmF32();
  return wasm32 ?? jsGemmF32;
}

function wasmKernel(): Gemm | null {
  if (wasm === undefined) wasm = createWasmGemm('exact');
  return wasm;
}

function fusedKernel(): Gemm {
  if (fused === undefined) fused = createWasmGemm('fma');
  if (fused) return fused;
  throw new InvalidArgumentError(
    'kernel',
    "setMatmulKernel: 'wasm-relaxed-fma' needs WebAssembly relaxed SIMD (Node 22 and later, Chrome 114 and later; on Node 20 start node with --experimental-wasm-relaxed-simd)",
  );
}

function resolve(kernel: (typeof KERNELS)[number]): NonNullable<typeof active> {
  const chosen = (name: MatmulKernel, gemm: Gemm) => ({ name, gemm, gemm32: f32Kernel(name) });
  if (kernel === 'js') return chosen('js', jsGemm);
  if (kernel === 'wasm-relaxed-fma') return chosen(kernel, fusedKernel());
  const w = wasmKernel();
  if (w) return chosen('wasm-simd', w);
  if (kernel === 'auto') return chosen('js', jsGemm);
  throw new InvalidArgumentError(
    'kernel',
    "setMatmulKernel: 'wasm-simd' is not available here (this engine lacks WebAssembly SIMD, or a Content-Security-Policy forbids compiling WebAssembly); use 'auto' or 'js'",
  );
}

/**
 * Chooses the matrix-product kernel: 'auto' (the default: WebAssembly SIMD where the engine has
 * it, otherwise plain JavaScript), 'wasm-simd' (throws where unavailable) or 'js' — these give
 * bit-identical results, so the choice changes speed only — or, opt-in, 'wasm-relaxed-fma':
 * WebAssembly relaxed SIMD's fused multiply-add, faster where the CPU has FMA but different in
 * the last bits (so run fingerprints differ from the other kernels'; throws where the engine
 * lacks relaxed SIMD). Returns the kernel now in use. Float32 products run WebAssembly's f32x4
 * kernel under 'auto' and 'wasm-simd' and a float32 loop of its own under 'js' (the same bits),
 * and the f32x4 kernel with fused multiply-adds (f32x4.relaxed_madd) under 'wasm-relaxed-fma'.
 */
export function setMatmulKernel(kernel: 'auto' | MatmulKernel): MatmulKernel {
  if (!(KERNELS as readonly string[]).includes(kernel)) {
    throw new InvalidArgumentError(
      'kernel',
      `setMatmulKernel: unknown kernel '${String(kernel)}'; valid kernels: ${KERNELS.join(', ')}`,
    );
  }
  active = resolve(kernel);
  return active.name;
}

/** The kernel matrix products use now ('wasm-simd', 'wasm-relaxed-fma' or 'js'). */
export function matmulKernel(): MatmulKernel {
  active ??= resolve('auto');
  return active.name;
}

/** Runs the active kernel. */
export const gemm: Gemm = (m, n, k, a, ars, acs, b, brs, bcs, c) => {
  active ??= resolve('auto');
  active.gemm(m, n, k, a, ars, acs, b, brs, bcs, c);
};

/** Runs the active kernel's float32 product. */
export const gemmF32: GemmF32 = (m, n, k, a, ars, acs, b, brs, bcs, c) => {
  active ??= resolve('auto');
  active.gemm32(m, n, k, a, ars, acs, b, brs, bcs, c);
};
