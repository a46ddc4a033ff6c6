/**
 * Compiles src/kernels/wasm/gemm-block.wat to WebAssembly with wabt, eight ways — with its imported
 * memory as written (one thread) or marked `shared` (threads), each with the .wat's separate
 * multiply and add, with every multiply-add fused by relaxed SIMD's f64x2.relaxed_madd (the
 * opt-in 'wasm-relaxed-fma' kernel), in float32 (f32x4 lanes: a 4 x 8 tile in the same bytes,
 * see float32Source), or in float32 fused (f32x4.relaxed_madd, the opt-in kernel's float32
 * build) — and embeds them in src/kernels/wasm/gemm-block.bytes.ts
 * (base64), so the package ships no binary file and needs no toolchain at install time. It also
 * compiles src/kernels/wasm/update-rules.wat (the optimizers' update rules in f64x2 lanes) into
 * update-rules.bytes.ts. A test
 * recompiles both .wat files and checks the embedded bytes match.
 *
 *   pnpm --filter @backprop/linalg build:wasm
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import initWabt from 'wabt';

const watPath = fileURLToPath(new URL('../src/kernels/wasm/gemm-block.wat', import.meta.url));
const outPath = fileURLToPath(new URL('../src/kernels/wasm/gemm-block.bytes.ts', import.meta.url));
const rulesWatPath = fileURLToPath(
  new URL('../src/kernels/wasm/update-rules.wat', import.meta.url),
);
const rulesOutPath = fileURLToPath(
  new URL('../src/kernels/wasm/update-rules.bytes.ts', import.meta.url),
);

/** The memory import as the .wat writes it; the shared build adds `shared`. */
const MEMORY = '(memory 208 208)';

/** The .wat's accumulate step, c += v·b, as written (separately rounded multiply and add). */
const ACCUMULATE =
  /\(f64x2\.add \(local\.get (\$c\d\d)\) \(f64x2\.mul \(local\.get \$v\) \(local\.get (\$b\d)\)\)\)/g;

/** The .wat with every accumulate step fused: c = relaxed_madd(v, b, c). */
export function fusedSource(source: string): string {
  const steps = source.match(ACCUMULATE)?.length ?? 0;
  if (steps !== 8) throw new Error(`gemm-block.wat: expected 8 accumulate steps, found ${steps}`);
  return source.replace(
    ACCUMULATE,
    '(f64x2.relaxed_madd (local.get $v) (local.get $2) (local.get $1))',
  );
}

/**
 * The float64 operations of the .wat and their float32 counterparts, with how many of each the
 * .wat has as written and once fused (8 relaxed_madd in place of 8 multiplies and 8 adds).
 */
const FLOAT32: [RegExp, string, number, number][] = [
  [/v128\.const f64x2 0 0/g, 'v128.const f32x4 0 0 0 0', 8, 8],
  [/v128\.load64_splat/g, 'v128.load32_splat', 4, 4],
  [/f64x2\./g, 'f32x4.', 16, 8],
];

/**
 * The .wat in float32: every f64x2 operation as f32x4 and the A splat as a 4-byte load. The byte
 * layout is unchanged — a B panel step is 32 bytes (8 floats instead of 4 doubles), a tile row of
 * C 32 bytes — so the same code computes a 4 x 8 tile, each entry summed over p in order from +0
 * with separately rounded float32 products and sums.
 */
export function float32Source(source: string, fused = false): string {
  let out = source;
  for (const [pattern, replacement, asWritten, once] of FLOAT32) {
    const count = fused ? once : asWritten;
    const found = out.match(pattern)?.length ?? 0;
    if (found !== count)
      throw new Error(`gemm-block.wat: expected ${count} × ${pattern.source}, found ${found}`);
    out = out.replace(pattern, replacement);
  }
  return out;
}

/** Which arithmetic a build has: as written, fused multiply-adds, float32, or float32 fused. */
export type Build = 'exact' | 'fma' | 'f32' | 'f32-fma';

/**
 * The module's bytes, compiled from the .wat with the SIMD feature (and threads for `shared`,
 * relaxed SIMD for 'fma').
 */
