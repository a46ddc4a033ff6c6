import { planar, xor } from '@backprop/data';
import { Matrix, Rng } from '@backprop/linalg';
import { getOptimizer } from '@backprop/optim';
import { describe, expect, it } from 'vitest';
import {
  dense,
  dropout,
  type EpochLogs,
  earlyStopping,
  fit,
  fitAsync,
  progress,
  sequential,
  type TrainContext,
  TrainingDivergedError,
} from '../src/index';

const small = () =>
  sequential(
    2,
    [dense({ units: 4, activation: 'tanh' }), dense({ units: 1, activation: 'sigmoid' })],
    { seed: 1 },
  );
const { X, Y } = planar(120, new Rng(2));

describe('earlyStopping', () => {
  it('stops at the right epoch on a crafted validation curve and restores the best weights', () => {
    // valLoss per epoch: best at epoch 3 (0.5), then no improvement for `patience` = 2 epochs → stop after epoch 5.
    const curve = [0.9, 0.7, 0.5, 0.6, 0.55, 0.4];
    const model = small();
    const stopper = earlyStopping({ monitor: 'valLoss', patience: 2 });
    let stopReason: string | null = null;
    const ctx: TrainContext = {
      model,
      epochs: curve.length,
      batches: 1,
      data: { X, Y },
      workspace: null,
      batchTargets: null,
      stop: (r) => (stopReason ??= r ?? 'callback'),
    };
    stopper.onTrainBegin!(ctx);
    const weightsAt: number[][] = [];
    let epoch = 0;
    for (const valLoss of curve) {
      epoch++;
      model.params()[0]!.value.data.fill(epoch); // stand-in for training: weights "= epoch number"
      weightsAt.push(Array.from(model.params()[0]!.value.data));
      stopper.onEpochEnd!(
        { epoch, loss: 1, valLoss, seconds: 0, learningRate: 0 } as EpochLogs,
        ctx,
      );
      if (stopReason) break;
    }
    expect([epoch, stopReason, stopper.bestEpoch]).toEqual([5, 'earlyStopping', 3]);
    const history = {
      epochs: [],
      stopReason: 'earlyStopping' as const,
      restoredEpoch: undefined as number | undefined,
    };
    stopper.onTrainEnd!(history, ctx);
    expect(history.restoredEpoch).toBe(3);
    expect(Array.from(model.params()[0]!.value.data)).toEqual(weightsAt[2]);
  });

  it('in fit: stops, records why, and ends with the best epoch’s weights', () => {
    const model = small();
    // Validation on flipped labels: the better the model fits the training data, the worse this gets.
    const flipped = new Matrix(
      Y.rows,
      1,
      Y.data.map((v) => 1 - v),
    );
    const history = fit(model, X, Y, {
      optimizer: { name: 'sgd', config: { learningRate: 0.5 } },
      batchSize: 'full',
      epochs: 200,
      validationData: { X, Y: flipped },
      callbacks: [earlyStopping({ patience: 3 })],
    });
    expect(history.stopReason).toBe('earlyStopping');
    expect(history.epochs.length).toBeLessThan(200);
    const losses = history.epochs.map((e) => e.valLoss!);
    expect(history.restoredEpoch).toBe(losses.indexOf(Math.min(...losses)) + 1);
  });

  it('names a figure that is not logged', () => {
    expect(() =>
      fit(small(), X, Y, { epochs: 1, callbacks: [earlyStopping({ monitor: 'valLoss' })] }),
    ).toThrow(/'valLoss' is not logged \(give validationData or validationSplit\)/);
  });
});

