/**
 * What defines a run: the data, the network and the training settings. The whole configuration
 * lives in the page's URL (#…), so a link reproduces a run.
 */

/** 'csv': points from a CSV file dropped on the page (x, y, label per row). */
export const DATASETS = ['xor', 'moons', 'circles', 'spirals', 'planar', 'csv'] as const;
/** 'crossEntropy': the output's own (binary after sigmoid, categorical after softmax). */
export const LOSSES = ['crossEntropy', 'mse'] as const;
export const ACTIVATIONS = ['tanh', 'relu', 'sigmoid', 'leakyRelu', 'elu', 'linear'] as const;
export const OPTIMIZERS = ['sgd', 'adam', 'adamw', 'rmsprop', 'adagrad', 'adadelta'] as const;

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
export type OptimizerName = (typeof OPTIMIZERS)[number];

export interface HiddenLayer {
  units: number;
  activation: Activation;
}

export interface Config {
  data: Dataset;
  samples: number;
  noise: number;
  /** Fraction of the points held out as the test set (XOR: none, it has four points). */
  testFraction: number;
  layers: HiddenLayer[];
  /** The kernel initializer of every layer (biases start at zero). */
  initializer: InitializerName;
  /** Dropout rate after every hidden layer (0 = none). */
  dropout: number;
  /** A weight penalty (never on biases) and its λ. */
  penalty: PenaltyName;
  lambda: number;
  loss: LossName;
  optimizer: OptimizerName;
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
    { units: 4, activation: 'tanh' },
    { units: 4, activation: 'tanh' },
  ],
  initializer: 'xavierUniform',
  dropout: 0,
  penalty: 'none',
  lambda: 0.001,
  loss: 'crossEntropy',
  optimizer: 'adam',
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

/** The layers as text: "4:tanh,4:tanh". */
export function layersText(layers: HiddenLayer[]): string {
  return layers.map((l) => `${l.units}:${l.activation}`).join(',');
}

function parseLayers(text: string | null): HiddenLayer[] {
  if (text === null) return DEFAULT_CONFIG.layers;
  if (text === '') return [];
  const layers: HiddenLayer[] = [];
  for (const part of text.split(',').slice(0, 8)) {
    const [units, activation] = part.split(':');
    layers.push({
      units: clamp(Math.round(num(units ?? null, 4)), 1, 64),
      activation: oneOf(activation ?? null, ACTIVATIONS, 'tanh'),
    });
  }
  return layers;
}

/** The configuration in a URL hash (values out of range are clamped, unknown names defaulted). */
export function fromHash(hash: string): Config {
  const p = new URLSearchParams(hash.replace(/^#/, ''));
  const d = DEFAULT_CONFIG;
  return {
    data: oneOf(p.get('data'), DATASETS, d.data),
    samples: clamp(Math.round(num(p.get('samples'), d.samples)), 20, 2000),
    noise: clamp(num(p.get('noise'), d.noise), 0, 1),
    testFraction: clamp(num(p.get('test'), d.testFraction), 0, 0.8),
    layers: parseLayers(p.get('layers')),
    initializer: oneOf(p.get('init'), INITIALIZERS, d.initializer),
    dropout: clamp(num(p.get('dropout'), d.dropout), 0, 0.9),
    penalty: oneOf(p.get('penalty'), PENALTIES, d.penalty),
    lambda: clamp(num(p.get('lambda'), d.lambda), 0, 10),
    loss: oneOf(p.get('loss'), LOSSES, d.loss),
    optimizer: oneOf(p.get('optimizer'), OPTIMIZERS, d.optimizer),
    learningRate: clamp(num(p.get('lr'), d.learningRate), 1e-6, 10),
    batchSize: clamp(Math.round(num(p.get('batch'), d.batchSize)), 0, 2000),
    seed: clamp(Math.round(num(p.get('seed'), d.seed)), 0, 2 ** 31 - 1),
  };
}

export function toHash(c: Config): string {
  const p = new URLSearchParams({
    data: c.data,
    samples: String(c.samples),
    noise: String(c.noise),
    test: String(c.testFraction),
    layers: layersText(c.layers),
    init: c.initializer,
    dropout: String(c.dropout),
    penalty: c.penalty,
    lambda: String(c.lambda),
    loss: c.loss,
    optimizer: c.optimizer,
    lr: String(c.learningRate),
    batch: String(c.batchSize),
    seed: String(c.seed),
  });
  return `#${p.toString()}`;
}
