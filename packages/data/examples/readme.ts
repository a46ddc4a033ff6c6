import {
  type DataFormatError,
  moons,
  oneHot,
  parseCsv,
  parseIdx,
  trainTestSplit,
} from '@backprop/data';
import { Rng } from '@backprop/linalg';

// CSV in Kaggle's MNIST layout: a label column and numeric features.
const table = parseCsv('label,pixel1,pixel2\n7,0,255\n2,12,0\n', {
  labelColumn: 'label',
  numClasses: 10,
});
console.log(table.X.toArray(), table.y, table.columns);

// Broken input gets a typed error with the position and the problem.
try {
  parseCsv('a,b\n1,0x1F\n', { file: 'pixels.csv' });
} catch (e) {
  console.log(String(e), (e as DataFormatError).code);
}

// IDX bytes (here built by hand: 2 labels, uint8) — gzip is detected by its magic bytes.
const labels = await parseIdx(Uint8Array.of(0, 0, 0x08, 1, 0, 0, 0, 2, 5, 0));
console.log(labels.type, labels.dims, labels.data);

// Synthetic data, one-hot targets and a seeded split.
const { X, y } = moons(200, 0.2, new Rng(0));
const split = trainTestSplit(X, y, { testSize: 0.25, rng: new Rng(1) });
console.log(split.XTrain.shape, split.XTest.shape, oneHot([2, 0], 3).toArray());
