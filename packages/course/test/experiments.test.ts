import { readFileSync } from 'node:fs';
import { planar } from '@backprop/data';
import { loadFashionMnist, loadMnist } from '@backprop/data/node';
import { type Matrix, NumpyRandomState, sliceRows } from '@backprop/linalg';
import { describe, expect, it } from 'vitest';
import {
  allInside,
  type CourseData,
  type ExperimentResult,
  experiments,
  getExperiment,
} from '../src/index';

// The thesis's and the slides' own code run with numpy (test/fixtures/replays.py).
const replays = JSON.parse(
  readFileSync(new URL('./fixtures/replays.json', import.meta.url), 'utf8'),
);

const run = (id: string, options = {}) => getExperiment(id).run(options);
const byName = (r: ExperimentResult, start: string) =>
  r.metrics.find((m) => m.name.startsWith(start))!;
const relative = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe('the registry', () => {
  it('lists every experiment once, and an unknown id is an error with the valid ones', () => {
    const ids = experiments.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(
      expect.arrayContaining([
        'coursera-cost',
        'regression-icecream',
        'xor-gd',
        'xor-sgd',
        'lecture-222',
        'zero-init',
        'planar',
        'moons-relu8',
        'moons-sigmoid10',
        'moons-overfit',
        'mnist-keras',
      ]),
    );
    expect(() => getExperiment('xor-dg')).toThrow(
      /unknown experiment 'xor-dg' \(did you mean 'xor-gd'\?\)/,
    );
  });
});

describe('regression-icecream: the thesis regression, replayed', () => {
  it("ends where numpy's replay of the thesis's code ends (1e-12), and its minimum is the document's", async () => {
    const r = await run('regression-icecream');
    expect(allInside(r)).toBe(true);
    const last = byName(r, 'Σ (out − y)² printed at epoch 1500');
    // Same operations in the same order, but numpy's matrix products may sum in another order:
    // 1e-12 relative after 1500 epochs (the first digits that could move are the 13th).
    expect(relative(last.ours, replays.regression.last_error)).toBeLessThan(1e-12);
    const [b, w] = replays.regression.final_weights;
    expect(relative(byName(r, 'b after').ours, b)).toBeLessThan(1e-12);
    expect(relative(byName(r, 'w after').ours, w)).toBeLessThan(1e-12);
    const curve = (r.plots[0] as { series: { y: number[] }[] }).series[0]!.y;
    replays.regression.errors_every_100.slice(0, -1).forEach((v: number, k: number) => {
      expect(relative(curve[k * 100]!, v)).toBeLessThan(1e-12);
    });
    expect(r.plots.map((p) => p.kind)).toEqual(['curves', 'curves', 'surface']);
  });

  it('a shortened run says so: its band does not apply', async () => {
    const r = await run('regression-icecream', { epochs: 10 });
    expect(r.shortened).toBe(true);
    expect(byName(r, 'Σ (out − y)² printed at epoch 10').verdict).toBe('shortened');
    expect(byName(r, 'minimum').verdict).toBe('inside');
  });
});

describe('XOR, the thesis code', () => {
  it("gradient descent: every 100th epoch's error is numpy's (1e-9), and ≈ 0 after 1000 epochs", async () => {
    const r = await run('xor-gd');
    expect(allInside(r)).toBe(true);
    const curve = (r.plots[0] as { series: { y: number[] }[] }).series[0]!.y;
    // 1e-9: V8's Math.exp and glibc's exp differ in the last bit now and then.
    replays.xor_gd.losses_every_100.forEach((v: number, k: number) => {
      expect(relative(curve[k * 100]!, v)).toBeLessThan(1e-9);
    });
  });

  it('SGD as printed (only the last row updates): numpy’s errors; as intended: settles', async () => {
    const printed = await run('xor-sgd');
    expect(allInside(printed)).toBe(true);
    const curve = (printed.plots[0] as { series: { y: number[] }[] }).series[0]!.y;
    replays.xor_sgd.errors_every_100.forEach((v: number, k: number) => {
      expect(relative(curve[k * 100]!, v)).toBeLessThan(1e-9);
    });
    expect(printed.notes[0]).toMatch(/outside the per-sample loop/);
    const intended = await run('xor-sgd', { asIntended: true });
    expect(intended.metrics[0]!.verdict).toBe('inside');
  });
});

