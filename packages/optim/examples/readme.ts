import { fromArray, Rng } from '@backprop/linalg';
import { adam, batches, getOptimizer, minimize, optimizerFromJSON } from '@backprop/optim';

// Minimise f(w) = (w − 3)² with Adam, by object…
const w = fromArray([[0]]);
const grad = fromArray([[0]]);
const optimizer = adam({ learningRate: 0.1 });
for (let i = 0; i < 200; i++) {
  grad.data[0] = 2 * (w.data[0]! - 3);
  optimizer.step([w], [grad]);
}
console.log(w.data[0]!.toFixed(6), optimizer.iterations);

// …or by name, with a schedule; save and resume exactly.
const sgd = getOptimizer({
  name: 'sgd',
  config: {
    learningRate: { name: 'stepDecay', config: { initial: 0.5, every: 10 } },
    momentum: 0.9,
  },
});
sgd.step([w], [grad]);
console.log(optimizerFromJSON(JSON.parse(JSON.stringify(sgd.toJSON()))).iterations);

// L-BFGS on Rosenbrock, no model needed.
const result = minimize(
  ([x, y]) => ({
    value: (1 - x!) ** 2 + 100 * (y! - x! ** 2) ** 2,
    gradient: [-2 * (1 - x!) - 400 * x! * (y! - x! ** 2), 200 * (y! - x! ** 2)],
  }),
  [-1.2, 1],
);
console.log(
  Array.from(result.x, (v) => v.toFixed(6)),
  result.iterations,
  result.reason,
);

// Batches: 'full' is gradient descent, 1 is SGD, n is mini-batch.
console.log([...batches(7, { batchSize: 3, shuffle: true, rng: new Rng(0) })]);
