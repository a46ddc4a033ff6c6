import {
  assertMatrix,
  assertSameDtype,
  astype,
  decodeFloat64,
  encodeFloat64,
  type FloatArray,
  formatShape,
  fromFlat,
  InvalidArgumentError,
  type Matrix,
  type OptionSpec,
  type Part,
  type PartConfig,
  ShapeError,
} from '@backprop/linalg';
import { clipGradients } from './clip';
import type { LbfgsSolver, Objective } from './lbfgs';
import { getSchedule, isSchedule, type Schedule } from './schedules';

/** A fixed learning rate, or a schedule (object or `{ name, config }`) giving it per step. */
export type LearningRate = number | Schedule | PartConfig;

/** An optimizer's resumable state: step count and its per-parameter buffers, losslessly encoded. */
export interface OptimizerState {
  iterations: number;
  /** [rows, cols] of each parameter the slots belong to. */
  shapes: [number, number][];
  /**
   * Slot name → one base64 float64 buffer per parameter (see encodeFloat64); a float32 model's
   * slots are widened exactly and narrowed back when its training resumes.
   */
  slots: Record<string, string[]>;
}

/** The state as live buffers (views, not copies): for writers that stream it without encoding it first. */
export interface OptimizerBuffers {
  iterations: number;
  shapes: [number, number][];
  slots: Record<string, FloatArray[]>;
}

/** What `toJSON` returns and `optimizerFromJSON` reads. */
export interface OptimizerJSON {
  name: string;
  config: Record<string, unknown>;
  state?: OptimizerState;
}

/** What every optimizer has: its config, its progress, and its resumable state. */
export interface OptimizerBase extends Part {
  /** The validated hyperparameters (the learning rate as a number or a schedule's config). */
  readonly config: Readonly<Record<string, unknown>>;
  /** Updates taken so far. */
  readonly iterations: number;
  /** The learning rate the next step will use. */
  readonly learningRate: number;
  /** Forgets all state (as if newly created). */
  reset(): void;
  getState(): OptimizerState;
  /**
   * The same state as live buffers, for a writer that streams it (getState's base64 strings of a
   * large model would be hundreds of megabytes each). Optional: writers fall back to getState.
   */
  getStateBuffers?(): OptimizerBuffers;
  /** Restores state saved by getState (validated); the next step continues exactly. */
  setState(state: OptimizerState): void;
  toJSON(): OptimizerJSON;
}

/**
 * Updates parameters from their gradients, one `step` per batch. An instance owns its per-parameter
 * state (moments, accumulators), allocated on the first step and reused: a step allocates nothing.
 * How many samples a step sees (full batch = GD, 1 = SGD, n = mini-batch) is the training loop's
 * choice, not the optimizer's. `kind` is 'step' (an object without a kind counts as one).
 */
export interface StepOptimizer extends OptimizerBase {
  readonly kind?: 'step';
  /** params[i] ← update(params[i], grads[i]) in place. Gradients may be clipped in place. */
  step(params: readonly Matrix[], grads: readonly Matrix[]): void;
}

/**
 * An optimizer of the whole objective over the flattened parameters (L-BFGS): it declares
 * `kind: 'fullBatch'` and gives a solver that a training loop iterates, one iteration per epoch.
 */
export interface FullBatchOptimizer extends OptimizerBase {
  readonly kind: 'fullBatch';
  solver(fn: Objective, x0: ArrayLike<number>): LbfgsSolver;
}

/** Either kind of optimizer; the training loop picks its strategy by `kind`, never by shape. */
export type Optimizer = StepOptimizer | FullBatchOptimizer;

/**
 * The update of one parameter tensor, in place: `param` and its `slots` (this optimizer's buffers
 * for it) are updated from `grad` with learning rate `lr` at step `t` (1 for the first update).
 * Pure apart from those writes: every optimizer's maths is one such function, tested by hand.
 * All three have the parameter's dtype: float32 arrays are computed in float64 entry by entry
 * and rounded when stored.
 */
export type UpdateRule = (
  param: FloatArray,
  grad: FloatArray,
  slots: FloatArray[],
  lr: number,
  t: number,
) => void;

