import {
  createRegistry,
  InvalidArgumentError,
  opt,
  type Part,
  type PartConfig,
  type PartSpec,
  readOptions,
} from '@backprop/linalg';

/**
 * A learning-rate schedule: the learning rate at optimizer step `step` (0 for the first update).
 * Pass one as any optimizer's `learningRate`; steps count updates (batches), not epochs.
 */
export interface Schedule extends Part {
  at(step: number): number;
}

/** True for any object with the Schedule methods. */
export function isSchedule(value: unknown): value is Schedule {
  const s = value as Schedule;
  return (
    typeof s === 'object' &&
    s !== null &&
    typeof s.name === 'string' &&
    typeof s.at === 'function' &&
    typeof s.toConfig === 'function'
  );
}

/** η(t) = η₀. */
export function constantSchedule(config?: { initial?: number }): Schedule {
  const { initial } = readOptions('constantSchedule', config, { initial: opt.nonNegative(0.01) });
  return {
    name: 'constantSchedule',
    at: () => initial,
    toConfig: () => ({ name: 'constantSchedule', config: { initial } }),
  };
}

/** η(t) = η₀ · factor^⌊t / every⌋ — multiply by `factor` every `every` steps. */
export function stepDecay(config?: {
  initial?: number;
  factor?: number;
  every?: number;
}): Schedule {
  const c = readOptions('stepDecay', config, {
    initial: opt.nonNegative(0.01),
    factor: opt.closed(0.5, 0, 1),
    every: opt.integer(1000, 1),
  });
  return {
    name: 'stepDecay',
    at: (t) => c.initial * c.factor ** Math.floor(t / c.every),
    toConfig: () => ({ name: 'stepDecay', config: { ...c } }),
  };
}

/** η(t) = η₀ · rate^(t / steps) — smooth exponential decay by `rate` every `steps` steps. */
export function exponentialDecay(config?: {
  initial?: number;
  rate?: number;
  steps?: number;
}): Schedule {
  const c = readOptions('exponentialDecay', config, {
    initial: opt.nonNegative(0.01),
    rate: opt.closed(0.96, 0, 1),
    steps: opt.positive(1000),
  });
  return {
    name: 'exponentialDecay',
    at: (t) => c.initial * c.rate ** (t / c.steps),
    toConfig: () => ({ name: 'exponentialDecay', config: { ...c } }),
  };
}

/**
 * Cosine decay (Loshchilov & Hutter 2017, without restarts):
 * η(t) = min + ½(η₀ − min)(1 + cos(π·min(t, steps)/steps)) — from η₀ down to `min` at `steps`.
 */
export function cosineDecay(config?: { initial?: number; steps?: number; min?: number }): Schedule {
  const c = readOptions('cosineDecay', config, {
    initial: opt.nonNegative(0.01),
    steps: opt.integer(1000, 1),
    min: opt.nonNegative(0),
  });
  if (c.min > c.initial)
    throw new InvalidArgumentError(
      'min',
      `cosineDecay: min (${c.min}) must not exceed initial (${c.initial})`,
    );
  return {
    name: 'cosineDecay',
    at: (t) =>
      c.min +
      0.5 * (c.initial - c.min) * (1 + Math.cos((Math.PI * Math.min(t, c.steps)) / c.steps)),
    toConfig: () => ({ name: 'cosineDecay', config: { ...c } }),
  };
}

/** Every schedule by its own name. */
export const schedules = { constantSchedule, stepDecay, exponentialDecay, cosineDecay };
/** The name of a built-in schedule. */
export type ScheduleName = keyof typeof schedules;

const registry = createRegistry<Schedule, ScheduleName>('schedule', schedules, isSchedule);

/** The schedule a spec names: a name, a `{ name, config }`, a schedule object or a factory. */
export function getSchedule(
  spec: PartSpec<Schedule, ScheduleName> | string | PartConfig,
): Schedule {
  return registry.resolve(spec);
}
