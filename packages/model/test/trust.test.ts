import { sigmoid } from '@backprop/activations';
import { moons, planar } from '@backprop/data';
import { encodeFloat64, fromArray, Matrix, Rng, randn } from '@backprop/linalg';
import { getOptimizer } from '@backprop/optim';
import { describe, expect, it } from 'vitest';
import { canonicalCrc32 } from '../src/checksum';
import {
  dense,
  dropout,
  earlyStopping,
  evaluate,
  fit,
  forward,
  gradientCheck,
  LIMITS,
  load,
  ModelFormatError,
  NonFiniteError,
  predict,
  save,
  sequential,
  TrainingDivergedError,
} from '../src/index';

/** The error `f` throws (fails the test when it throws nothing). */
function thrown(f: () => unknown): Error & Record<string, unknown> {
  try {
    f();
  } catch (e) {
    return e as Error & Record<string, unknown>;
  }
  throw new Error('expected an error');
}

const moonsSet = () => {
  const { X, y } = moons(500, 0.2, new Rng(0));
  return { X, Y: new Matrix(500, 1, Float64Array.from(y)) };
};
const moonsNet = () =>
  sequential(2, [
    dense({ units: 8, activation: 'relu' }),
    dense({ units: 1, activation: 'sigmoid' }),
  ]);

describe('cross-entropy is reported from the logits, not from clamped probabilities', () => {
  it('softmax logits [0, 100] with y = [1, 0] cost 100 (the clamp used to report 34.54)', () => {
    const model = sequential(1, [dense({ units: 2, activation: 'softmax' })]);
    model.denseLayers[0]!.W.data.set([0, 100]);
    expect(evaluate(model, fromArray([[1]]), fromArray([[1, 0]])).loss).toBe(100);
  });

  it('sigmoid logit 200 with y = 0 costs 200', () => {
    const model = sequential(1, [dense({ units: 1, activation: 'sigmoid' })]);
    model.denseLayers[0]!.W.data[0] = 200;
    expect(evaluate(model, fromArray([[1]]), fromArray([[0]])).loss).toBe(200);
  });
});

