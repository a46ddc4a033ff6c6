import { decodeBase64 } from '../base64';
import type { FloatArray } from '../dtype';
import { InvalidArgumentError } from '../errors';
import { UPDATE_RULES_WASM_BASE64 } from './wasm/update-rules.bytes';
import { wasmApi } from './wasm-instance';

/*
 * The optimizers' update rules in WebAssembly SIMD (update-rules.wat): each step copies the
 * parameter, its gradient and its state slots into the module's memory, runs the rule there two
 * entries at a time and copies the parameter and the slots back. Bit for bit what
 * @backprop/optim's JavaScript loops compute (same operations, same order, float64 arithmetic,
 * float32 arrays rounded once per stored value — except float32 Adam, which computes in float32,
 * four entries at a time). Every step function returns false, doing
 * nothing, where WebAssembly SIMD is unavailable or the memory cannot grow to the tensor; the
 * caller then runs its own loop.
 */

/** One Adam step's constants (see update-rules.wat for the formula). */
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

/** One RMSprop step's constants; `momentum` is used only with a velocity slot. */
export interface RmspropStepConstants {
  lr: number;
  rho: number;
  epsilon: number;
  momentum: number;
}

/** One Adagrad step's constants. */
export interface AdagradStepConstants {
  lr: number;
  epsilon: number;
}

/** One Adadelta step's constants. */
export interface AdadeltaStepConstants {
  lr: number;
  rho: number;
  epsilon: number;
}

/** One SGD step's constants: plain (no velocity slot), momentum, or Nesterov's momentum. */
export interface SgdStepConstants {
  lr: number;
  momentum: number;
  nesterov: boolean;
}

/** A rule's function: entry pairs, the byte offsets of p, g and the slots, then its constants. */
type RuleFunction = (n2: number, ...offsetsAndConstants: number[]) => void;

interface RulesInstance {
  memory: { buffer: ArrayBufferLike; grow(pages: number): number };
  adam64: RuleFunction;
  adam32: RuleFunction;
  rmsprop64: RuleFunction;
  rmsprop32: RuleFunction;
  rmspropMomentum64: RuleFunction;
  rmspropMomentum32: RuleFunction;
  adagrad64: RuleFunction;
  adagrad32: RuleFunction;
  adadelta64: RuleFunction;
  adadelta32: RuleFunction;
  sgd64: RuleFunction;
  sgd32: RuleFunction;
  momentum64: RuleFunction;
  momentum32: RuleFunction;
  nesterov64: RuleFunction;
  nesterov32: RuleFunction;
}

const PAGE = 65536;
// Instantiated on first use (importing the package has no side effects); null where WebAssembly
// SIMD is unavailable or forbidden.
let instance: RulesInstance | null | undefined;

function rulesInstance(): RulesInstance | null {
  if (instance !== undefined) return instance;
  instance = null;
  try {
    const api = wasmApi();
    const bytes = decodeBase64(UPDATE_RULES_WASM_BASE64, 'update-rules.wasm');
    if (api?.validate(bytes)) {
      const { exports } = new api.Instance(new api.Module(bytes), {});
      instance = exports as unknown as RulesInstance;
    }
  } catch {
    instance = null;
  }
  return instance;
}

/** Views of the module's memory for tensors of one length and dtype: p, g, s, t in a row. */
interface Regions {
  buffer: ArrayBufferLike;
  all: FloatArray;
  /** p's and the two slots' regions, n entries each (for copying back). */
  p: FloatArray;
  s: FloatArray;
  t: FloatArray;
  /** Entries per region: n rounded up to even, or to a multiple of four for float32. */
  padded: number;
  /** Bytes per region, and whether the arrays are float32. */
  bytes: number;
  float32: boolean;
}

// Per tensor length and dtype, created on first use and again only after the memory grows, so a
// training step allocates nothing.
const regions = new Map<number, Regions>();