export async function compileGemmBlock(
  shared = false,
  build: Build = 'exact',
): Promise<Uint8Array> {
  const wabt = await initWabt();
  const source = readFileSync(watPath, 'utf8');
  if (!source.includes(MEMORY)) throw new Error(`gemm-block.wat must import ${MEMORY}`);
  const fma = build === 'fma' || build === 'f32-fma';
  const variant =
    build === 'fma'
      ? fusedSource(source)
      : build === 'f32'
        ? float32Source(source)
        : build === 'f32-fma'
          ? float32Source(fusedSource(source), true)
          : source;
  const text = shared ? variant.replace(MEMORY, '(memory 208 208 shared)') : variant;
  const features = { simd: true, threads: shared, relaxed_simd: fma };
  const module = wabt.parseWat('gemm-block.wat', text, features);
  try {
    // wabt's types omit validate's features argument; without it, shared memory is refused.
    (module.validate as (f: object) => void)(features);
    return module.toBinary({ log: false, write_debug_names: false }).buffer;
  } finally {
    module.destroy();
  }
}

/** The eight builds, in the order bytesModule takes them. */
export function compileAll(): Promise<Uint8Array[]> {
  return Promise.all([
    compileGemmBlock(false, 'exact'),
    compileGemmBlock(true, 'exact'),
    compileGemmBlock(false, 'fma'),
    compileGemmBlock(true, 'fma'),
    compileGemmBlock(false, 'f32'),
    compileGemmBlock(true, 'f32'),
    compileGemmBlock(false, 'f32-fma'),
    compileGemmBlock(true, 'f32-fma'),
  ]);
}

/** The TypeScript file that embeds the eight builds. */
export function bytesModule([
  local,
  shared,
  fma,
  fmaShared,
  f32,
  f32Shared,
  f32Fma,
  f32FmaShared,
]: Uint8Array[]): string {
  const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
  const entry = (name: string, what: string, bytes: Uint8Array) =>
    `/** ${what} (${bytes.length} bytes), base64. */\nexport const ${name} =\n  '${base64(bytes)}';\n`;
  return `// Generated by scripts/wasm-build.ts from gemm-block.wat — do not edit; run \`pnpm build:wasm\`.
${entry('GEMM_BLOCK_WASM_BASE64', 'The WebAssembly module of gemm-block.wat', local!)}${entry('GEMM_BLOCK_SHARED_WASM_BASE64', 'The same module importing a shared memory, for threads', shared!)}${entry('GEMM_BLOCK_FMA_WASM_BASE64', 'The module with fused multiply-adds (relaxed SIMD)', fma!)}${entry('GEMM_BLOCK_FMA_SHARED_WASM_BASE64', 'The fused module importing a shared memory', fmaShared!)}${entry('GEMM_BLOCK_F32_WASM_BASE64', 'The float32 module (f32x4, 4 x 8 tiles)', f32!)}${entry('GEMM_BLOCK_F32_SHARED_WASM_BASE64', 'The float32 module importing a shared memory', f32Shared!)}${entry('GEMM_BLOCK_F32_FMA_WASM_BASE64', 'The float32 module with fused multiply-adds (relaxed SIMD)', f32Fma!)}${entry('GEMM_BLOCK_F32_FMA_SHARED_WASM_BASE64', 'The fused float32 module importing a shared memory', f32FmaShared!)}`;
}

/** update-rules.wat's module bytes (SIMD; its own memory). */
export async function compileUpdateRules(): Promise<Uint8Array> {
  const wabt = await initWabt();
  const features = { simd: true };
  const module = wabt.parseWat('update-rules.wat', readFileSync(rulesWatPath, 'utf8'), features);
  try {
    (module.validate as (f: object) => void)(features);
    return module.toBinary({ log: false, write_debug_names: false }).buffer;
  } finally {
    module.destroy();
  }
}

/** The TypeScript file that embeds update-rules.wat's module. */
export function updateRulesBytesModule(bytes: Uint8Array): string {
  return `// Generated by scripts/wasm-build.ts from update-rules.wat — do not edit; run \`pnpm build:wasm\`.
/** The WebAssembly module of update-rules.wat (${bytes.length} bytes), base64. */
export const UPDATE_RULES_WASM_BASE64 =
  '${Buffer.from(bytes).toString('base64')}';
`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const builds = await compileAll();
  writeFileSync(outPath, bytesModule(builds));
  console.log(`wrote ${outPath} (${builds.map((b) => b.length).join(', ')} bytes of WebAssembly)`);
  const rules = await compileUpdateRules();
  writeFileSync(rulesOutPath, updateRulesBytesModule(rules));
  console.log(`wrote ${rulesOutPath} (${rules.length} bytes of WebAssembly)`);
}
