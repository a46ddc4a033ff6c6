import { fromArray } from '@backprop/linalg';
import { binaryCrossEntropy, getLoss, l2 } from '@backprop/losses';

// Three samples, one sigmoid output each.
const predictions = fromArray([[0.9], [0.2], [0.6]]);
const targets = fromArray([[1], [0], [1]]);

const bce = binaryCrossEntropy();
console.log(bce.value(predictions, targets)); // −1/m Σ [y log ŷ + (1 − y) log(1 − ŷ)]
console.log(bce.gradient(predictions, targets).toArray()); // ∂J/∂ŷ
console.log(bce.fusedGradient!(predictions, targets).toArray()); // ∂J/∂Z with a sigmoid output: (A − Y)/m

// The course's L2 term λ/(2m) Σ W² over the weights (never the biases), and the Keras form λ Σ W².
const W = fromArray([
  [0.5, -1],
  [2, 0],
]);
console.log(l2({ lambda: 1 }).value([W], 3), l2({ lambda: 1, form: 'keras' }).value([W], 3));

console.log(getLoss({ name: 'meanSquaredError', config: { reduction: 'halfMean' } }).toConfig());
