import { readFileSync } from 'node:fs';
import { Matrix } from '@backprop/linalg';
import { loadMat } from '@backprop/mat/node';
import { describe, expect, it } from 'vitest';
import { dataset, datasetSuite, haveDatasets } from '../../../tooling/test-support/datasets';
import { courseraInitialThetas } from '../src/experiments/coursera-train';
import { getExperiment, MissingCourseDataError } from '../src/index';

const replays = JSON.parse(
  readFileSync(new URL('./fixtures/replays.json', import.meta.url), 'utf8'),
);
const modelReference = JSON.parse(
  readFileSync(
    new URL('../../model/test/fixtures/coursera-reference.json', import.meta.url),
    'utf8',
  ),
);

describe('coursera-cost without the data', () => {
  it('says what is missing, where it comes from and which flag gives it', async () => {
    const e = getExperiment('coursera-cost');
    await expect(e.run({})).rejects.toThrow(MissingCourseDataError);
    await expect(e.run({})).rejects.toThrow(
      /ex4data1\.mat .* backprop does not ship it: .* --data \/path\/to\/ex4data1\.mat/,
    );
    expect(e.needs).toEqual(['ex4data1', 'ex4weights']);
  });
});

// The inputs of packages/model/scripts/coursera-reference.py: not ex4data1.mat (not obtainable
// here), so the bands cannot hold, but every figure must be numpy's.
const X = new Matrix(20, 400);
for (let i = 0; i < 20; i++)
  for (let j = 0; j < 400; j++) X.data[i * 400 + j] = (((31 * i + 17 * j) % 101) - 50) / 50;
const y = new Matrix(
  20,
  1,
  Float64Array.from({ length: 20 }, (_, i) => (i % 10) + 1),
);

describe('coursera-train', () => {
  it('without the data, says what is missing and which flag gives it', async () => {
    const e = getExperiment('coursera-train');
    await expect(e.run({})).rejects.toThrow(MissingCourseDataError);
    await expect(e.run({})).rejects.toThrow(/^coursera-train: ex4data1\.mat .* --data/);
    expect(e.needs).toEqual(['ex4data1']);
    expect(e.quick).toBe(false);
  });

  it("replays the practical's initialize_weights after np.random.seed(0) bit for bit", () => {
    const [t1, t2] = courseraInitialThetas(0);
    const [first, last] = replays.coursera_train_20.initial;
    expect(Array.from(t1!.data.subarray(0, 5))).toEqual(first);
    expect(Array.from(t2!.data.subarray(t2!.data.length - 3))).toEqual(last);
    for (const t of [t1!, t2!]) for (const v of t.data) expect(Math.abs(v)).toBeLessThan(0.12);
  });

  it("trains as numpy's replay of the practical's loop does (300 iterations, 1e-12)", async () => {
    const r = await getExperiment('coursera-train').run({
      data: { ex4data1: { X, y } },
      epochs: 300,
    });
    const expected = replays.coursera_train_20;
    const curve = (r.plots[0] as { series: { y: number[] }[] }).series[0]!.y;
    expect(curve).toHaveLength(expected.printed.length);
    for (const [i, c] of curve.entries())
      expect(Math.abs(c - expected.printed[i]) / expected.printed[i]).toBeLessThan(1e-12);
    const final = r.metrics.find((m) => m.name.startsWith('cost after 300'))!;
    expect(Math.abs(final.ours - expected.final_cost) / expected.final_cost).toBeLessThan(1e-12);
    expect(r.metrics.find((m) => m.name === 'training accuracy')!.ours).toBe(expected.accuracy);
    // Falling every 100 iterations is checked on any run length (8.13 → 2.28 → 2.22 here).
    expect(r.metrics.find((m) => m.name.startsWith('the printed cost falls'))!.verdict).toBe(
      'inside',
    );
    expect(r.shortened).toBe(true);
  });
});

describe.skipIf(!haveDatasets)(datasetSuite('coursera-cost on the 20 reference inputs'), () => {
  it("the course's cost and the practical's as-written cost equal numpy's (1e-12)", async () => {
    const { variables } = await loadMat(dataset('coursera/ex4weights.mat'));
    const data = {
      ex4data1: { X, y },
      ex4weights: {
        Theta1: (variables.Theta1 as { toMatrix(): Matrix }).toMatrix(),
        Theta2: (variables.Theta2 as { toMatrix(): Matrix }).toMatrix(),
      },
    };
    const e = getExperiment('coursera-cost');
    const standard = await e.run({ data });
    const rel = (a: number, b: number) => Math.abs(a - b) / b;
    expect(rel(standard.metrics[0]!.ours, modelReference.cost)).toBeLessThan(1e-12);
    expect(rel(standard.metrics[1]!.ours, modelReference.costLambda1)).toBeLessThan(1e-12);
    expect(standard.metrics[0]!.verdict).toBe('outside');
    const written = await e.run({ data, asWritten: true });
    expect(rel(written.metrics[0]!.ours, replays.coursera_as_written_20.lambda0)).toBeLessThan(
      1e-12,
    );
    expect(rel(written.metrics[1]!.ours, replays.coursera_as_written_20.lambda01)).toBeLessThan(
      1e-12,
    );
  });
});
