import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Matrix } from '@backprop/linalg';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import type { EpochResult } from './backprop';

const toTensor = (m: Matrix) => tf.tensor2d(Float32Array.from(m.data), [m.rows, m.cols]);

/** The same network, data and hyperparameters in TensorFlow.js on the given backend ('cpu' or 'wasm'). */
export async function trainTfjs(
  backend: 'cpu' | 'wasm',
  train: { X: Matrix; Y: Matrix },
  test: { X: Matrix; Y: Matrix },
  epochs: number,
): Promise<EpochResult[]> {
  if (backend === 'wasm')
    setWasmPaths(
      join(dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm')), '/'),
    );
  await tf.setBackend(backend);
  await tf.ready();
  const [xs, ys, xt, yt] = [
    toTensor(train.X),
    toTensor(train.Y),
    toTensor(test.X),
    toTensor(test.Y),
  ];
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ inputShape: [784], units: 64, activation: 'relu' }),
      tf.layers.dense({ units: 32, activation: 'relu' }),
      tf.layers.dense({ units: 10, activation: 'softmax' }),
    ],
  });
  model.compile({
    optimizer: tf.train.adam(1e-3),
    loss: 'categoricalCrossentropy',
    metrics: ['accuracy'],
  });
  const results: EpochResult[] = [];
  let started = 0;
  await model.fit(xs, ys, {
    epochs,
    batchSize: 128,
    shuffle: true,
    verbose: 0,
    callbacks: {
      onEpochBegin: async () => {
        started = performance.now();
      },
      onEpochEnd: async (epoch, logs) => {
        const seconds = (performance.now() - started) / 1000;
        const [, acc] = model.evaluate(xt, yt, { batchSize: 1000 }) as tf.Scalar[];
        const testAccuracy = (await acc!.data())[0]!;
        results.push({ seconds, testAccuracy });
        console.log(
          `  tfjs-${backend.padEnd(4)} epoch ${String(epoch + 1).padStart(2)}: ${seconds.toFixed(2)} s, ${(60000 / seconds).toFixed(0)} samples/s, loss ${logs!.loss!.toFixed(4)}, test accuracy ${(100 * testAccuracy).toFixed(2)}%`,
        );
      },
    },
  });
  tf.dispose([xs, ys, xt, yt]);
  model.dispose();
  return results;
}
