import { getInitializer, heNormal, uniform } from '@backprop/init';
import { Rng } from '@backprop/linalg';

const rng = new Rng(42); // every random initializer draws from an injected, seeded Rng

// The course's randInitializeWeights: U(−0.12, 0.12), a fanIn x fanOut matrix.
console.log(uniform().create(2, 3, rng).toArray());

// He normal for a ReLU layer: N(0, 2/fanIn).
const w = heNormal().create(784, 64, rng);
let squares = 0;
for (const v of w.data) squares += v * v;
console.log(w.shape, (squares / w.data.length).toFixed(5), (2 / 784).toFixed(5));

// By name or alias: glorotUniform is xavierUniform.
console.log(
  getInitializer('glorotUniform').toConfig(),
  getInitializer({ name: 'normal', config: { std: 0.01 } }).toConfig(),
);