describe('fit', () => {
  it('records loss and accuracy per epoch, for training and a validation split', () => {
    const history = fit(small(), X, Y, { epochs: 3, batchSize: 16, validationSplit: 0.25 });
    expect(history.epochs.map((e) => e.epoch)).toEqual([1, 2, 3]);
    for (const e of history.epochs) {
      expect(Object.keys(e).sort()).toEqual([
        'accuracy',
        'epoch',
        'learningRate',
        'loss',
        'seconds',
        'valAccuracy',
        'valLoss',
      ]);
    }
    expect(history.stopReason).toBe('completed');
  });

  it('calls back in order, and stops cleanly after the current batch when the signal aborts', () => {
    const events: string[] = [];
    const signal = { aborted: false };
    const history = fit(small(), X, Y, {
      epochs: 5,
      batchSize: 30,
      signal,
      callbacks: [
        {
          onTrainBegin: () => events.push('begin'),
          onEpochBegin: (e) => events.push(`epoch${e}`),
          onBatchEnd: (l) => {
            events.push(`batch${l.batch}`);
            if (l.epoch === 2 && l.batch === 1) signal.aborted = true;
          },
          onEpochEnd: (l) => events.push(`end${l.epoch}`),
          onTrainEnd: (h) => events.push(`done:${h.stopReason}`),
        },
      ],
    });
    expect(events).toEqual([
      'begin',
      'epoch1',
      'batch0',
      'batch1',
      'batch2',
      'batch3',
      'end1',
      'epoch2',
      'batch0',
      'batch1',
      'end2',
      'done:aborted',
    ]);
    expect(history.epochs).toHaveLength(2);
  });

  it('a diverging run stops with an error naming the epoch, batch and where the first NaN/Infinity is', () => {
    const { X: x, Y: y } = xor();
    const catchError = (f: () => void) => {
      try {
        f();
      } catch (e) {
        return e as TrainingDivergedError;
      }
      throw new Error('expected fit to throw');
    };
    // A linear network with a step far too large for inputs of size 1e3: the loss overflows first.
    const model = sequential(
      2,
      [dense({ units: 4, activation: 'linear' }), dense({ units: 1, activation: 'linear' })],
      { seed: 0 },
    );
    const big = new Matrix(
      4,
      2,
      x.data.map((v) => v * 1e3),
    );
    const target = new Matrix(
      4,
      1,
      y.data.map((v) => v * 1e3),
    );
    const options = {
      loss: 'meanSquaredError',
      optimizer: { name: 'sgd', config: { learningRate: 10 } },
      batchSize: 'full',
      epochs: 50,
    } as const;
    // By default the explosion is caught as soon as the weights pass 1e10, before anything overflows.
    const e = catchError(() => fit(model.clone(), big, target, options));
    expect(e).toBeInstanceOf(TrainingDivergedError);
    expect(e.message).toMatch(
      /^fit: epoch 2, batch 1: layer 0 \(dense 2→4 linear\): its weights reach \d\.\d\de\+\d+ \(beyond 1\.00e\+10\); the training exploded — lower the learning rate/,
    );
    expect([e.epoch, e.batch, e.layer]).toEqual([2, 0, 0]);
    // With the growth checks off, the overflow itself is still an error.
    const overflow = catchError(() => fit(model, big, target, { ...options, divergence: false }));
    expect(overflow.message).toBe(
      "fit: epoch 4, batch 1: the loss is Infinity although every layer's values are finite (the loss or penalty overflowed) — lower the learning rate, scale the inputs, or clip gradients (clipNorm)",
    );
    // A NaN planted in the second layer's weights is named.
    const poisoned = small();
    poisoned.denseLayers[1]!.W.data[2] = Number.NaN;
    const e2 = catchError(() => fit(poisoned, X, Y, { epochs: 2, batchSize: 40 }));
    expect(e2.message).toBe(
      'fit: epoch 1, batch 1: the output is not finite; the first NaN/Infinity is in layer 1 (dense 4→1 sigmoid) weights — lower the learning rate, scale the inputs, or clip gradients (clipNorm)',
    );
    expect([e2.epoch, e2.batch, e2.layer]).toEqual([1, 0, 1]);
  });

  it('a progress callback reports epochs with an ETA', () => {
    const events: { phase: string; epoch: number; eta: number }[] = [];
    fit(small(), X, Y, {
      epochs: 3,
      batchSize: 10,
      callbacks: [progress((p) => events.push(p), { intervalMs: 0 })],
    });
    const ends = events.filter((e) => e.phase === 'epoch');
    expect(ends.map((e) => e.epoch)).toEqual([1, 2, 3]);
    expect(ends.at(-1)!.eta).toBe(0);
    expect(events.some((e) => e.phase === 'batch')).toBe(true);
  });

  it('dropout trains (and is deterministic); lbfgs refuses it', () => {
    const net = () =>
      sequential(
        2,
        [
          dense({ units: 16, activation: 'relu' }),
          dropout(0.3),
          dense({ units: 1, activation: 'sigmoid' }),
        ],
        { seed: 2 },
      );
    const a = net();
    const b = net();
    fit(a, X, Y, { epochs: 5, seed: 4 });
    fit(b, X, Y, { epochs: 5, seed: 4 });
    expect(a.params().map((p) => Array.from(p.value.data))).toEqual(
      b.params().map((p) => Array.from(p.value.data)),
    );
    expect(() => fit(net(), X, Y, { optimizer: 'lbfgs' })).toThrow(
      /lbfgs needs a deterministic objective; remove dropout/,
    );
  });

  it('an optimizer object keeps its state across fit calls (resume)', () => {
    const model = small();
    const adamLike = { name: 'adam', config: { learningRate: 0.01 } } as const;
    const straight = small();
    fit(straight, X, Y, { optimizer: adamLike, epochs: 4, batchSize: 'full' });
    const optimizer = getOptimizer(adamLike);
    fit(model, X, Y, { optimizer, epochs: 2, batchSize: 'full' });
    fit(model, X, Y, { optimizer, epochs: 2, batchSize: 'full' });
    expect(model.params().map((p) => Array.from(p.value.data))).toEqual(
      straight.params().map((p) => Array.from(p.value.data)),
    );
  });
});

