import {
  addRowVector,
  argmaxRows,
  fromArray,
  matmul,
  matmulTransA,
  Rng,
  randn,
} from '@backprop/linalg';

// Two samples (rows) with three features, a 3x2 weight matrix and a 1x2 bias: Z = X·W + b.
const X = fromArray([
  [1, 2, 3],
  [4, 5, 6],
]);
const W = fromArray([
  [0.1, -0.2],
  [0.3, 0.4],
  [-0.5, 0.6],
]);
const b = fromArray([[0.01, 0.02]]);
const Z = addRowVector(matmul(X, W), b);
console.log(Z.toArray());
console.log(argmaxRows(Z)); // the larger column of each row

// Xᵀ·Z without building Xᵀ: the shape of a weight gradient.
console.log(matmulTransA(X, Z).shape);

// Same seed, same numbers, on every machine.
console.log(randn(1, 3, new Rng(42)).toArray());

try {
  matmul(X, X);
} catch (e) {
  console.log(String(e));
}
