import { planar as flower } from '@backprop/data';
import { NumpyRandomState } from '@backprop/linalg';
import { type DenseLayer, dense, fitAsync, sequential } from '@backprop/model';
import { type Experiment, heading, metric } from '../experiment';
import { accuracyOf, boundary } from '../plots';

const ITERATIONS = 10_000;

/**
 * The slides' planar "flower" (004): 400 points from `np.random.seed(1)` (numpy's own generator,
 * so the very data set), logistic regression (the course: 47%) against 2 → 4 tanh → 1 sigmoid
 * with weights `randn·0.01` from `np.random.seed(2)` and zero biases, cross-entropy, gradient
 * descent with learning rate 1.2 for 10,000 iterations (the course: 90%).
 */
export const planarExperiment: Experiment = {
  id: 'planar',
  title: 'Planar flower: logistic regression against one hidden layer of 4 tanh units',
  source: 'deep-learning slides (004), the planar data classification example',
  quick: true,
  epochs: ITERATIONS,
  switches: [],
  needs: [],
  async run(options) {
    const epochs = options.epochs ?? ITERATIONS;
    const shortened = epochs !== ITERATIONS;
    const { X, y, Y } = flower(400, new NumpyRandomState(1));
    const gd = { name: 'sgd', config: { learningRate: 1.2 } } as const;
    const logistic = sequential(2, [
      dense({ units: 1, activation: 'sigmoid', kernelInitializer: 'zeros' }),
    ]);
    await fitAsync(logistic, X, Y, { optimizer: gd, batchSize: 'full', epochs, shuffle: false });
    const network = sequential(2, [
      dense({ units: 4, activation: 'tanh' }),
      dense({ units: 1, activation: 'sigmoid' }),
    ]);
    // The course draws W1 (4 x 2) then W2 (1 x 4) from randn·0.01, examples as columns: ours are
    // their transposes (inputs x units).
    const rng = new NumpyRandomState(2);
    const [l1, l2] = network.layers as DenseLayer[];
    const W1 = Array.from(rng.randnArray(8), (v) => v * 0.01);
    for (let u = 0; u < 4; u++) for (let k = 0; k < 2; k++) l1!.W.data[k * 4 + u] = W1[u * 2 + k]!;
    l2!.W.data.set(Array.from(rng.randnArray(4), (v) => v * 0.01));
    await fitAsync(network, X, Y, {
      optimizer: gd,
      batchSize: 'full',
      epochs,
      shuffle: false,
      callbacks: [{ onEpochBegin: (e) => options.onProgress?.(e - 1, epochs) }],
    });
    return {
      ...heading(planarExperiment),
      settings: { epochs, learningRate: 1.2, hidden: 4, data: 'np.random.seed(1), 400 points' },
      shortened,
      metrics: [
        metric('logistic regression accuracy', accuracyOf(logistic, X, y), {
          document: 0.47,
          format: 'percent',
          band: { low: 0.44, high: 0.5 },
          shortened,
        }),
        metric('4 tanh units accuracy', accuracyOf(network, X, y), {
          document: 0.9,
          documentText: 'its hidden-size table prints 90.5% for 4 units',
          format: 'percent',
          band: { low: 0.89, high: 0.915 },
          shortened,
        }),
      ],
      notes: [
        'The course fits its logistic regression with scikit-learn (LogisticRegressionCV); here it is one sigmoid unit trained by the same gradient descent as the network — a linear boundary either way.',
      ],
      plots: [
        boundary('planar-logistic', 'planar: logistic regression', logistic, X, y),
        boundary('planar-network', 'planar: 4 tanh units', network, X, y),
      ],
    };
  },
};