describe('fitAsync', () => {
  it('gives exactly the weights of fit, and lets timers run during training', async () => {
    const a = small();
    const b = small();
    fit(a, X, Y, { epochs: 30, batchSize: 4, seed: 2 });
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    await fitAsync(b, X, Y, { epochs: 30, batchSize: 4, seed: 2, yieldMs: 0 });
    clearInterval(timer);
    expect(b.params().map((p) => Array.from(p.value.data))).toEqual(
      a.params().map((p) => Array.from(p.value.data)),
    );
    expect(ticks).toBeGreaterThan(0);
  });

  it('stops after the current batch when a signal handler aborts during training', async () => {
    const signal = { aborted: false };
    setTimeout(() => {
      signal.aborted = true;
    }, 5);
    const history = await fitAsync(small(), X, Y, {
      epochs: 100_000,
      batchSize: 1,
      signal,
      yieldMs: 1,
    });
    expect(history.stopReason).toBe('aborted');
    expect(history.epochs.length).toBeLessThan(100_000);
  });
});

describe('one training loop for every strategy', () => {
  const order = (optimizer: 'adam' | 'lbfgs', batchSize: 'full' | number) => {
    const events: string[] = [];
    fit(small(), X, Y, {
      optimizer,
      batchSize,
      epochs: 2,
      callbacks: [
        {
          onTrainBegin: () => events.push('trainBegin'),
          onEpochBegin: (e) => events.push(`epochBegin ${e}`),
          onBatchEnd: (l) => events.push(`batch ${l.epoch}.${l.batch}`),
          onEpochEnd: (l) => events.push(`epochEnd ${l.epoch}`),
          onTrainEnd: () => events.push('trainEnd'),
        },
      ],
    });
    return events;
  };

  it('callbacks fire in the same order for mini-batches and L-BFGS (epoch begins before its step)', () => {
    const expected = [
      'trainBegin',
      'epochBegin 1',
      'batch 1.0',
      'epochEnd 1',
      'epochBegin 2',
      'batch 2.0',
      'epochEnd 2',
      'trainEnd',
    ];
    expect(order('adam', 'full')).toEqual(expected);
    expect(order('lbfgs', 'full')).toEqual(expected);
  });

  it('L-BFGS with epochs: 0 leaves the weights as they are (it used to take a step)', () => {
    const model = small();
    const before = model.params().map((p) => Array.from(p.value.data));
    const history = fit(model, X, Y, { optimizer: 'lbfgs', epochs: 0 });
    expect(history.epochs).toEqual([]);
    expect(model.params().map((p) => Array.from(p.value.data))).toEqual(before);
  });

  it('fitAsync gives L-BFGS the same numbers as fit', async () => {
    const a = small();
    const b = small();
    fit(a, X, Y, { optimizer: 'lbfgs', epochs: 5 });
    await fitAsync(b, X, Y, { optimizer: 'lbfgs', epochs: 5, yieldMs: 0 });
    expect(b.params().map((p) => Array.from(p.value.data))).toEqual(
      a.params().map((p) => Array.from(p.value.data)),
    );
  });

  it('a strategy of your own plugs into the same loop', () => {
    const model = small();
    const seen: number[] = [];
    const history = fit(model, X, Y, {
      epochs: 3,
      strategy: (run) => ({
        steps: 1,
        finished: () => null,
        *epoch(epoch) {
          seen.push(epoch);
          yield;
          return { loss: 1 / epoch, correct: 0, seen: run.X.rows, workspace: null };
        },
      }),
    });
    expect(seen).toEqual([1, 2, 3]);
    expect(history.epochs.map((e) => e.loss)).toEqual([1, 0.5, 1 / 3]);
  });
});