function regionsFor(k: RulesInstance, n: number, like: FloatArray): Regions | null {
  const key = like instanceof Float32Array ? -n - 1 : n;
  const cached = regions.get(key);
  if (cached && cached.buffer === k.memory.buffer) return cached;
  // f64x2 lanes take two entries; float32 Adam's f32x4 lanes four (the other float32 rules then
  // compute a pad pair or two more: zeros, finite, never copied back).
  const padded = like instanceof Float32Array ? (n + 3) & ~3 : n + (n & 1);
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
    s: all.subarray(2 * padded, 2 * padded + n),
    t: all.subarray(3 * padded, 3 * padded + n),
    padded,
    bytes: padded * like.BYTES_PER_ELEMENT,
    float32: like instanceof Float32Array,
  };
  regions.set(key, r);
  return r;
}

/** The arguments' names for each step function's messages (constants: no allocation per step). */
const NAMES = {
  adamStep: ['p', 'g', 'm', 'v'],
  rmspropStep: ['p', 'g', 'ms', 'velocity'],
  adagradStep: ['p', 'g', 'accumulator'],
  adadeltaStep: ['p', 'g', 'meanSquareGrad', 'meanSquareDelta'],
  sgdStep: ['p', 'g', 'velocity'],
} as const;

/** Throws unless p is a float array and g, s and t (those given) are arrays of its type and length. */
function checkArrays(
  op: keyof typeof NAMES,
  p: FloatArray,
  g: FloatArray,
  s: FloatArray | null,
  t: FloatArray | null,
): void {
  const names = NAMES[op];
  const type = p instanceof Float32Array ? Float32Array : Float64Array;
  if (!(p instanceof type))
    throw new InvalidArgumentError('p', `${op}: p must be a Float64Array or a Float32Array`);
  for (let i = 1; i < (t ? 4 : s ? 3 : 2); i++) {
    const x = i === 1 ? g : i === 2 ? s : t;
    if (!(x instanceof type && x.length === p.length))
      throw new InvalidArgumentError(
        names[i]!,
        `${op}: ${names[i]} must be a ${type.name} of p's length ${p.length}`,
      );
  }
}

/**
 * Checks the arrays of step function `op`, then copies p, g and the slots given (s, t) into the
 * module's memory, zeroing each pad lane (finite values, computed and never copied back); the
 * regions (cached: nothing is allocated per step), or null where the kernel cannot run (when not
 * null, the module is `instance`).
 */
function stage(
  op: keyof typeof NAMES,
  p: FloatArray,
  g: FloatArray,
  s: FloatArray | null,
  t: FloatArray | null,
): Regions | null {
  checkArrays(op, p, g, s, t);
  const k = rulesInstance();
  if (!k) return null;
  const n = p.length;
  const r = regionsFor(k, n, p);
  if (!r) return null;
  const { all, padded } = r;
  all.set(p, 0);
  all.set(g, padded);
  if (s) all.set(s, 2 * padded);
  if (t) all.set(t, 3 * padded);
  for (let region = 0; region < 4; region++)
    all.fill(0, region * padded + n, (region + 1) * padded);
  return r;
}

/** Copies the updated p and slots back. */
function unstage(r: Regions, p: FloatArray, s: FloatArray | null, t: FloatArray | null): true {
  p.set(r.p);
  if (s) s.set(r.s);
  if (t) t.set(r.t);
  return true;
}

/**
 * Adam's update of one parameter tensor in WebAssembly SIMD: `p`, `m` and `v` are updated in
 * place from `g`, bit for bit as @backprop/optim's JavaScript loop does — float64 arrays in
 * float64, float32 arrays in float32 arithmetic (every operation and constant rounded to float32,
 * four entries at a time). The four arrays (one
 * dtype, one length; else an InvalidArgumentError) are copied into the module's memory and p, m,
 * v back. Returns false, doing nothing, where WebAssembly SIMD is unavailable or its memory
 * cannot grow to the tensor: the caller then runs its own loop.
 */
