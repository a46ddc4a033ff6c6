import { decodeBase64 } from '../base64';
import type { FloatArray } from '../dtype';
import { InvalidArgumentError } from '../errors';
import { ADAM_WASM_BASE64 } from './wasm/adam.bytes';
import { wasmApi } from './wasm-instance';

/** One Adam step's constants (see adam.wat for the formula). */
export interface AdamStepConstants {
  lr: number;
  /** 1/(1 − β₁ᵗ) and 1/(1 − β₂ᵗ). */
  c1: number;
  c2: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  /** ε inside the square root (√(v̂ + ε)) rather than after it (√v̂ + ε). */
  epsilonInsideSqrt: boolean;
  /** Decoupled weight decay λ (AdamW), 0 for Adam. */
  weightDecay: number;
}

type AdamFunction = (
  n2: number,
  p: number,
  g: number,
  m: number,
  v: number,
  ...constants: number[]
) => void;

interface AdamInstance {
  memory: { buffer: ArrayBufferLike; grow(pages: number): number };
  adam64: AdamFunction;
  adam32: AdamFunction;
}

const PAGE = 65536;
// Instantiated on first use (importing the package has no side effects); null where WebAssembly
// SIMD is unavailable or forbidden.
let instance: AdamInstance | null | undefined;

function adamInstance(): AdamInstance | null {
  if (instance !== undefined) return instance;
  instance = null;
  try {
    const api = wasmApi();
    const bytes = decodeBase64(ADAM_WASM_BASE64, 'adam.wasm');
    if (api?.validate(bytes)) {
      const { exports } = new api.Instance(new api.Module(bytes), {});
      instance = exports as unknown as AdamInstance;
    }
  } catch {
    instance = null;
  }
  return instance;
}

/** Views of the module's memory for tensors of one length and dtype: p, g, m, v in a row. */
interface Regions {
  buffer: ArrayBufferLike;
  all: FloatArray;
  /** p, m and v's regions, n entries each (for copying back). */
  p: FloatArray;
  m: FloatArray;
  v: FloatArray;
  /** Entries per region: n rounded up to even (f64x2 lanes take two). */
  padded: number;
}

// Per tensor length and dtype, created on first use and again only after the memory grows, so a
// training step allocates nothing.
const regions = new Map<number, Regions>();

function regionsFor(k: AdamInstance, n: number, like: FloatArray): Regions | null {
  const key = like instanceof Float32Array ? -n - 1 : n;
  const cached = regions.get(key);
  if (cached && cached.buffer === k.memory.buffer) return cached;
  const padded = n + (n & 1);
  const short = 4 * padded * like.BYTES_PER_ELEMENT - k.memory.buffer.byteLength;
  try {
    if (short > 0) k.memory.grow(Math.ceil(short / PAGE));
  } catch {
    return null; // the engine cannot give the memory (a huge tensor): the caller's loop runs
  }
  const buffer = k.memory.buffer;
  const all = like instanceof Float32Array ? new Float32Array(buffer) : new Float64Array(buffer);
  const r: Regions = {
    buffer,
    all,
    p: all.subarray(0, n),
    m: all.subarray(2 * padded, 2 * padded + n),
    v: all.subarray(3 * padded, 3 * padded + n),
    padded,
  };
  regions.set(key, r);
  return r;
}

/** Throws unless g, m and v are arrays of p's type and length. */
function checkArrays(p: FloatArray, g: FloatArray, m: FloatArray, v: FloatArray): void {
  const type = p instanceof Float32Array ? Float32Array : Float64Array;
  if (!(p instanceof type))
    throw new InvalidArgumentError('p', 'adamStep: p must be a Float64Array or a Float32Array');
  if (!(g instanceof type && g.length === p.length))
    throw new InvalidArgumentError(
      'g',
      `adamStep: g must be a ${type.name} of p's length ${p.length}`,
    );
  if (!(m instanceof type && m.length === p.length))
    throw new InvalidArgumentError(
      'm',
      `adamStep: m must be a ${type.name} of p's length ${p.length}`,
    );
  if (!(v instanceof type && v.length === p.length))
    throw new InvalidArgumentError(
      'v',
      `adamStep: v must be a ${type.name} of p's length ${p.length}`,
    );
}

/**
 * Adam's update of one parameter tensor in WebAssembly SIMD (f64x2 lanes): `p`, `m` and `v` are
 * updated in place from `g`, bit for bit as @backprop/optim's JavaScript loop does (same
 * operations, same order, float64 arithmetic, float32 arrays rounded once per stored value).
 * The four arrays (one dtype, one length; else an InvalidArgumentError) are copied into the
 * module's memory and p, m, v back. Returns false, doing nothing, where WebAssembly SIMD is
 * unavailable or its memory cannot grow to the tensor: the caller then runs its own loop.
 */
export function adamStep(
  p: FloatArray,
  g: FloatArray,
  m: FloatArray,
  v: FloatArray,
  c: AdamStepConstants,
): boolean {
  checkArrays(p, g, m, v);
  const k = adamInstance();
  if (!k) return false;
  const n = p.length;
  const r = regionsFor(k, n, p);
  if (!r) return false;
  const { all, padded } = r;
  all.set(p, 0);
  all.set(g, padded);
  all.set(m, 2 * padded);
  all.set(v, 3 * padded);
  if (n & 1) {
    // The pad lane of each region: finite values, computed and never copied back.
    all[n] = 0;
    all[padded + n] = 0;
    all[2 * padded + n] = 0;
    all[3 * padded + n] = 0;
  }
  const bytes = padded * p.BYTES_PER_ELEMENT;
  const run = p instanceof Float32Array ? k.adam32 : k.adam64;
  run(
    padded / 2,
    0,
    bytes,
    2 * bytes,
    3 * bytes,
    c.lr,
    c.c1,
    c.c2,
    c.beta1,
    c.beta2,
    1 - c.beta1,
    1 - c.beta2,
    c.epsilonInsideSqrt ? c.epsilon : 0,
    c.epsilonInsideSqrt ? 0 : c.epsilon,
    c.weightDecay,
  );
  p.set(r.p);
  m.set(r.m);
  v.set(r.v);
  return true;
}
