/** Every step optimizer of @backprop/optim (lbfgs, a full-batch solver, trains differently). */
export const OPTIMIZERS = ['sgd', 'adam', 'adamw', 'rmsprop', 'adagrad', 'adadelta'] as const;
export type OptimizerName = (typeof OPTIMIZERS)[number];

/** One hyperparameter of an optimizer, besides the learning rate, as the settings form shows it. */
export interface OptimizerOption {
  /** The option's name in @backprop/optim's config (e.g. 'beta1'). */
  name: string;
  kind: 'number' | 'boolean';
  /** @backprop/optim's default. */
  fallback: number | boolean;
  /** Allowed range of a number (inclusive; values outside are clamped). */
  min?: number;
  max?: number;
  help: string;
}

const num = (name: string, fallback: number, min: number, max: number, help: string) =>
  ({ name, kind: 'number', fallback, min, max, help }) as const;

const epsilon = (fallback: number) =>
  num('epsilon', fallback, 1e-12, 1, 'ε, added to the denominator so it is never 0');
const adamOptions = [
  num('beta1', 0.9, 0, 0.9999, 'β₁, decay of the mean of the gradients'),
  num('beta2', 0.999, 0, 0.99999, 'β₂, decay of the mean of the squared gradients'),
  epsilon(1e-8),
];

/** The options of every optimizer the playground offers (defaults as in @backprop/optim). */
export const OPTIMIZER_OPTIONS: Record<OptimizerName, readonly OptimizerOption[]> = {
  sgd: [
    num('momentum', 0, 0, 0.999, 'μ, the share of the last step kept (0 = plain gradient descent)'),
    {
      name: 'nesterov',
      kind: 'boolean',
      fallback: false,
      help: 'Nesterov momentum: the gradient taken after the momentum step (needs μ > 0)',
    },
  ],
  adam: adamOptions,
  adamw: [...adamOptions, num('weightDecay', 0.01, 0, 1, 'λ, the decoupled weight decay')],
  rmsprop: [
    num('rho', 0.9, 0, 0.9999, 'ρ, decay of the mean of the squared gradients'),
    epsilon(1e-8),
    num('momentum', 0, 0, 0.999, 'μ (0 = none)'),
  ],
  adagrad: [
    epsilon(1e-8),
    num('initialAccumulator', 0, 0, 10, 'the starting value of the sum of squared gradients'),
  ],
  adadelta: [num('rho', 0.95, 0, 0.9999, 'ρ, decay of both running means'), epsilon(1e-6)],
};

export type OptimizerValues = Record<string, number | boolean>;

/**
 * The options of `optimizer` read from `get(name)` (a URL or a form), clamped to their range;
 * only values different from the optimizer's defaults are kept (so links stay short and a change
 * of optimizer drops the options that do not apply).
 */
export function readOptimizerOptions(
  optimizer: OptimizerName,
  get: (name: string) => string | null,
): OptimizerValues {
  const values: OptimizerValues = {};
  for (const o of OPTIMIZER_OPTIONS[optimizer]) {
    const text = get(o.name);
    if (text === null || text === '') continue;
    if (o.kind === 'boolean') {
      const on = text === 'true' || text === '1' || text === 'on';
      if (on !== o.fallback) values[o.name] = on;
      continue;
    }
    const n = Number(text);
    if (!Number.isFinite(n)) continue;
    const v = Math.min(o.max!, Math.max(o.min!, n));
    if (v !== o.fallback) values[o.name] = v;
  }
  return values;
}

/** The value an option has in `values` (its default when absent). */
export const optionValue = (o: OptimizerOption, values: OptimizerValues) =>
  values[o.name] ?? o.fallback;