/** Options every step optimizer takes besides its own. */
export interface CommonOptions {
  learningRate?: LearningRate;
  /** Clip the global gradient norm to this before each step (off by default). */
  clipNorm?: number | null;
  /** Clip every gradient entry to [−clipValue, clipValue] before each step (off by default). */
  clipValue?: number | null;
}

const optionalPositive: OptionSpec<number | null> = {
  default: null,
  check: (v) =>
    v === null || (typeof v === 'number' && Number.isFinite(v) && v > 0)
      ? null
      : 'must be a number > 0 (or null for off)',
};

/** Option specs for learningRate (default `lr`), clipNorm and clipValue. */
export function commonOptions(lr: number) {
  return {
    learningRate: {
      default: lr as LearningRate,
      check: (v: unknown) =>
        (typeof v === 'number' && Number.isFinite(v) && v >= 0) ||
        isSchedule(v) ||
        (typeof v === 'object' && v !== null && typeof (v as PartConfig).name === 'string')
          ? null
          : 'must be a finite number >= 0 or a schedule',
    },
    clipNorm: optionalPositive,
    clipValue: optionalPositive,
  };
}

/** What an optimizer module hands to {@link defineOptimizer}. */
export interface OptimizerDefinition {
  name: string;
  /** Validated options, including the common ones. */
  config: Record<string, unknown> & Required<CommonOptions>;
  /** Names of the per-parameter buffers, e.g. ['m', 'v']. */
  slots: readonly string[];
  /** Initial value of every slot entry (default 0). */
  slotInit?: number;
  update: UpdateRule;
}

/** Builds an Optimizer around an update rule: state, schedules, clipping and serialisation. */
export function defineOptimizer(def: OptimizerDefinition): StepOptimizer {
  const { name, slots: slotNames, update } = def;
  const lrSpec = def.config.learningRate;
  const schedule = typeof lrSpec === 'number' ? null : getSchedule(lrSpec as PartConfig);
  const config = Object.freeze({
    ...def.config,
    learningRate: schedule ? schedule.toConfig() : lrSpec,
  });
  let iterations = 0;
  let shapes: [number, number][] | null = null;
  let slots: FloatArray[][] | null = null; // slots[param][slot], each of its parameter's dtype

  const allocate = (params: readonly Matrix[]) => {
    shapes = params.map((p) => [p.rows, p.cols]);
    slots = params.map((p) =>
      slotNames.map(() => {
        const n = p.data.length;
        const slot = p.data instanceof Float32Array ? new Float32Array(n) : new Float64Array(n);
        return slot.fill(def.slotInit ?? 0);
      }),
    );
  };

  const self: StepOptimizer = {
    name,
    kind: 'step',
    config,
    get iterations() {
      return iterations;
    },
    get learningRate() {
      return schedule ? schedule.at(iterations) : (lrSpec as number);
    },
    step(params, grads) {
      checkStep(name, params, grads, shapes);
      if (slots === null) allocate(params);
      else matchDtypes(slots, params);
      if (config.clipNorm !== null || config.clipValue !== null) {
        clipGradients(grads, { norm: config.clipNorm, value: config.clipValue });
      }
      const lr = self.learningRate;
      iterations += 1;
      for (let i = 0; i < params.length; i++)
        update(params[i]!.data, grads[i]!.data, slots![i]!, lr, iterations);
    },
    reset() {
      iterations = 0;
      shapes = null;
      slots = null;
    },
    getState() {
      const b = self.getStateBuffers!();
      return {
        iterations: b.iterations,
        shapes: b.shapes,
        slots: Object.fromEntries(
          Object.entries(b.slots).map(([name, buffers]) => [name, buffers.map(encodeSlot)]),
        ),
      };
    },
    getStateBuffers() {
      return {
        iterations,
        shapes: (shapes ?? []).map(([r, c]) => [r, c]),
        slots: Object.fromEntries(
          slotNames.map((s, k) => [s, (slots ?? []).map((perParam) => perParam[k]!)]),
        ),
      };
    },
    setState(state) {
      const restored = readState(name, state, slotNames);
      iterations = restored.iterations;
      shapes = restored.shapes;
      slots = restored.slots;
    },
    toJSON() {
      return { name, config: { ...config }, state: self.getState() };
    },
    toConfig() {
      return { name, config: { ...config } };
    },
  };
  return self;
}