describe('the lecture notes', () => {
  it("2-2-2: the notes' −0.042 / 0.027 and the chain rule's −0.05 / 0.072", async () => {
    const r = await run('lecture-222');
    expect(allInside(r)).toBe(true);
    expect(r.notes[0]).toMatch(/g′ at the target/);
  });

  it('zero init: hidden units identical to the bit; ε-init: different', async () => {
    const r = await run('zero-init');
    expect(byName(r, 'largest difference between hidden units, zero init').ours).toBe(0);
    expect(allInside(r)).toBe(true);
    expect(byName(r, 'XOR accuracy, zero init').ours).toBe(0.5);
    expect(byName(r, 'XOR accuracy, ε-init').ours).toBe(1);
  });
});

describe('planar (the slides)', () => {
  it("np.random.seed(1) gives the course's very data set (to the last bits of sin and cos)", () => {
    const { X } = planar(400, new NumpyRandomState(1));
    const theirs: number[] = replays.planar.X;
    let worst = 0;
    X.data.forEach((v, i) => {
      worst = Math.max(worst, Math.abs(v - theirs[i]!));
    });
    // 1e-12: Math.sin/cos against glibc's, and numpy's linspace, agree to a few ulp of values ≤ 4.
    expect(worst).toBeLessThan(1e-12);
  });

  it("logistic regression 47% and 4 tanh units 90.5%, the course's numbers", async () => {
    const r = await run('planar');
    expect(byName(r, 'logistic regression').ours).toBe(0.47);
    expect(byName(r, '4 tanh units').ours).toBe(0.905);
    expect(allInside(r)).toBe(true);
    expect(r.plots.map((p) => p.kind)).toEqual(['boundary', 'boundary']);
    // 3 s alone; over a minute once on a loaded 2-core machine (a fresh clone's full suite).
  }, 300_000);
});

describe('moons (reduced here; pnpm reproduce:all runs the full settings)', () => {
  it.each(['moons-relu8', 'moons-sigmoid10', 'moons-overfit'])(
    '%s over 2 seeds and 200 epochs: figures, and "shortened"',
    async (id) => {
      const r = await run(id, { seeds: 2, epochs: 200 });
      expect(r.shortened).toBe(true);
      const accuracy = r.metrics[0]!;
      expect(accuracy.verdict).toBe('shortened');
      expect(accuracy.ours).toBeGreaterThan(0.6);
      expect(accuracy.ours).toBeLessThanOrEqual(1);
      expect(r.notes[0]).toMatch(/of the 2 seeds reach 93.60%/);
      const boundary = r.plots[0] as {
        kind: string;
        grid: { classes: Uint8Array; cols: number; rows: number };
      };
      expect(boundary.kind).toBe('boundary');
      expect(boundary.grid.classes.length).toBe(boundary.grid.cols * boundary.grid.rows);
    },
    // Seconds alone (moons-overfit's 100-70-50 net ~5 s); much longer on a loaded machine.
    300_000,
  );
});

