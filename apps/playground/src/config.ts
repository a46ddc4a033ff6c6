/**
 * What defines a run: the data, the network and the training settings. The whole configuration
 * lives in the page's URL (#…), so a link reproduces a run.
 */

import {
  OPTIMIZERS,
  type OptimizerName,
  type OptimizerValues,
  readOptimizerOptions,
} from './optimizer-options';

export { OPTIMIZERS, type OptimizerName };

/**
 * 'csv': points from a CSV file dropped on the page (x, y, label per row). 'icecream' and 'wave'
 * are regression sets (one input, one numeric target): the thesis's 16 days of temperature and
 * ice creams (both /10, as the thesis scales them) and a noisy sine.
 */
export const DATASETS = [
  'xor',
  'moons',
  'circles',
  'spirals',
  'planar',
  'icecream',
  'wave',
  'csv',
] as const;
/** The data sets with a numeric target: a linear output, a regression loss and a fitted curve. */
export const REGRESSION_SETS: readonly Dataset[] = ['icecream', 'wave'];
export const isRegression = (c: Pick<Config, 'data'>) => REGRESSION_SETS.includes(c.data);
/**
 * 'crossEntropy': the output's own (binary after sigmoid, categorical after softmax); a
 * regression set takes MSE or MAE only.
 */
export const LOSSES = ['crossEntropy', 'mse', 'mae'] as const;
/** Every built-in activation of @backprop/activations but softmax (an output's, not a hidden layer's). */
export const ACTIVATIONS = [
  'tanh',
  'relu',
  'sigmoid',
  'leakyRelu',
  'elu',
  'softplus',
  'gelu',
  'linear',
] as const;

export const INITIALIZERS = [
  'xavierUniform',
  'xavierNormal',
  'heNormal',
  'heUniform',
  'uniform',
  'normal',
  'zeros',
] as const;
export const PENALTIES = ['none', 'l2', 'l1'] as const;

export type Dataset = (typeof DATASETS)[number];
export type LossName = (typeof LOSSES)[number];
export type InitializerName = (typeof INITIALIZERS)[number];
export type PenaltyName = (typeof PENALTIES)[number];
export type Activation = (typeof ACTIVATIONS)[number];

export interface HiddenLayer {
  units: number;
  activation: Activation;
  /** The initializer of this layer's W (its b starts at zero). */
  initializer: InitializerName;
  /** Dropout rate after this layer while training (0 = none). */
  dropout: number;
}

export interface Config {
  data: Dataset;
  samples: number;
  noise: number;
  /** Fraction of the points held out as the test set (XOR: none, it has four points). */
  testFraction: number;
  layers: HiddenLayer[];
  /** The output layer's kernel initializer, and a new hidden layer's (biases start at zero). */
  initializer: InitializerName;
  /** A weight penalty (never on biases) and its λ. */
  penalty: PenaltyName;
  lambda: number;
  loss: LossName;
  optimizer: OptimizerName;
  /** The optimizer's options that differ from its defaults (see OPTIMIZER_OPTIONS). */
  optimizerOptions: OptimizerValues;
  learningRate: number;
  /** 0 = full batch. */
  batchSize: number;
  seed: number;
}

export const DEFAULT_CONFIG: Config = {
  data: 'xor',
  samples: 200,
  noise: 0.2,
  testFraction: 0.3,
  layers: [
    { units: 4, activation: 'tanh', initializer: 'xavierUniform', dropout: 0 },
    { units: 4, activation: 'tanh', initializer: 'xavierUniform', dropout: 0 },
  ],
  initializer: 'xavierUniform',
  penalty: 'none',
  lambda: 0.001,
  loss: 'crossEntropy',
  optimizer: 'adam',
  optimizerOptions: {},
  learningRate: 0.03,
  batchSize: 0,
  seed: 1,
};

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
const oneOf = <T extends string>(v: string | null, list: readonly T[], fallback: T): T =>
  list.includes(v as T) ? (v as T) : fallback;
const num = (v: string | null, fallback: number) => {
  const n = v === null ? Number.NaN : Number(v);
  return Number.isFinite(n) ? n : fallback;
};

/**
 * The layers as text: "units:activation[:initializer][:dropout]" per layer, comma-separated, e.g.
 * "8:relu:heNormal:0.2,4:tanh". An initializer equal to `initializer` (the output's) and a
 * dropout of 0 are left out.
 */