/** Restored slots (decoded as float64) take their parameters' dtype, once, before a step. */
/** A slot as base64 float64 (a float32 slot widened: exact). */
function encodeSlot(slot: FloatArray): string {
  return encodeFloat64(slot instanceof Float64Array ? slot : Float64Array.from(slot));
}

function matchDtypes(slots: FloatArray[][], params: readonly Matrix[]): void {
  for (let i = 0; i < params.length; i++) {
    const perParam = slots[i]!;
    const want = params[i]!.data instanceof Float32Array ? 'float32' : 'float64';
    for (let k = 0; k < perParam.length; k++) {
      const slot = perParam[k]!;
      if ((slot instanceof Float32Array ? 'float32' : 'float64') !== want)
        perParam[k] = astype(fromFlat(slot, 1, slot.length), want).data;
    }
  }
}

function checkStep(
  name: string,
  params: readonly Matrix[],
  grads: readonly Matrix[],
  shapes: [number, number][] | null,
): void {
  if (!Array.isArray(params) || !Array.isArray(grads) || params.length !== grads.length) {
    throw new InvalidArgumentError(
      'grads',
      `${name}.step: params and grads must be arrays of the same length`,
    );
  }
  if (shapes !== null && shapes.length !== params.length) {
    throw new ShapeError(
      `${name}.step`,
      {},
      `${name}.step: this optimizer holds state for ${shapes.length} parameters but got ${params.length}; use a new optimizer (or reset()) for another model`,
    );
  }
  for (let i = 0; i < params.length; i++) {
    const p = params[i]!;
    const g = grads[i]!;
    assertMatrix(`${name}.step`, `params[${i}]`, p);
    assertMatrix(`${name}.step`, `grads[${i}]`, g);
    assertSameDtype(`${name}.step`, p, g, `params[${i}]`, `grads[${i}]`);
    if (p.rows !== g.rows || p.cols !== g.cols) {
      throw new ShapeError(
        `${name}.step`,
        { [`params[${i}]`]: [p.rows, p.cols], [`grads[${i}]`]: [g.rows, g.cols] },
        `${name}.step: params[${i}] is ${formatShape(p)} but grads[${i}] is ${formatShape(g)}`,
      );
    }
    if (shapes !== null && (shapes[i]![0] !== p.rows || shapes[i]![1] !== p.cols)) {
      throw new ShapeError(
        `${name}.step`,
        { [`params[${i}]`]: [p.rows, p.cols], state: shapes[i]! },
        `${name}.step: params[${i}] is ${formatShape(p)} but this optimizer's state is for ${shapes[i]![0]}x${shapes[i]![1]}`,
      );
    }
  }
}

function readState(name: string, state: OptimizerState, slotNames: readonly string[]) {
  const where = `${name}.setState`;
  if (typeof state !== 'object' || state === null)
    throw new InvalidArgumentError('state', `${where}: state must be an object`);
  const { iterations, shapes, slots } = state;
  if (!(Number.isInteger(iterations) && iterations >= 0)) {
    throw new InvalidArgumentError(
      'state',
      `${where}: iterations must be a non-negative integer, got ${iterations}`,
    );
  }
  if (
    !Array.isArray(shapes) ||
    !shapes.every(
      (s) => Array.isArray(s) && s.length === 2 && s.every((d) => Number.isInteger(d) && d >= 0),
    )
  ) {
    throw new InvalidArgumentError(
      'state',
      `${where}: shapes must be a list of [rows, cols] pairs`,
    );
  }
  const decoded = shapes.map(() => [] as FloatArray[]);
  for (const slot of slotNames) {
    const buffers = slots?.[slot];
    if (!Array.isArray(buffers) || buffers.length !== shapes.length) {
      throw new InvalidArgumentError(
        'state',
        `${where}: slot '${slot}' must hold one buffer per parameter (${shapes.length})`,
      );
    }
    buffers.forEach((text, i) => {
      decoded[i]!.push(
        decodeFloat64(text, shapes[i]![0] * shapes[i]![1], `${where}: slots.${slot}[${i}]`),
      );
    });
  }
  const empty = shapes.length === 0;
  return {
    iterations,
    shapes: empty ? null : (shapes.map(([r, c]) => [r, c]) as [number, number][]),
    slots: empty ? null : decoded,
  };
}
