import { getActivation, leakyRelu, sigmoid, softmax } from '@backprop/activations';
import { fromArray } from '@backprop/linalg';

const z = fromArray([[-2, 0, 3]]);

// Forward: A = g(Z), element-wise (or row-wise for softmax).
console.log(sigmoid.forward(z).toArray());
console.log(softmax.forward(z).toArray());

// Backward: ∂L/∂Z from ∂L/∂A — here with ∂L/∂A = 1, so it prints g'(z).
const ones = fromArray([[1, 1, 1]]);
console.log(sigmoid.backward(z, sigmoid.forward(z), ones).toArray());

// By name, by config, or by object: all three give an activation.
const slides = getActivation({ name: 'leakyRelu', config: { alpha: 0.1 } });
console.log(slides.forward(z).toArray(), JSON.stringify(leakyRelu().toConfig()));

try {
  getActivation('rleu');
} catch (e) {
  console.log(String(e));
}
