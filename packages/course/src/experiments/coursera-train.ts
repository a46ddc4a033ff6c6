import { Matrix, NumpyRandomState } from '@backprop/linalg';
import { evaluate, fit, fromThetas } from '@backprop/model';
import { sgd } from '@backprop/optim';
import { type Experiment, heading, metric } from '../experiment';
import { courseTargets, requireEx4data1 } from './coursera-cost';

const EPSILON_INIT = 0.12;
const LEARNING_RATE = 1;
const LAMBDA = 1;
const ITERATIONS = 1000;
/** The practical has no seed (np.random is unseeded); ours is np.random.seed(SEED). */
const SEED = 0;

/**
 * The practical's initialize_weights(400, 25, 10) after np.random.seed(seed), replayed with
 * numpy's legacy generator: `np.random.random((25, 401)) * 0.24 − 0.12`, then `(10, 26)` —
 * bias column first, drawn like every other entry.
 */
export function courseraInitialThetas(seed: number, sizes = [400, 25, 10]): Matrix[] {
  const rng = new NumpyRandomState(seed);
  return sizes.slice(1).map((units, l) => {
    const cols = sizes[l]! + 1;
    const draws = rng.randomArray(units * cols);
    for (let i = 0; i < draws.length; i++) draws[i] = draws[i]! * (2 * EPSILON_INIT) - EPSILON_INIT;
    return new Matrix(units, cols, draws);
  });
}

/** The costs printed every 100 iterations (the practical's `if i % 100 == 0`). */
const everyHundred = (costs: number[]) => costs.filter((_, i) => i % 100 === 0);

/**
 * The Coursera practical's training (000): 400-25-10 sigmoid, ε-init 0.12 (bias columns
 * included), batch gradient descent on the course's regularised cost, the cost printed every 100
 * iterations. The practical gives no α, λ, iteration count or final figure: ours are α = 1,
 * λ = 1 (the course's) and 1000 iterations, from np.random.seed(0).
 */
export const courseraTrain: Experiment = {
  id: 'coursera-train',
  title: "The Coursera practical's training: batch gradient descent from ε-init 0.12",
  source: 'Coursera ex4 practical (000)',
  quick: false,
  epochs: ITERATIONS,
  switches: [],
  needs: ['ex4data1'],
  async run(options) {
    const { X, y } = requireEx4data1('coursera-train', options.data);
    const iterations = options.epochs ?? ITERATIONS;
    const model = fromThetas(courseraInitialThetas(SEED, [X.cols, 25, 10]));
    const Y = courseTargets(y, model.outputSize, 'coursera-train');
    const history = fit(model, X, Y, {
      loss: 'binaryCrossEntropy',
      penalty: { name: 'l2', config: { lambda: LAMBDA } },
      optimizer: sgd({ learningRate: LEARNING_RATE }),
      batchSize: 'full',
      epochs: iterations,
      seed: SEED,
      divergence: false,
      callbacks: [{ onEpochEnd: (logs) => options.onProgress?.(logs.epoch, iterations) }],
    });
    // Each epoch is one iteration; its loss is J before that iteration's update, as printed.
    const costs = history.epochs.map((e) => e.loss);
    const printed = everyHundred(costs);
    const falling = printed.every((c, i) => i === 0 || c < printed[i - 1]!) ? 1 : 0;
    const final = evaluate(model, X, Y, {
      loss: 'binaryCrossEntropy',
      penalty: { name: 'l2', config: { lambda: LAMBDA } },
    });
    const shortened = iterations !== ITERATIONS;
    return {
      ...heading(courseraTrain),
      settings: {
        samples: X.rows,
        iterations,
        learningRate: LEARNING_RATE,
        lambda: LAMBDA,
        epsilonInit: EPSILON_INIT,
        seed: `np.random.seed(${SEED})`,
      },
      shortened,
      metrics: [
        metric('cost at iteration 0', costs[0]!, {
          documentText: 'printed every 100 iterations; no value given',
        }),
        metric(`cost after ${iterations} iterations`, final.loss, {
          documentText: 'no value given',
        }),
        metric('training accuracy', final.accuracy!, {
          format: 'percent',
          documentText: 'no value given',
        }),
        metric('the printed cost falls every 100 iterations (1 = yes)', falling, {
          documentText: 'gradient descent with a small enough α',
          band: { low: 1, high: 1 },
        }),
      ],
      notes: [
        'The practical states no learning rate, λ, iteration count or result: α = 1, λ = 1 (the course’s) and 1000 iterations are ours, and its np.random is unseeded (ours: np.random.seed(0), replayed bit for bit).',
        'The cost is the course’s (log(1 − h), λ/(2m) Σ Θ² without the bias columns); the practical’s printed cost adds 1e-6 inside log(1 − h + 1e-6), a difference of ~1e-5 that does not change the gradient.',
      ],
      plots: [
        {
          kind: 'curves',
          id: 'coursera-train-cost',
          title: 'Cost every 100 iterations (batch gradient descent)',
          xLabel: 'iteration',
          yLabel: 'J(Θ)',
          series: [{ name: 'J', x: printed.map((_, i) => i * 100), y: printed }],
        },
      ],
    };
  },
};