describe('divergence is an error naming where, never a finished run', () => {
  it('adam with learning rate 1e6 on moons', () => {
    const { X, Y } = moonsSet();
    const e = thrown(() =>
      fit(moonsNet(), X, Y, {
        optimizer: { name: 'adam', config: { learningRate: 1e6 } },
        epochs: 20,
      }),
    );
    expect(e).toBeInstanceOf(TrainingDivergedError);
    expect(e.epoch).toBe(1);
    expect(e.message).toMatch(
      /^fit: epoch 1, batch \d+: layer \d \(dense .*\): its (weights|pre-activations Z) reach .* the training exploded/,
    );
  });

  it('inputs of 1e300', () => {
    const { X, Y } = moonsSet();
    const huge = new Matrix(
      X.rows,
      2,
      X.data.map((v) => v * 1e300),
    );
    const e = thrown(() => fit(moonsNet(), huge, Y, { epochs: 5 }));
    expect(e).toBeInstanceOf(TrainingDivergedError);
    expect(e.message).toMatch(
      /^fit: epoch 1, batch 1: layer 0 \(dense 2→8 relu\): its pre-activations Z reach .*e\+300 .* the inputs reach .*e\+300: scale them/,
    );
  });

  it('a loss that grows tenfold over the first batch', () => {
    const { X, Y } = moonsSet();
    const e = thrown(() =>
      fit(moonsNet(), X, Y, {
        optimizer: { name: 'adam', config: { learningRate: 10 } },
        epochs: 20,
      }),
    );
    expect(e.message).toMatch(
      /^fit: epoch \d+: the loss grew to [\d.e+]+, more than 10x 0\.\d+, the loss (before training|of always predicting the targets' mean)/,
    );
  });

  it('a model that already fits well, trained one fit call per epoch on small batches, is not "diverged"', () => {
    // One epoch per call (the course's loops, the playground): each call's baseline used to be
    // its first batch, and a batch of easy rows (loss ~0.005) in an epoch averaging ~0.1 read as
    // a tenfold growth. The baseline is now the loss before training on (up to 1024) spread rows.
    const { X, Y } = moonsSet();
    const model = moonsNet();
    const optimizer = getOptimizer({ name: 'adam', config: { learningRate: 0.03 } });
    for (let epoch = 1; epoch <= 150; epoch++)
      fit(model, X, Y, { optimizer, epochs: 1, batchSize: 8, seed: epoch });
    expect(evaluate(model, X, Y).accuracy).toBeGreaterThan(0.95);
  });

  it('a loss summed over the rows is measured against a baseline of as many rows (full batch and mini-batches)', () => {
    // 12 000 rows: the baseline is measured on 1000 of them. Summed over the rows, an epoch's
    // loss is ~12x that sample's sum on a full batch (the false "diverged" this guards against).
    const { X, Y } = moons(12_000, 0.2, new Rng(4));
    const sum = { name: 'binaryCrossEntropy', config: { reduction: 'sum' } } as const;
    for (const batchSize of ['full', 5000] as const) {
      const history = fit(moonsNet(), X, Y, {
        loss: sum,
        optimizer: { name: 'adam', config: { learningRate: 1e-3 } },
        batchSize,
        epochs: 2,
      });
      expect(history.stopReason).toBe('completed');
    }
    // A real explosion under a summed loss is still caught.
    const e = thrown(() =>
      fit(moonsNet(), X, Y, {
        loss: sum,
        optimizer: { name: 'sgd', config: { learningRate: 1 } },
        batchSize: 'full',
        epochs: 5,
      }),
    );
    expect(e).toBeInstanceOf(TrainingDivergedError);
  });

  it('a healthy run is not disturbed, and the thresholds are options', () => {
    const { X, Y } = moonsSet();
    const history = fit(moonsNet(), X, Y, {
      optimizer: { name: 'adam', config: { learningRate: 0.01 } },
      epochs: 10,
    });
    expect(history.stopReason).toBe('completed');
    expect(() => fit(moonsNet(), X, Y, { divergence: { lossFactor: 1 } })).toThrow(
      /^fit: divergence.lossFactor must be > 1, got 1$/,
    );
    expect(() => fit(moonsNet(), X, Y, { divergence: { factor: 3 } as never })).toThrow(
      /unknown option 'factor'/,
    );
  });
});

describe('saved models with non-finite weights are refused, and predictions are never NaN', () => {
  const resigned = (edit: (d: Record<string, unknown>) => void) => {
    const d = JSON.parse(JSON.stringify(save(moonsNet())));
    edit(d);
    const { checksum: _, ...body } = d;
    return JSON.stringify({ ...body, checksum: `crc32:${canonicalCrc32(body)}` });
  };

  it('load names the tensor and the entry, even when the checksum matches', () => {
    const doc = resigned((d) => {
      const model = moonsNet();
      model.denseLayers[1]!.W.data[5] = Number.NaN;
      (d.layers as unknown[])[1] = save(model).layers[1];
    });
    const e = thrown(() => load(doc));
    expect(e).toBeInstanceOf(ModelFormatError);
    expect(e.path).toBe('layers[1].tensors.W.float64');
    expect(e.message).toBe(
      'model document: layers[1].tensors.W.float64: entry (5, 0) is NaN; a model with non-finite weights cannot predict (it was saved after diverging, or the file was edited)',
    );
  });

  it('predict throws NonFiniteError naming the row, and why', () => {
    const X = fromArray([
      [0, 1],
      [Number.NaN, 1],
    ]);
    const e = thrown(() => predict(moonsNet(), X));
    expect(e).toBeInstanceOf(NonFiniteError);
    expect(e.row).toBe(1);
    expect(e.message).toBe(
      'predict: the output for row 1 is NaN: the input row itself holds NaN or Infinity',
    );
  });
});

describe('sizes are checked before anything is allocated', () => {
  it('a billion-unit layer is refused at once, with its parameter count and memory', () => {
    const before = process.memoryUsage().rss;
    const e = thrown(() =>
      sequential(2, [dense({ units: 1_000_000_000, activation: 'relu' }), dense({ units: 1 })]),
    );
    // The check is arithmetic; the allocation would be 24 GB. Memory is the measure, not time: a
    // wall-clock bound failed on a busy CI machine (835 ms against 500) with nothing allocated.
    expect(process.memoryUsage().rss - before).toBeLessThan(50e6);
    expect(e.message).toBe(
      'sequential: the model would have 4,000,000,001 parameters (32.0 GB of float64 weights, about 128 GB to train with Adam), more than the limit of 100,000,000; use fewer or smaller layers, or raise maxParameters',
    );
    expect(() => sequential(2, [dense({ units: 2 })], { maxParameters: 5 })).toThrow(
      /6 parameters .* more than the limit of 5;/,
    );
    expect(LIMITS.maxParameters).toBe(100_000_000);
  });

  it('units beyond a safe integer are an error, not "Invalid typed array length"', () => {
    expect(() => sequential(2, [dense({ units: 1e20 })])).toThrow(
      /units must be an integer >= 1, got 100000000000000000000/,
    );
  });

  it('load refuses too many layers before reading any of them', () => {
    const doc = JSON.parse(JSON.stringify(save(moonsNet())));
    doc.layers = [
      doc.layers[0],
      ...Array.from({ length: 20_000 }, () => ({ type: 'dropout', rate: 0.1 })),
      doc.layers[1],
    ];
    const text = JSON.stringify(doc);
    const started = performance.now();
    const e = thrown(() => load(text));
    expect(performance.now() - started).toBeLessThan(1000);
    expect(e.message).toBe(
      'model document: layers: holds 20002 layers, more than the limit of 10000 (load(doc, { maxLayers }) raises it)',
    );
    expect(() => load(JSON.stringify(save(moonsNet())), { maxParameters: 10 })).toThrow(
      /^model document: layers: load: the model would have 33 parameters/,
    );
  });
});

describe('options are checked as strictly as the parts are', () => {
  const { X, Y } = planar(40, new Rng(1));
  const net = () =>
    sequential(2, [
      dense({ units: 3, activation: 'tanh' }),
      dense({ units: 1, activation: 'sigmoid' }),
    ]);

  it.each<[string, () => unknown, RegExp]>([
    [
      'fit({ epoch })',
      () => fit(net(), X, Y, { epoch: 3 } as never),
      /^fit: unknown option 'epoch' \(did you mean 'epochs'\?\); valid names: loss, optimizer, epochs/,
    ],
    [
      'earlyStopping({ patince })',
      () => earlyStopping({ patince: 3 } as never),
      /^earlyStopping: unknown option 'patince' \(did you mean 'patience'\?\)/,
    ],
    [
      'earlyStopping({ monitor: "val_loss" })',
      () => earlyStopping({ monitor: 'val_loss' as never }),
      /^earlyStopping: unknown monitor 'val_loss' \(did you mean 'valLoss'\?\)/,
    ],
    [
      'gradientCheck({ epsilom })',
      () => gradientCheck(net(), X, Y, { epsilom: 1e-4 } as never),
      /^gradientCheck: unknown option 'epsilom' \(did you mean 'epsilon'\?\)/,
    ],
    [
      'fit({ callbacks: {} })',
      () => fit(net(), X, Y, { callbacks: {} as never }),
      /^fit: callbacks must be an array of callback objects/,
    ],
    [
      'fit({ callbacks: [{ onEpochEnd: 1 }] })',
      () => fit(net(), X, Y, { callbacks: [{ onEpochEnd: 1 } as never] }),
      /^fit: callbacks\[0\]\.onEpochEnd must be a function$/,
    ],
    [
      'fit on an empty dataset',
      () => fit(net(), new Matrix(0, 2), new Matrix(0, 1)),
      /^fit: X has no rows; there is nothing to train on$/,
    ],
    [
      'a validation split of zero rows',
      () => fit(net(), X, Y, { validationSplit: 0.01 }),
      /^fit: validationSplit 0.01 of 40 rows holds out 0 rows; at least 100 rows are needed/,
    ],
    [
      'forward without a workspace',
      () => forward(net(), X, undefined as never),
      /^forward: give the workspace of this model/,
    ],
    [
      'forward in training with dropout but no rng',
      () => {
        const m = sequential(2, [dense({ units: 3 }), dropout(0.5), dense({ units: 1 })]);
        return forward(m, X, { m: 40, layers: [{}, {}, {}] } as never, { training: true });
      },
      /^forward: training with dropout needs \{ rng \}/,
    ],
    [
      'a one-unit softmax',
      () => sequential(2, [dense({ units: 8 }), dense({ units: 1, activation: 'softmax' })]),
      /^layers\[1\]: dense: a softmax over 1 unit always outputs 1 \(nothing can be learned\); for two classes use 1 unit with 'sigmoid'/,
    ],
  ])('%s is a typed error', (_, f, message) => {
    const e = thrown(f);
    expect(e.name).toBe('InvalidArgumentError');
    expect(e.message).toMatch(message);
  });
});

describe('gradientCheck on a large model', () => {
  it('checks a seeded subset by default and reports progress', () => {
    const model = sequential(20, [
      dense({ units: 300, activation: 'tanh' }),
      dense({ units: 30, activation: 'softmax' }),
    ]);
    const X = randn(3, 20, new Rng(1));
    const Y = new Matrix(3, 30);
    for (let r = 0; r < 3; r++) Y.data[r * 30 + r] = 1;
    const seen: [number, number][] = [];
    const result = gradientCheck(model, X, Y, {
      onProgress: (done, total) => seen.push([done, total]),
    });
    expect(result.tensors.map((t) => [t.checked, t.entries])).toEqual([
      [200, 6000],
      [200, 300],
      [200, 9000],
      [30, 30],
    ]);
    expect(seen.at(-1)).toEqual([630, 630]);
    expect(result.maxRelativeError).toBeLessThan(1e-7);
  });
});

describe('fusion goes by declared capability, never by name', () => {
  it("a user's own activation called 'softmax' is differentiated by its own backward", () => {
    // Element-wise sigmoid under the name 'softmax': with categorical cross-entropy the fused
    // gradient A − Y would be wrong for it (the check used to fail at ~0.27).
    const impostor = { ...sigmoid, name: 'softmax', toConfig: () => ({ name: 'softmax' }) };
    delete (impostor as Record<symbol, unknown>)[Symbol.for('@backprop/fusion')];
    const model = sequential(3, [
      dense({ units: 4, activation: 'tanh' }),
      dense({ units: 3, activation: impostor }),
    ]);
    const X = randn(5, 3, new Rng(2));
    const Y = new Matrix(
      5,
      3,
      Float64Array.from({ length: 15 }, (_, i) => (i % 4 === 0 ? 1 : 0)),
    );
    const result = gradientCheck(model, X, Y, { loss: 'categoricalCrossEntropy' });
    expect(result.maxRelativeError).toBeLessThan(1e-7);
  });
});

describe('class labels are saved with the model', () => {
  it('round-trip, and are checked against the outputs', () => {
    const classes = { values: [10, 1, 2], names: ['zero', 'one', 'two'] };
    const model = sequential(2, [dense({ units: 3, activation: 'softmax' })], { classes });
    expect(load(JSON.stringify(save(model))).classes).toEqual(classes);
    expect(() => sequential(2, [dense({ units: 2, activation: 'softmax' })], { classes })).toThrow(
      /^sequential: the model's 2 outputs tell 2 classes apart but classes has 3 values and 3 names$/,
    );
    expect(() =>
      sequential(2, [dense({ units: 1, activation: 'sigmoid' })], {
        classes: { values: [1, 1], names: ['a', 'b'] },
      }),
    ).toThrow(/classes.values\[1\] repeats the value 1/);
  });

  it('version 1 documents (layer fields inline, no classes) still load, bit for bit', () => {
    const model = sequential(2, [
      dense({ units: 4, activation: 'tanh' }),
      dropout(0.3),
      dense({ units: 1, activation: 'sigmoid', useBias: false }),
    ]);
    const v2 = JSON.parse(JSON.stringify(save(model)));
    // The layout version 1 wrote: { type, units, activation, …, useBias, W, b } and { type, rate }.
    const layers = v2.layers.map(
      (l: { type: string; config: object; tensors: Record<string, unknown> }) =>
        l.type === 'dense'
          ? {
              type: 'dense',
              ...l.config,
              W: l.tensors.W,
              b: l.tensors.b ?? { shape: [1, 1], float64: encodeFloat64(Float64Array.of(0)) },
            }
          : { type: l.type, ...l.config },
    );
    const body = {
      format: 'backprop.sequential',
      version: 1,
      inputSize: 2,
      seed: 0,
      layers,
      optimizer: null,
    };
    const back = load({ ...body, checksum: `crc32:${canonicalCrc32(body)}` });
    expect(back.classes).toBeNull();
    expect(back.summary()).toBe(model.summary());
    expect(back.params().map((p) => Array.from(p.value.data))).toEqual(
      model.params().map((p) => Array.from(p.value.data)),
    );
  });
});

describe('the first NaN/Infinity is named by layer and by the operation that made it', () => {
  it('an overflowing Z = A·W + b', () => {
    const model = sequential(2, [dense({ units: 1, activation: 'sigmoid' })]);
    model.denseLayers[0]!.W.data.set([1e200, 1e200]);
    const X = fromArray([[1e200, 1e200]]);
    const e = thrown(() => fit(model, X, fromArray([[1]]), { epochs: 1, divergence: false }));
    expect(e.message).toMatch(
      /the first NaN\/Infinity is in layer 0 \(dense 2→1 sigmoid\) pre-activations Z, made by Z₁ = A₀·W₁ \+ b₁ — /,
    );
  });
});