export function adamStep(
  p: FloatArray,
  g: FloatArray,
  m: FloatArray,
  v: FloatArray,
  c: AdamStepConstants,
): boolean {
  const staged = stage('adamStep', p, g, m, v);
  if (!staged) return false;
  const k = instance!;
  const { bytes, float32 } = staged;
  // Float32 Adam computes in float32: its constants are rounded to float32 as they are passed.
  (float32 ? k.adam32 : k.adam64)(
    staged.padded / (float32 ? 4 : 2),
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
  return unstage(staged, p, m, v);
}

/**
 * RMSprop's update in WebAssembly SIMD, as {@link adamStep}: `ms` (the mean square) and `p`
 * are updated in place from `g`; with a `velocity` slot, the momentum form (v ← μv + η·g/(√E + ε);
 * θ ← θ − v) updates it too, else the plain form. Same bits as @backprop/optim's loops.
 */
export function rmspropStep(
  p: FloatArray,
  g: FloatArray,
  ms: FloatArray,
  velocity: FloatArray | null,
  c: RmspropStepConstants,
): boolean {
  const staged = stage('rmspropStep', p, g, ms, velocity);
  if (!staged) return false;
  const k = instance!;
  const { bytes, float32 } = staged;
  const n2 = staged.padded / 2;
  if (velocity)
    (float32 ? k.rmspropMomentum32 : k.rmspropMomentum64)(
      n2,
      0,
      bytes,
      2 * bytes,
      3 * bytes,
      c.lr,
      c.rho,
      1 - c.rho,
      c.epsilon,
      c.momentum,
    );
  else
    (float32 ? k.rmsprop32 : k.rmsprop64)(
      n2,
      0,
      bytes,
      2 * bytes,
      c.lr,
      c.rho,
      1 - c.rho,
      c.epsilon,
    );
  return unstage(staged, p, ms, velocity);
}

/** Adagrad's update in WebAssembly SIMD, as {@link adamStep}: `accumulator` and `p` in place. */
export function adagradStep(
  p: FloatArray,
  g: FloatArray,
  accumulator: FloatArray,
  c: AdagradStepConstants,
): boolean {
  const staged = stage('adagradStep', p, g, accumulator, null);
  if (!staged) return false;
  const k = instance!;
  const { bytes, float32 } = staged;
  (float32 ? k.adagrad32 : k.adagrad64)(staged.padded / 2, 0, bytes, 2 * bytes, c.lr, c.epsilon);
  return unstage(staged, p, accumulator, null);
}

/**
 * Adadelta's update in WebAssembly SIMD, as {@link adamStep}: `meanSquareGrad` (E[g²]),
 * `meanSquareDelta` (E[Δ²]) and `p` in place.
 */
export function adadeltaStep(
  p: FloatArray,
  g: FloatArray,
  meanSquareGrad: FloatArray,
  meanSquareDelta: FloatArray,
  c: AdadeltaStepConstants,
): boolean {
  const staged = stage('adadeltaStep', p, g, meanSquareGrad, meanSquareDelta);
  if (!staged) return false;
  const k = instance!;
  const { bytes, float32 } = staged;
  (float32 ? k.adadelta32 : k.adadelta64)(
    staged.padded / 2,
    0,
    bytes,
    2 * bytes,
    3 * bytes,
    c.lr,
    c.rho,
    1 - c.rho,
    c.epsilon,
  );
  return unstage(staged, p, meanSquareGrad, meanSquareDelta);
}

/**
 * SGD's update in WebAssembly SIMD, as {@link adamStep}: plain (θ ← θ − η·g) without a
 * `velocity` slot; with one, classical momentum (v ← μv − η·g; θ ← θ + v) or Nesterov's form
 * (θ ← θ + μv − η·g with the new v). Same bits as @backprop/optim's loops.
 */
export function sgdStep(
  p: FloatArray,
  g: FloatArray,
  velocity: FloatArray | null,
  c: SgdStepConstants,
): boolean {
  const staged = stage('sgdStep', p, g, velocity, null);
  if (!staged) return false;
  const k = instance!;
  const { bytes, float32 } = staged;
  const n2 = staged.padded / 2;
  if (!velocity) (float32 ? k.sgd32 : k.sgd64)(n2, 0, bytes, c.lr);
  else if (c.nesterov)
    (float32 ? k.nesterov32 : k.nesterov64)(n2, 0, bytes, 2 * bytes, c.lr, c.momentum);
  else (float32 ? k.momentum32 : k.momentum64)(n2, 0, bytes, 2 * bytes, c.lr, c.momentum);
  return unstage(staged, p, velocity, null);
}
