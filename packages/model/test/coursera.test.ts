import { oneHot } from '@backprop/data';
import { Matrix } from '@backprop/linalg';
import { expectClose } from '@backprop/linalg/testing';
import { loadMat } from '@backprop/mat/node';
import { describe, expect, it } from 'vitest';
import { dataset, datasetSuite, haveDatasets } from '../../../tooling/test-support/datasets';
import { evaluate, fromThetas, predict, predictClasses, toThetas } from '../src/index';
import reference from './fixtures/coursera-reference.json';

/** The 20 inputs of scripts/coursera-reference.py: X[i][j] = ((31i + 17j) mod 101 − 50) / 50. */
function inputs(): { X: Matrix; Y: Matrix } {
  const X = new Matrix(20, 400);
  for (let i = 0; i < 20; i++)
    for (let j = 0; j < 400; j++) X.data[i * 400 + j] = (((31 * i + 17 * j) % 101) - 50) / 50;
  const labels = Array.from({ length: 20 }, (_, i) => (i % 10) + 1);
  return { X, Y: oneHot(labels, 10, { base: 1 }) };
}

async function thetas(): Promise<Matrix[]> {
  const mat = await loadMat(dataset('coursera/ex4weights.mat'));
  return ['Theta1', 'Theta2'].map((name) => {
    const v = mat.variables[name]!;
    if (v.kind !== 'numeric') throw new Error(`${name} is not numeric`);
    return v.toMatrix();
  });
}

describe.skipIf(!haveDatasets)(
  datasetSuite("the course's pre-trained 400-25-10 network (ex4weights.mat)"),
  () => {
    it('loads exactly and round-trips: toThetas(fromThetas(T)) equals T bit for bit', async () => {
      const T = await thetas();
      const model = fromThetas(T);
      expect(model.summary()).toMatch(/400 inputs → 10 outputs, 10285 params/);
      const back = toThetas(model);
      expect(back.map((t) => t.shape)).toEqual([
        [25, 401],
        [10, 26],
      ]);
      back.forEach((t, l) => {
        expect(new Uint8Array(t.data.buffer)).toEqual(new Uint8Array(T[l]!.data.buffer));
      });
    });

    it('gives numpy’s cost: unregularised and with λ = 1 and λ = 3 (the course’s λ/(2m) form)', async () => {
      const model = fromThetas(await thetas());
      const { X, Y } = inputs();
      // Both sides sum ~20x10 logs and ~10^4 squares in different orders: 1e-12 relative.
      const tol = { rtol: 1e-12, atol: 0 };
      expectClose(evaluate(model, X, Y, { loss: 'binaryCrossEntropy' }).loss, reference.cost, tol);
      expectClose(
        evaluate(model, X, Y, {
          loss: 'binaryCrossEntropy',
          penalty: { name: 'l2', config: { lambda: 1 } },
        }).loss,
        reference.costLambda1,
        tol,
      );
      expectClose(
        evaluate(model, X, Y, {
          loss: 'binaryCrossEntropy',
          penalty: { name: 'l2', config: { lambda: 3 } },
        }).loss,
        reference.costLambda3,
        tol,
      );
      expectClose(predict(model, X).toArray().slice(0, 3), reference.outputs, {
        rtol: 1e-13,
        atol: 1e-16,
      });
      // The course's predict: argmax + 1 over its labels 1..10.
      expect(Array.from(predictClasses(model, X), (c) => c + 1)).toEqual(reference.predictions);
    });

    it('rejects Thetas that do not chain', async () => {
      const [t1] = await thetas();
      expect(() => fromThetas([t1!, new Matrix(10, 30)])).toThrow(
        /thetas\[1\] is 10x30 but thetas\[0\] has 25 units \(needs 26 columns\)/,
      );
    });
  },
);
