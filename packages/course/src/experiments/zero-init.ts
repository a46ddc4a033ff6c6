import { xor } from '@backprop/data';
import type { Matrix } from '@backprop/linalg';
import { type DenseLayer, dense, fit, sequential } from '@backprop/model';
import { type Experiment, heading, metric } from '../experiment';

/** The largest difference between two hidden units' incoming weights and biases. */
function spread(layer: DenseLayer): number {
  const column = (W: Matrix, b: Matrix, u: number) => [
    ...Array.from({ length: W.rows }, (_, k) => W.data[k * W.cols + u]!),
    b.data[u]!,
  ];
  const first = column(layer.W, layer.b, 0);
  let worst = 0;
  for (let u = 1; u < layer.units; u++)
    column(layer.W, layer.b, u).forEach((v, k) => {
      worst = Math.max(worst, Math.abs(v - first[k]!));
    });
  return worst;
}

/**
 * The lecture notes' symmetry argument (003): with every weight 0 the hidden units compute the
 * same thing and get the same gradient, so they stay identical however long the network trains;
 * random weights in [−ε, ε] (ε = 0.12) break the symmetry. XOR, 2-4-1 sigmoid, gradient descent
 * (learning rate 5, 2000 epochs: the ε-initialised network learns XOR, the zero one cannot).
 */
export const zeroInit: Experiment = {
  id: 'zero-init',
  title: 'Zero initialisation keeps hidden units identical; ε-initialisation breaks the symmetry',
  source: 'lecture notes (003), random initialisation',
  quick: true,
  epochs: 2000,
  switches: [],
  needs: [],
  async run(options) {
    const epochs = options.epochs ?? 2000;
    const { X, Y } = xor();
    const train = (kernelInitializer: 'zeros' | 'uniform') => {
      const model = sequential(
        2,
        [
          dense({ units: 4, activation: 'sigmoid', kernelInitializer }),
          dense({ units: 1, activation: 'sigmoid', kernelInitializer }),
        ],
        { seed: 3 },
      );
      const h = fit(model, X, Y, {
        optimizer: { name: 'sgd', config: { learningRate: 5 } },
        batchSize: 'full',
        epochs,
      });
      return {
        spread: spread(model.layers[0] as DenseLayer),
        accuracy: h.epochs.at(-1)!.accuracy!,
      };
    };
    const zero = train('zeros');
    const random = train('uniform');
    return {
      ...heading(zeroInit),
      settings: { epochs, network: '2-4-1 sigmoid', learningRate: 5, epsilon: 0.12 },
      shortened: epochs !== 2000,
      metrics: [
        metric('largest difference between hidden units, zero init', zero.spread, {
          documentText: 'identical units',
          band: { low: 0, high: 0 },
        }),
        metric('largest difference between hidden units, ε-init', random.spread, {
          documentText: 'symmetry broken (> 0)',
          band: { low: 1e-6, high: Number.POSITIVE_INFINITY },
        }),
        metric('XOR accuracy, zero init', zero.accuracy, {
          format: 'percent',
          documentText: '(not given)',
        }),
        metric('XOR accuracy, ε-init', random.accuracy, {
          format: 'percent',
          documentText: '(not given)',
        }),
      ],
      notes: [
        'Identical units are exactly identical (difference 0, bit for bit): the symmetry is never broken by rounding.',
      ],
      plots: [],
    };
  },
};
