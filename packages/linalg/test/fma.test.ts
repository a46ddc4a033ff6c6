import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { decodeFloat64, setMatmulKernel } from '../src/index';

describe("the opt-in 'wasm-relaxed-fma' kernel", () => {
  it('is refused, saying how to get it, where the engine lacks relaxed SIMD (Node 20 by default)', () => {
    expect(() => setMatmulKernel('wasm-relaxed-fma')).toThrow(
      "'wasm-relaxed-fma' needs WebAssembly relaxed SIMD (Node 22 and later, Chrome 114 and later; on Node 20 start node with --experimental-wasm-relaxed-simd)",
    );
    setMatmulKernel('auto');
  });

  it('agrees with the exact kernel within the rounding bound, and is bit-identical on 1, 2 and 3 threads (float64 and float32)', async () => {
    const script = fileURLToPath(new URL('./fixtures/fma-kernel.ts', import.meta.url));
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--experimental-wasm-relaxed-simd', '--import', 'tsx', script],
      { encoding: 'utf8', timeout: 240_000, maxBuffer: 1 << 28 },
    );
    const cases = JSON.parse(stdout) as {
      dtype: 'float64' | 'float32';
      shape: number[];
      exact: number[];
      fused: string[];
      absDot: number[];
    }[];
    expect(cases.map((c) => c.dtype)).toEqual([
      ...Array(4).fill('float64'),
      ...Array(4).fill('float32'),
    ]);
    for (const { dtype, shape, exact, fused, absDot } of cases) {
      // 3 products x 3 thread counts: every thread count gives the same bits for each product.
      expect(fused).toHaveLength(9);
      for (let p = 0; p < 3; p++) {
        expect(fused[3 + p], `${shape} on 2 threads`).toBe(fused[p]);
        expect(fused[6 + p], `${shape} on 3 threads`).toBe(fused[p]);
      }
      // A·B, Aᵀ·B and A·Bᵀ are the same product, read through different strides.
      expect(fused[1]).toBe(fused[0]);
      expect(fused[2]).toBe(fused[0]);
      // Both kernels sum the same k products in the same order; each differs from the exact sum
      // by at most γ_k Σ|a||b| (γ_k = k·u/(1 − k·u), u = 2⁻⁵³, 2⁻²⁴ in float32) — the standard bound for a
      // recursively summed dot product, fused or not. So they differ from each other by at most twice that.
      const k = shape[1]!;
      const u = dtype === 'float32' ? 2 ** -24 : 2 ** -53;
      const gamma = (k * u) / (1 - k * u);
      const values = decodeFloat64(fused[0]!);
      let worst = 0;
      for (let i = 0; i < values.length; i++) {
        const allowed = 2 * gamma * absDot[i]!;
        worst = Math.max(worst, Math.abs(values[i]! - exact[i]!) / allowed);
      }
      expect(
        worst,
        `${dtype} ${shape}: worst error as a fraction of the bound`,
      ).toBeLessThanOrEqual(1);
      // It is fused: over 784-deep sums some entries round differently (x86-64 and arm64 engines
      // lower relaxed_madd to the CPU's fused multiply-add).
      if (k >= 784)
        expect(
          values.some((v, i) => v !== exact[i]),
          `${dtype} ${shape} fused`,
        ).toBe(true);
    }
  }, 300_000);
});
