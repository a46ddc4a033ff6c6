import type { Activation } from '@backprop/activations';
import type { Initializer } from '@backprop/init';
import type { Dtype, Matrix, Rng } from '@backprop/linalg';
import type { Parts } from '../parts';

/**
 * One value of a pass and the formula that made it, for `trace`: `Z₁ = A₀·W₁ + b₁`. `formulaColumns`
 * is the same step with examples as columns (the slides' notation: `Z₁ = W₁ᵀ·A₀ + b₁`), when it
 * differs. Values are the pass's own buffers (copied by trace), so they are the training's bits.
 */
export interface Explained {
  readonly symbol: string;
  readonly formula: string;
  readonly formulaColumns?: string;
  readonly value: Matrix;
}

/** What a layer is told when it explains itself: its position in the course's notation. */
export interface ExplainContext {
  /** The layer's number (1-based, as in the notes: W₁, Z₁, A₁; the input is A₀). */
  readonly l: number;
  /** Whether the loss fused with this layer's activation (its δ came from the loss). */
  readonly fused: boolean;
  /** How the loss's reduction writes after (A − Y): '/m' (a mean), '' (a sum), '/(2m)', '/2'. */
  readonly scale: string;
}

/** A named tensor of a layer: `W`, `b`, `gamma`, `movingMean`, … */
export interface NamedTensor {
  readonly name: string;
  readonly value: Matrix;
}

/** How a forward pass runs. */
export interface PassMode {
  /** Training: dropout masks are drawn and batch normalisation uses (and updates) batch statistics. */
  readonly training: boolean;
  /** Draws dropout masks (needed when training a model with dropout). */
  readonly rng?: Rng;
  /** With training: update moving statistics (default true; a gradient check turns it off). */
  readonly updateStatistics?: boolean;
}

/**
 * The buffers one layer needs for batches of m rows, allocated once and reused by every pass.
 * Every layer has `output` (A) and `dOutput` (∂J/∂A); a layer whose last step is an activation
 * also has `preActivation` (Z, the logits at the output) and `delta` (∂J/∂Z) — what trace shows
 * and what a fused loss reads and writes.
 */
export interface LayerBuffers {
  readonly output: Matrix;
  readonly dOutput: Matrix;
  preActivation?: Matrix;
  readonly delta?: Matrix;
}

/**
 * A layer of a Sequential network: its parameters, its forward pass and — beside it — the backward
 * pass that inverts it. A kind of layer lives in one file (see LayerKind); the network only loops.
 */
export interface Layer<B extends LayerBuffers = LayerBuffers> {
  /** The kind's registered name ('dense', 'dropout', …). */
  readonly type: string;
  /** Width of the input it takes and the output it gives. */
  readonly inputs: number;
  readonly units: number;
  /** The activation applied last, when there is one: what an output loss may fuse with. */
  readonly activation?: Activation;
  /** True when its training pass draws from the rng (dropout): training then needs one. */
  readonly random?: boolean;
  /** Trainable tensors, in a fixed order (gradients come in the same order). */
  params(): readonly NamedTensor[];
  /** Tensors saved with the layer that the optimizer does not train (moving statistics). */
  stateTensors(): readonly NamedTensor[];
  /** Names of the params that weight penalties (L2/L1) see: kernels, never biases. */
  readonly penalized: readonly string[];
  /**
   * Allocates this layer's buffers for batches of m rows, of the model's dtype (its parameters'
   * dtype; a layer kind written before float32 models may leave it out and get float64).
   */
  buffers(m: number, dtype?: Dtype): B;
  /** A = f(input); writes into and returns `buf.output`. */
  forward(input: Matrix, buf: B, mode: PassMode): Matrix;
  /**
   * The backward pass: from `buf.dOutput` — or, when `fused`, from the δ a fused loss already wrote
   * into `buf.delta` — fills `grads` (one per param, in order) and, when given, ∂J/∂input.
   */
  backward(
    input: Matrix,
    buf: B,
    grads: readonly Matrix[],
    dInput: Matrix | null,
    fused: boolean,
  ): void;
  /**
   * The layer's own share of J from its last forward pass (an activity regulariser: a penalty on
   * its outputs), 0 or absent when it has none; its gradient is part of the layer's backward.
   */
  activityPenalty?(buf: B): number;
  /** That share written out for layer number l (1-based), as the trace shows it; null without one. */
  activityPenaltyFormula?(l: number): string | null;
  /** The forward pass's values with their formulas (optional: trace then shows the output only). */
  explainForward?(input: Matrix, buf: B, ctx: ExplainContext): Explained[];
  /** The backward pass's values (after backward): δ, each parameter's gradient, with formulas. */
  explainBackward?(
    input: Matrix,
    buf: B,
    grads: readonly Matrix[],
    ctx: ExplainContext,
  ): Explained[];
  /** The layer's settings for saving (JSON-safe, no tensors). */
  toConfig(): Record<string, unknown>;
  /** One line for summaries: `dense 784→64 relu`. */
  describe(): string;
  /** A deep copy (tensors copied). */
  clone(): Layer<B>;
}

/** What a layer spec is: plain data with its kind's `type`, as `dense({ units: 64 })` returns. */
export interface LayerSpecBase {
  readonly type: string;
}

/** The shapes a layer config will need, worked out before anything is allocated. */
export interface LayerPlan {
  units: number;
  /** Every saved tensor (params and state) by name: [rows, cols]. */
  tensors: Record<string, [number, number]>;
  /** The ones the optimizer trains. */
  trainable: readonly string[];
}

/**
 * Everything about one kind of layer, registered under `type` (registerLayer): how a spec or a
 * saved config becomes a layer. `plan` sizes it first, so a model is checked against its limits
 * before a single weight exists.
 */
export interface LayerKind<S extends LayerSpecBase = LayerSpecBase> {
  readonly type: string;
  /** Validates a spec or saved config and sizes it for `inputs` input units (throws with the problem). */
  plan(config: S | Record<string, unknown>, inputs: number): LayerPlan;
  /** A new layer from a spec: initial weights drawn from `rng`; `parts` resolves named parts. */
  create(spec: S, inputs: number, rng: Rng, parts: Parts): Layer;
  /**
   * Reads a layer saved by document version 1, which kept its fields inline (`{ type, units, …,
   * W, b }`); only the kinds that existed then have it.
   */
  fromVersion1?(doc: Record<string, unknown>): {
    config: Record<string, unknown>;
    tensors: Record<string, unknown>;
  };
  /** A saved layer from its config and decoded tensors (shaped as `plan` said). */
  restore(
    config: Record<string, unknown>,
    tensors: Record<string, Matrix>,
    inputs: number,
    parts: Parts,
  ): Layer;
}

/** A kernel and bias initializer pair as a layer keeps them (for its config). */
export interface Initializers {
  kernelInitializer: Initializer;
  biasInitializer: Initializer;
}
