import { xor } from '@backprop/data';
import { fromOnnx, toOnnx } from '@backprop/interop';
import { dense, fit, predict, sequential } from '@backprop/model';
import * as ort from 'onnxruntime-node';

// Train XOR, then write it as ONNX: float64 weights, a dynamic batch dimension.
const { X, y } = xor();
const model = sequential(
  2,
  [dense({ units: 4, activation: 'tanh' }), dense({ units: 1, activation: 'sigmoid' })],
  { seed: 1 },
);
fit(model, X, y, {
  epochs: 500,
  batchSize: 4,
  optimizer: { name: 'adam', config: { learningRate: 0.05 } },
});
const bytes = toOnnx(model);

// ONNX Runtime runs the file and gives backprop's predictions.
const session = await ort.InferenceSession.create(bytes);
const { output } = await session.run({
  input: new ort.Tensor('float64', Float64Array.from(X.data), [4, 2]),
});
const ours = predict(model, X).data;
console.log(
  'onnxruntime:',
  Array.from(output!.data as Float64Array, (v) => v.toFixed(4)).join(' '),
);
console.log('backprop:   ', Array.from(ours, (v) => v.toFixed(4)).join(' '));

// And the file comes back as the same model, weights bit for bit.
const back = fromOnnx(bytes);
console.log(back.layers.map((l) => l.describe()).join(' | '));
console.log(
  'same predictions:',
  predict(back, X).data.every((v, i) => v === ours[i]),
);