describe('mnist-keras (reduced here; pnpm reproduce:all runs the 50 epochs on all of MNIST)', () => {
  const first = (set: { X: Matrix; y: Int32Array }, n: number) => ({
    X: sliceRows(set.X, 0, n),
    y: set.y.slice(0, n),
  });

  it('trains the thesis network on MNIST and reports train, validation and test accuracy', async () => {
    const [train, test] = await Promise.all([
      loadMnist({ split: 'train' }),
      loadMnist({ split: 'test' }),
    ]);
    const progress: number[] = [];
    const r = await run('mnist-keras', {
      epochs: 3,
      data: { mnist: { train: first(train, 3000), test: first(test, 1000) } },
      onProgress: (done: number) => progress.push(done),
    });
    expect(r.shortened).toBe(true);
    expect(progress).toEqual([1, 2, 3]);
    expect(r.settings).toMatchObject({ trainRows: 2700, validationRows: 300, testRows: 1000 });
    expect(r.metrics.map((m) => m.verdict)).toEqual(['shortened', 'shortened', 'shortened']);
    expect(r.metrics.map((m) => m.document)).toEqual([0.98, 0.96, 0.95]);
    // 2700 images, 3 epochs: far from the full run, but a working network is well past chance.
    for (const m of r.metrics) expect(m.ours).toBeGreaterThan(0.75);
    const series = (r.plots[0] as { series: { y: number[] }[] }).series;
    expect(series.map((s) => s.y.length)).toEqual([3, 3]);
  }, 300_000);

  it('without the MNIST sets it says how to give them', async () => {
    await expect(run('mnist-keras')).rejects.toThrow(/needs the MNIST training and test sets/);
  });
});

describe('fashion-csv (reduced here; pnpm reproduce:all runs 200 full-batch epochs on 60000 images)', () => {
  const first = (set: { X: Matrix; y: Int32Array }, n: number) => ({
    X: sliceRows(set.X, 0, n),
    y: set.y.slice(0, n),
  });
  // Read once for the whole block: parsing the package's JSON (70000 images) is most of this
  // block's time — seconds here, a minute on a loaded CI machine, hence the long timeouts.
  let loaded: Promise<NonNullable<CourseData['fashion']>> | undefined;
  const small = () => {
    loaded ??= read();
    return loaded;
  };
  const read = async () => {
    const [train, test] = await Promise.all([
      loadFashionMnist({ split: 'train' }),
      loadFashionMnist({ split: 'test' }),
    ]);
    return { train: first(train, 2000), test: first(test, 500), source: 'the first 2000 / 500' };
  };

  it("the document's 20-epoch figure: loss above 2.2 and accuracy below 50% (its Adam, full batch)", async () => {
    const fashion = await small();
    const r = await run('fashion-csv', { epochs: 20, data: { fashion } });
    expect(r.shortened).toBe(false);
    const loss = byName(r, 'training loss at epoch 20');
    expect(loss.verdict).toBe('inside');
    expect(byName(r, 'training accuracy at epoch 20').verdict).toBe('inside');
    // The first epoch's loss is that of the untrained softmax over 10 classes: near ln 10.
    const curve = (r.plots[0] as { series: { y: number[] }[] }).series[0]!.y;
    expect(curve).toHaveLength(20);
    expect(Math.abs(curve[0]! - Math.log(10))).toBeLessThan(0.3);
    const confusion = r.plots[2] as { kind: string; counts: number[][] };
    expect(confusion.kind).toBe('confusion');
    expect(confusion.counts.flat().reduce((a, b) => a + b, 0)).toBe(500);
  }, 300_000);

  it("--as-intended (textbook Adam) moves little: Adam divides by the gradient's own scale", async () => {
    const fashion = await small();
    const [quirky, textbook] = await Promise.all([
      run('fashion-csv', { epochs: 20, data: { fashion } }),
      run('fashion-csv', { epochs: 20, data: { fashion }, asIntended: true }),
    ]);
    const at = (r: ExperimentResult) => byName(r, 'training loss at epoch 20').ours;
    expect(at(quirky)).not.toBe(at(textbook));
    expect(Math.abs(at(quirky) - at(textbook))).toBeLessThan(0.05);
  }, 300_000);

  it('without the data it says where to get it', async () => {
    await expect(run('fashion-csv')).rejects.toThrow(/needs Fashion-MNIST/);
  });
});
