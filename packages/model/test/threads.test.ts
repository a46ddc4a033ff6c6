import { Matrix, Rng, setThreads, threads } from '@backprop/linalg';
import { adam } from '@backprop/optim';
import { afterAll, describe, expect, it } from 'vitest';
import { dense, fit, sequential } from '../src/index';

afterAll(async () => {
  await setThreads(1);
});

/** A 784-64-32-10 network (the course's MNIST shape) trained 2 epochs on seeded random data. */
function train(): Float64Array[] {
  const rng = new Rng(5);
  const X = new Matrix(512, 784);
  for (let i = 0; i < X.data.length; i++) X.data[i] = rng.next();
  const Y = new Matrix(512, 10);
  for (let r = 0; r < 512; r++) Y.data[r * 10 + (r % 10)] = 1;
  const model = sequential(
    784,
    [
      dense({ units: 64, activation: 'relu' }),
      dense({ units: 32, activation: 'relu' }),
      dense({ units: 10, activation: 'softmax' }),
    ],
    { seed: 3 },
  );
  fit(model, X, Y, {
    loss: 'categoricalCrossEntropy',
    optimizer: adam(),
    batchSize: 128,
    epochs: 2,
    seed: 4,
  });
  return model.params().map((p) => p.value.data as Float64Array); // a float64 model
}

const bits = (xs: Float64Array[]) =>
  xs.map((x) => Array.from(new BigUint64Array(x.buffer, x.byteOffset, x.length), String).join());

describe('training on several matrix threads', () => {
  it('ends with bit-identical weights for 1, 2 and 3 threads', async () => {
    await setThreads(1);
    const one = bits(train());
    for (const n of [2, 3]) {
      expect(await setThreads(n)).toBe(n);
      expect(threads()).toBe(n);
      expect(bits(train())).toEqual(one);
    }
  });
});
