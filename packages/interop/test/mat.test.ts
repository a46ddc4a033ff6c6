import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Matrix } from '@backprop/linalg';
import { parseMat } from '@backprop/mat';
import {
  batchNormalization,
  dense,
  dropout,
  fromThetas,
  sequential,
  toThetas,
} from '@backprop/model';
import { afterAll, describe, expect, it } from 'vitest';
import { ExportError, toMat, writeMat } from '../src/index';
import { pythonWithScipy, runPython } from './python';

/**
 * The course's Theta layout as a MAT-file: it reads back (backprop's reader) and loads in scipy
 * (scipy.io.loadmat, the reader the course's Python users have) to exactly the same values.
 */
const model = sequential(
  400,
  [
    dense({ units: 25, activation: 'sigmoid' }),
    dropout(0.2),
    dense({ units: 10, activation: 'sigmoid' }),
  ],
  { seed: 4 },
);
const dir = mkdtempSync(join(tmpdir(), 'backprop-mat-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('toMat: Theta1, Theta2, … with the bias in column 0', () => {
  it("reads back with backprop's .mat reader to the same Thetas, bit for bit, and the same model", async () => {
    const mat = await parseMat(toMat(model));
    expect(Object.keys(mat.variables)).toEqual(['Theta1', 'Theta2']);
    const thetas = toThetas(model);
    const read = ['Theta1', 'Theta2'].map((n) =>
      (mat.variables[n] as unknown as { toMatrix(): Matrix }).toMatrix(),
    );
    read.forEach((t, i) => {
      expect([t.rows, t.cols]).toEqual([thetas[i]!.rows, thetas[i]!.cols]);
      expect(Array.from(t.data)).toEqual(Array.from(thetas[i]!.data));
    });
    expect(toThetas(fromThetas(read)).map((t) => Array.from(t.data))).toEqual(
      thetas.map((t) => Array.from(t.data)),
    );
  });

  it('refuses what the layout cannot hold, and bad variable names', () => {
    const bn = sequential(2, [dense({ units: 2 }), batchNormalization({})]);
    expect(() => toMat(bn)).toThrow(ExportError);
    expect(() => toMat(bn)).toThrow(
      "toMat: layer 1 is batchNormalization; the course's Theta layout holds dense layers only",
    );
    expect(() => writeMat({ '1x': new Matrix(1, 1) })).toThrow(
      /'1x' is not a MATLAB variable name/,
    );
  });
});

describe.skipIf(!pythonWithScipy)(
  `scipy.io.loadmat reads it (${pythonWithScipy ?? 'no python3 with scipy here: install python3-scipy'})`,
  () => {
    it('the same shapes and values, as double', async () => {
      const path = join(dir, 'thetas.mat');
      const odd = new Matrix(2, 3, Float64Array.from([1.5, -0, 1e-300, Math.PI, -2.5e10, 7]));
      writeFileSync(
        path,
        writeMat({
          ...Object.fromEntries(toThetas(model).map((t, i) => [`Theta${i + 1}`, t])),
          odd,
        }),
      );
      const read = JSON.parse(
        await runPython(pythonWithScipy!, [join(__dirname, 'fixtures/read-mat.py'), path]),
      );
      const thetas = toThetas(model);
      for (const [name, t] of [
        ['Theta1', thetas[0]!],
        ['Theta2', thetas[1]!],
        ['odd', odd],
      ] as const) {
        expect(read[name].shape).toEqual([t.rows, t.cols]);
        expect(read[name].dtype).toBe('float64');
        expect(read[name].values).toEqual(Array.from(t.data));
      }
    });
  },
);
