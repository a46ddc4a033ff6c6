import { fromArray, Matrix, norm, Rng } from '@backprop/linalg';
import { expectClose } from '@backprop/linalg/testing';
import { describe, expect, it } from 'vitest';
import {
  BatchPlan,
  batches,
  clipGradients,
  constantSchedule,
  cosineDecay,
  exponentialDecay,
  getSchedule,
  sgd,
  stepDecay,
} from '../src/index';

describe('batches', () => {
  const all = (m: number, batchSize: 'full' | number, seed?: number) =>
    [
      ...batches(m, {
        batchSize,
        shuffle: seed !== undefined,
        rng: seed === undefined ? undefined : new Rng(seed),
      }),
    ].map((b) => Array.from(b));

  it('covers every index exactly once per epoch and keeps the last partial batch', () => {
    for (const [m, size] of [
      [10, 3],
      [10, 'full'],
      [10, 1],
      [7, 7],
      [7, 100],
      [0, 4],
    ] as const) {
      const epoch = all(m, size, 1);
      expect(epoch.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: m }, (_, i) => i));
      const expectedSize = size === 'full' ? m : Math.min(size, m);
      for (const b of epoch.slice(0, -1)) expect(b).toHaveLength(expectedSize);
    }
    expect(all(10, 3).map((b) => b.length)).toEqual([3, 3, 3, 1]);
    expect(all(10, 'full')).toEqual([[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]]);
  });

  it('same seed → same order; different seed → different order; no shuffle → 0..m−1', () => {
    expect(all(50, 8, 3)).toEqual(all(50, 8, 3));
    expect(all(50, 8, 3)).not.toEqual(all(50, 8, 4));
    expect(all(5, 2)).toEqual([[0, 1], [2, 3], [4]]);
  });

  it('BatchPlan reshuffles in place each epoch without allocating new orders', () => {
    const plan = new BatchPlan(6, { batchSize: 4, shuffle: true, rng: new Rng(9) });
    const order = plan.order;
    plan.nextEpoch();
    const first = Array.from(order);
    plan.nextEpoch();
    expect(plan.order).toBe(order);
    expect(Array.from(order)).not.toEqual(first);
    expect([plan.count, plan.start(1), plan.end(1), plan.batch(1).length]).toEqual([2, 4, 6, 2]);
  });

  it('rejects bad sizes and a shuffle without an rng', () => {
    expect(() => new BatchPlan(10, { batchSize: 0 })).toThrow(
      /^batches: batchSize must be 'full' or an integer >= 1, got 0$/,
    );
    expect(() => new BatchPlan(10, { batchSize: 2.5 })).toThrow(/batchSize/);
    expect(() => new BatchPlan(10, { batchSize: 2, shuffle: true })).toThrow(
      /shuffle needs an rng/,
    );
    expect(() => new BatchPlan(3, { batchSize: 2 }).batch(2)).toThrow(
      /batch 2 does not exist \(there are 2\)/,
    );
  });
});

describe('learning-rate schedules', () => {
  it('follow their formulas', () => {
    expect([0, 5, 1000].map(constantSchedule({ initial: 0.3 }).at)).toEqual([0.3, 0.3, 0.3]);
    // η₀ · factor^⌊t / every⌋ with η₀ = 1, factor 0.5, every 10
    expect([0, 9, 10, 25].map(stepDecay({ initial: 1, factor: 0.5, every: 10 }).at)).toEqual([
      1, 1, 0.5, 0.25,
    ]);
    // η₀ · rate^(t / steps): at t = 50 with rate 0.25, steps 100 → 0.5
    expectClose(exponentialDecay({ initial: 1, rate: 0.25, steps: 100 }).at(50), 0.5, {
      rtol: 1e-15,
    });
    // min + ½(η₀ − min)(1 + cos(πt/T)): t = 0 → η₀, t = T/2 → midpoint, t ≥ T → min
    const cos = cosineDecay({ initial: 1, steps: 100, min: 0.2 });
    expectClose([cos.at(0), cos.at(50), cos.at(100), cos.at(500)], [1, 0.6, 0.2, 0.2], {
      atol: 1e-15,
    });
    expect(() => cosineDecay({ initial: 0.1, min: 0.2 })).toThrow(
      /min \(0.2\) must not exceed initial \(0.1\)/,
    );
  });

  it('drive any optimizer: the step uses the schedule at the current iteration', () => {
    const opt = sgd({ learningRate: stepDecay({ initial: 1, factor: 0.1, every: 1 }) });
    const p = fromArray([[0]]);
    const g = fromArray([[1]]);
    const seen: number[] = [];
    for (let i = 0; i < 3; i++) {
      seen.push(opt.learningRate);
      opt.step([p], [g]);
    }
    expectClose(seen, [1, 0.1, 0.01], { rtol: 1e-15 });
    expectClose(p.data[0]!, -1.11, { rtol: 1e-15 });
    expect(getSchedule('cosineDecay').toConfig()).toEqual({
      name: 'cosineDecay',
      config: { initial: 0.01, steps: 1000, min: 0 },
    });
  });
});

describe('gradient clipping', () => {
  it('rescales by the global norm, keeping the direction', () => {
    const grads = [fromArray([[3, 0]]), fromArray([[0], [4]])]; // global norm 5
    expect(clipGradients(grads, { norm: 1 })).toBe(5);
    expectClose(grads[0]!, [[0.6, 0]], { atol: 1e-15 });
    expectClose(grads[1]!, [[0], [0.8]], { atol: 1e-15 });
    const small = [fromArray([[0.1, 0.2]])];
    clipGradients(small, { norm: 1 });
    expect(Array.from(small[0]!.data)).toEqual([0.1, 0.2]);
  });

  it('clips by value, and optimizers clip before stepping when configured', () => {
    const g = [fromArray([[-5, 0.5, 7]])];
    clipGradients(g, { value: 1 });
    expect(Array.from(g[0]!.data)).toEqual([-1, 0.5, 1]);
    const p = new Matrix(1, 2);
    sgd({ learningRate: 1, clipNorm: 1 }).step([p], [fromArray([[30, 40]])]);
    expectClose(p, [[-0.6, -0.8]], { atol: 1e-15 });
    expect(norm(p)).toBeCloseTo(1, 15);
  });
});
