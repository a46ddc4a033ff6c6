import { xor } from '@backprop/data';
import { dense, fit, predict, sequential } from '@backprop/model';

const { X, Y } = xor(); // (0,0)→0, (0,1)→1, (1,0)→1, (1,1)→0
const model = sequential(
  2,
  [dense({ units: 5, activation: 'sigmoid' }), dense({ units: 1, activation: 'sigmoid' })],
  { seed: 0 },
);
const history = fit(model, X, Y, {
  optimizer: { name: 'sgd', config: { learningRate: 1 } },
  batchSize: 'full',
  epochs: 2000,
});

console.log(model.summary());
console.log(
  'loss',
  history.epochs[0]!.loss.toFixed(4),
  '→',
  history.epochs.at(-1)!.loss.toFixed(4),
);
console.log(
  predict(model, X)
    .toArray()
    .map(([p]) => p!.toFixed(3)),
);
