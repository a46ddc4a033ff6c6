import { Rng, randn } from '@backprop/linalg';
import {
  activation,
  batchNormalization,
  dense,
  dropout,
  fit,
  type LayerSpec,
  predict,
  type Sequential,
  sequential,
} from '@backprop/model';

/** Inputs the test networks run on. */
export const X = randn(9, 4, new Rng(7));

/** One network per built-in layer kind and activation ONNX can express. */
export const nets: [string, LayerSpec[]][] = [
  [
    'relu → softmax',
    [dense({ units: 6, activation: 'relu' }), dense({ units: 3, activation: 'softmax' })],
  ],
  [
    'sigmoid, tanh → sigmoid',
    [
      dense({ units: 5, activation: 'sigmoid' }),
      dense({ units: 4, activation: 'tanh' }),
      dense({ units: 1, activation: 'sigmoid' }),
    ],
  ],
  [
    'leakyRelu(0.1), elu(0.5) → linear',
    [
      dense({ units: 5, activation: { name: 'leakyRelu', config: { alpha: 0.1 } } }),
      dense({ units: 4, activation: { name: 'elu', config: { alpha: 0.5 } } }),
      dense({ units: 2, activation: 'linear' }),
    ],
  ],
  [
    'softplus, gelu → linear',
    [
      dense({ units: 5, activation: 'softplus' }),
      dense({ units: 4, activation: 'gelu' }),
      dense({ units: 2 }),
    ],
  ],
  [
    'no bias, dropout, activation layer',
    [
      dense({ units: 5, useBias: false }),
      activation('tanh'),
      dropout(0.5),
      dense({ units: 3, activation: 'softmax', useBias: false }),
    ],
  ],
  [
    'batch normalisation',
    [
      dense({ units: 6 }),
      batchNormalization({ epsilon: 1e-3 }),
      activation('relu'),
      dense({ units: 2, activation: 'softmax' }),
    ],
  ],
];

/** A model whose weights and batch statistics have moved away from their initial values. */
export function trained(layers: LayerSpec[]): Sequential {
  const model = sequential(4, layers, { seed: 3 });
  const Y = predict(sequential(4, layers, { seed: 9 }), X);
  fit(model, X, Y, { loss: 'meanSquaredError', epochs: 3, batchSize: 3, seed: 1 });
  return model;
}
