import { decodeBase64 } from '../base64';
import { type Gemm, KC, MC, NC } from './blocking';
import { NR, packA, packB } from './pack';
import { GEMM_BLOCK_WASM_BASE64 } from './wasm/gemm-block.bytes';

/** Rows of A per packed panel: the WebAssembly micro-kernel's tile height (see gemm-block.wat). */
const MR = 4;

/** Byte offsets of the packed A block, the packed B block and the C block in the module's memory. */
const PA = 0;
const PB = PA + MC * KC * 8;
const CB = PB + KC * NC * 8;

/** The part of the WebAssembly API used here (the package's types assume no DOM or Node globals). */
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
}

interface BlockKernel {
  block(mp: number, np: number, kc: number, pa: number, pb: number, c: number): void;
  pa: Float64Array;
  pb: Float64Array;
  cb: Float64Array;
}

/**
 * Compiles and instantiates gemm-block.wat, or returns null where WebAssembly or its SIMD
 * extension is missing or forbidden (an old engine, a Content-Security-Policy without
 * 'wasm-unsafe-eval'). The module is 605 bytes, well under the size browsers compile synchronously.
 */
function instantiate(): BlockKernel | null {
  try {
    const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
    if (typeof api !== 'object') return null;
    const bytes = decodeBase64(GEMM_BLOCK_WASM_BASE64, 'gemm-block.wasm');
    if (!api.validate(bytes)) return null;
    const { exports } = new api.Instance(new api.Module(bytes), {});
    const memory = exports.memory as { buffer: ArrayBuffer };
    return {
      block: exports.block as BlockKernel['block'],
      // The memory never grows, so these views stay attached.
      pa: new Float64Array(memory.buffer, PA, MC * KC),
      pb: new Float64Array(memory.buffer, PB, KC * NC),
      cb: new Float64Array(memory.buffer, CB, MC * NC),
    };
  } catch {
    return null;
  }
}

/** Copies the valid mc x nc corner of the C block (row stride ldc) into c, or adds it. */
function storeBlock(
  cb: Float64Array,
  ldc: number,
  c: Float64Array,
  offset: number,
  n: number,
  mc: number,
  nc: number,
  accumulate: boolean,
): void {
  for (let i = 0; i < mc; i++) {
    const o = offset + i * n;
    const s = i * ldc;
    if (accumulate) for (let j = 0; j < nc; j++) c[o + j] += cb[s + j]!;
    else for (let j = 0; j < nc; j++) c[o + j] = cb[s + j]!;
  }
}

/**
 * The WebAssembly SIMD kernel, or null where it cannot run. Same blocking as the JavaScript
 * kernel: JavaScript packs each block straight into the module's memory (zero-padded to whole
 * 4x4 tiles), the module multiplies the block with its 4x4 f64x2 micro-kernel, and JavaScript
 * copies (or, for later KC slices, adds) the valid corner into c. Allocates nothing per call.
 */
export function createWasmGemm(): Gemm | null {
  const kernel = instantiate();
  if (!kernel) return null;
  const { block, pa, pb, cb } = kernel;
  return (m, n, k, a, ars, acs, b, brs, bcs, c) => {
    if (k === 0) {
      c.fill(0, 0, m * n);
      return;
    }
    for (let jc = 0; jc < n; jc += NC) {
      const nc = Math.min(NC, n - jc);
      const np = Math.ceil(nc / NR);
      for (let pc = 0; pc < k; pc += KC) {
        const kc = Math.min(KC, k - pc);
        packB(pb, b, brs, bcs, pc, kc, jc, nc);
        for (let ic = 0; ic < m; ic += MC) {
          const mc = Math.min(MC, m - ic);
          packA(pa, a, ars, acs, ic, mc, pc, kc, MR);
          block(Math.ceil(mc / MR), np, kc, PA, PB, CB);
          storeBlock(cb, np * NR, c, ic * n + jc, n, mc, nc, pc > 0);
        }
      }
    }
  };
}
