import { InvalidArgumentError } from '../errors';
import type { Gemm } from './blocking';
import { jsGemm } from './js-gemm';
import { createWasmGemm } from './wasm-gemm';

/** The kernels behind matmul, matmulTransA and matmulTransB. */
export type MatmulKernel = 'wasm-simd' | 'js';

// Resolved on the first product (not at import: importing the package has no side effects).
let wasm: Gemm | null | undefined;
let active: { name: MatmulKernel; gemm: Gemm } | undefined;

function wasmKernel(): Gemm | null {
  if (wasm === undefined) wasm = createWasmGemm();
  return wasm;
}

function resolve(kernel: 'auto' | MatmulKernel): { name: MatmulKernel; gemm: Gemm } {
  if (kernel === 'js') return { name: 'js', gemm: jsGemm };
  const w = wasmKernel();
  if (w) return { name: 'wasm-simd', gemm: w };
  if (kernel === 'auto') return { name: 'js', gemm: jsGemm };
  throw new InvalidArgumentError(
    'kernel',
    "setMatmulKernel: 'wasm-simd' is not available here (this engine lacks WebAssembly SIMD, or a Content-Security-Policy forbids compiling WebAssembly); use 'auto' or 'js'",
  );
}

/**
 * Chooses the matrix-product kernel: 'auto' (the default: WebAssembly SIMD where the engine has
 * it, otherwise plain JavaScript), 'wasm-simd' (throws where unavailable) or 'js'. Both kernels
 * give bit-identical results, so the choice changes speed only. Returns the kernel now in use.
 */
export function setMatmulKernel(kernel: 'auto' | MatmulKernel): MatmulKernel {
  if (kernel !== 'auto' && kernel !== 'wasm-simd' && kernel !== 'js') {
    throw new InvalidArgumentError(
      'kernel',
      `setMatmulKernel: unknown kernel '${String(kernel)}'; valid kernels: auto, wasm-simd, js`,
    );
  }
  active = resolve(kernel);
  return active.name;
}

/** The kernel matrix products use now ('wasm-simd' or 'js'). */
export function matmulKernel(): MatmulKernel {
  active ??= resolve('auto');
  return active.name;
}

/** Runs the active kernel. */
export const gemm: Gemm = (m, n, k, a, ars, acs, b, brs, bcs, c) => {
  active ??= resolve('auto');
  active.gemm(m, n, k, a, ars, acs, b, brs, bcs, c);
};