export function layersText(layers: HiddenLayer[], initializer: InitializerName): string {
  return layers
    .map((l) =>
      [
        l.units,
        l.activation,
        ...(l.initializer === initializer ? [] : [l.initializer]),
        ...(l.dropout > 0 ? [l.dropout] : []),
      ].join(':'),
    )
    .join(',');
}

/** A hidden layer as the form adds one: 4 tanh units, the output's initializer, no dropout. */
export const newLayer = (initializer: InitializerName): HiddenLayer => ({
  units: 4,
  activation: 'tanh',
  initializer,
  dropout: 0,
});

/**
 * Parses layersText; a field after the activation is an initializer when it names one, a dropout
 * rate when it is a number. `initializer` and `dropout` fill what a layer does not say (older
 * links had one initializer and one dropout rate for every layer).
 */
function parseLayers(
  text: string | null,
  initializer: InitializerName,
  dropout: number,
): HiddenLayer[] {
  if (text === null) return DEFAULT_CONFIG.layers.map((l) => ({ ...l, initializer, dropout }));
  if (text === '') return [];
  return text
    .split(',')
    .slice(0, 8)
    .map((part) => {
      const [units, activation, ...rest] = part.split(':');
      const layer: HiddenLayer = {
        units: clamp(Math.round(num(units ?? null, 4)), 1, 64),
        activation: oneOf(activation ?? null, ACTIVATIONS, 'tanh'),
        initializer,
        dropout,
      };
      for (const field of rest) {
        if ((INITIALIZERS as readonly string[]).includes(field))
          layer.initializer = field as InitializerName;
        else layer.dropout = clamp(num(field, dropout), 0, 0.9);
      }
      return layer;
    });
}

/** The configuration in a URL hash (values out of range are clamped, unknown names defaulted). */
export function fromHash(hash: string): Config {
  const p = new URLSearchParams(hash.replace(/^#/, ''));
  const d = DEFAULT_CONFIG;
  const initializer = oneOf(p.get('init'), INITIALIZERS, d.initializer);
  const optimizer = oneOf(p.get('optimizer'), OPTIMIZERS, d.optimizer);
  return consistent({
    data: oneOf(p.get('data'), DATASETS, d.data),
    samples: clamp(Math.round(num(p.get('samples'), d.samples)), 20, 2000),
    noise: clamp(num(p.get('noise'), d.noise), 0, 1),
    testFraction: clamp(num(p.get('test'), d.testFraction), 0, 0.8),
    layers: parseLayers(p.get('layers'), initializer, clamp(num(p.get('dropout'), 0), 0, 0.9)),
    initializer,
    penalty: oneOf(p.get('penalty'), PENALTIES, d.penalty),
    lambda: clamp(num(p.get('lambda'), d.lambda), 0, 10),
    loss: oneOf(p.get('loss'), LOSSES, d.loss),
    optimizer,
    optimizerOptions: readOptimizerOptions(optimizer, (name) => p.get(`o.${name}`)),
    learningRate: clamp(num(p.get('lr'), d.learningRate), 1e-6, 10),
    batchSize: clamp(Math.round(num(p.get('batch'), d.batchSize)), 0, 2000),
    seed: clamp(Math.round(num(p.get('seed'), d.seed)), 0, 2 ** 31 - 1),
  });
}

/** The configuration made consistent: a regression set trains with MSE where cross-entropy was asked. */
export function consistent(c: Config): Config {
  return isRegression(c) && c.loss === 'crossEntropy' ? { ...c, loss: 'mse' } : c;
}

export function toHash(c: Config): string {
  const p = new URLSearchParams({
    data: c.data,
    samples: String(c.samples),
    noise: String(c.noise),
    test: String(c.testFraction),
    layers: layersText(c.layers, c.initializer),
    init: c.initializer,
    penalty: c.penalty,
    lambda: String(c.lambda),
    loss: c.loss,
    optimizer: c.optimizer,
    ...Object.fromEntries(
      Object.entries(c.optimizerOptions).map(([name, v]) => [`o.${name}`, String(v)]),
    ),
    lr: String(c.learningRate),
    batch: String(c.batchSize),
    seed: String(c.seed),
  });
  return `#${p.toString()}`;
}
