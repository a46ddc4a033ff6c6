import { afterEach, describe, expect, it } from 'vitest';
import {
  bytesModule,
  compileAll,
  compileUpdateRules,
  updateRulesBytesModule,
} from '../scripts/wasm-build';
import {
  type Matrix,
  matmul,
  matmulKernel,
  matmulTransA,
  matmulTransB,
  Rng,
  setMatmulKernel,
  transpose,
} from '../src/index';
import {
  GEMM_BLOCK_FMA_SHARED_WASM_BASE64,
  GEMM_BLOCK_FMA_WASM_BASE64,
  GEMM_BLOCK_SHARED_WASM_BASE64,
  GEMM_BLOCK_WASM_BASE64,
} from '../src/kernels/wasm/gemm-block.bytes';
import { UPDATE_RULES_WASM_BASE64 } from '../src/kernels/wasm/update-rules.bytes';
import { createWasmGemm } from '../src/kernels/wasm-gemm';
import { rand } from './reference';

afterEach(() => {
  setMatmulKernel('auto');
});

describe('the WebAssembly kernel module', () => {
  it('embeds exactly what gemm-block.wat compiles to (run `pnpm build:wasm` after editing it)', async () => {
    const text = bytesModule(await compileAll());
    for (const embedded of [
      GEMM_BLOCK_WASM_BASE64,
      GEMM_BLOCK_SHARED_WASM_BASE64,
      GEMM_BLOCK_FMA_WASM_BASE64,
      GEMM_BLOCK_FMA_SHARED_WASM_BASE64,
    ])
      expect(text).toContain(`'${embedded}'`);
  });

  it("embeds exactly what update-rules.wat compiles to (the optimizers' updates; run `pnpm build:wasm` after editing it)", async () => {
    expect(updateRulesBytesModule(await compileUpdateRules())).toContain(
      `'${UPDATE_RULES_WASM_BASE64}'`,
    );
  });

  it('is what Node 20 uses by default', () => {
    expect(matmulKernel()).toBe('wasm-simd');
  });
});

/** The three products of a and b with each kernel. */
function products(kernel: 'wasm-simd' | 'js', a: Matrix, b: Matrix): Matrix[] {
  setMatmulKernel(kernel);
  return [matmul(a, b), matmulTransA(transpose(a), b), matmulTransB(a, transpose(b))];
}

describe('both kernels give bit-identical results', () => {
  const rng = new Rng(3);
  // Edges of the 3-row and 4-row tiles, the 4-column tile, and every block edge (k > 512,
  // m > 384, n > 512); the values span 12 orders of magnitude so rounding differences would show.
  it.each([
    [1, 1, 1],
    [3, 4, 4],
    [5, 7, 3],
    [12, 513, 13],
    [385, 9, 6],
    [7, 33, 515],
    [128, 784, 64],
    [64, 1100, 10],
  ])('m=%i k=%i n=%i', (m, k, n) => {
    const a = rand(m, k, rng);
    const b = rand(k, n, rng);
    for (let i = 0; i < a.data.length; i++) a.data[i]! *= 10 ** rng.uniform(-6, 6);
    const viaWasm = products('wasm-simd', a, b);
    const viaJs = products('js', a, b);
    for (let t = 0; t < 3; t++) expect(viaWasm[t]!.data).toEqual(viaJs[t]!.data);
  });

  it('including NaN, ±Infinity and −0 inputs', () => {
    const a = rand(6, 5, rng);
    const b = rand(5, 7, rng);
    a.data.set([Number.NaN, Number.POSITIVE_INFINITY, -0, Number.NEGATIVE_INFINITY, 1e308], 0);
    b.data.set([-0, 1e308, Number.MIN_VALUE], 10);
    const [wasm] = products('wasm-simd', a, b);
    const [js] = products('js', a, b);
    expect(wasm!.data).toEqual(js!.data);
  });
});

describe('choosing a kernel', () => {
  it('setMatmulKernel returns the kernel in use and rejects unknown names', () => {
    expect(setMatmulKernel('js')).toBe('js');
    expect(matmulKernel()).toBe('js');
    expect(setMatmulKernel('auto')).toBe('wasm-simd');
    expect(() => setMatmulKernel('gpu' as never)).toThrow(
      "setMatmulKernel: unknown kernel 'gpu'; valid kernels: auto, wasm-simd, wasm-relaxed-fma, js",
    );
  });

  it('the WebAssembly kernel is unavailable without WebAssembly or without SIMD', () => {
    const api = (globalThis as { WebAssembly?: object }).WebAssembly;
    try {
      Object.defineProperty(globalThis, 'WebAssembly', { value: undefined, configurable: true });
      expect(createWasmGemm()).toBeNull();
      Object.defineProperty(globalThis, 'WebAssembly', {
        value: { ...api, validate: () => false },
        configurable: true,
      });
      expect(createWasmGemm()).toBeNull();
      Object.defineProperty(globalThis, 'WebAssembly', {
        value: {
          validate: () => true,
          Module: () => {
            throw new Error('Refused to compile WebAssembly: Content Security Policy');
          },
        },
        configurable: true,
      });
      expect(createWasmGemm()).toBeNull();
    } finally {
      Object.defineProperty(globalThis, 'WebAssembly', { value: api, configurable: true });
    }
    expect(createWasmGemm()).not.toBeNull();
  });
});
