import { moons } from '@backprop/data';
import { astype, Matrix, Rng } from '@backprop/linalg';
import { getOptimizer } from '@backprop/optim';
import { describe, expect, it } from 'vitest';
import {
  batchNormalization,
  DenseLayer,
  dense,
  dropout,
  evaluate,
  fit,
  gradientCheck,
  load,
  loadOptimizer,
  ModelFormatError,
  predict,
  Sequential,
  save,
  sequential,
  toMatrix,
} from '../src/index';

const { X, Y } = moons(200, 0.2, new Rng(1));

const layers = () => [
  dense({ units: 12, activation: 'relu' }),
  dense({ units: 8, activation: 'tanh' }),
  dense({ units: 1, activation: 'sigmoid' }),
];
const model32 = (seed = 5) => sequential(2, layers(), { seed, dtype: 'float32' });

describe('float32 models', () => {
  it('hold float32 weights: the float64 draws of the same seed, rounded', () => {
    const m64 = sequential(2, layers(), { seed: 5 });
    const m32 = model32();
    expect(m64.dtype).toBe('float64');
    expect(m32.dtype).toBe('float32');
    m32.params().forEach((p, k) => {
      expect(p.value.data).toBeInstanceOf(Float32Array);
      expect(Array.from(p.value.data)).toEqual(
        Array.from(m64.params()[k]!.value.data, Math.fround),
      );
    });
    expect(() => sequential(2, layers(), { dtype: 'float16' as never })).toThrow(
      /^sequential: dtype must be 'float64' or 'float32', got 'float16'$/,
    );
  });

  it("train in float32 end to end and reach the float64 run's accuracy", () => {
    const run = (dtype: 'float64' | 'float32') => {
      const model = sequential(2, layers(), { seed: 5, dtype });
      const history = fit(model, X, Y, { optimizer: 'adam', epochs: 60, batchSize: 32, seed: 2 });
      return { model, last: history.epochs.at(-1)! };
    };
    const r64 = run('float64');
    const r32 = run('float32');
    // Buffers, gradients and optimizer slots all stayed float32 (a mixed op would have thrown).
    expect(r32.model.params().every((p) => p.value.data instanceof Float32Array)).toBe(true);
    expect(r32.model.gradients().every((g) => g.data instanceof Float32Array)).toBe(true);
    expect(r32.model.workspace(32).layers[0]!.output.dtype).toBe('float32');
    // 60 epochs of Adam from the same (rounded) start part by rounding only: measured 4e-8
    // relative apart in the final loss (1e-4 allowed), and not equal (float32 is not float64 in
    // disguise).
    expect(Math.abs(r32.last.loss - r64.last.loss)).toBeLessThan(1e-4 * r64.last.loss);
    expect(r32.last.loss).not.toBe(r64.last.loss);
    expect(r32.last.accuracy!).toBeGreaterThan(0.8);
    expect(Math.abs(r32.last.accuracy! - r64.last.accuracy!)).toBeLessThanOrEqual(0.02);
  });

  it('predict float64 data into a float64 matrix, within float32 rounding of the float64 model', () => {
    const m32 = model32();
    const m64 = m32.astype('float64'); // the same (float32-representable) weights, in float64
    const p32 = predict(m32, X);
    const p64 = predict(m64, X);
    expect(p32.dtype).toBe('float64');
    for (let i = 0; i < p32.data.length; i++)
      expect(Math.abs(p32.data[i]! - p64.data[i]!)).toBeLessThan(1e-5);
    expect(evaluate(m32, X, Y).accuracy).toBeCloseTo(evaluate(m64, X, Y).accuracy!, 1);
  });

  it('astype converts both ways and returns the model itself when the dtype is its own', () => {
    const m32 = model32();
    expect(m32.astype('float32')).toBe(m32);
    const back = m32.astype('float64').astype('float32');
    back.params().forEach((p, k) => {
      expect(Array.from(p.value.data)).toEqual(Array.from(m32.params()[k]!.value.data));
    });
    expect(m32.params()[0]!.value.dtype).toBe('float32'); // the original is untouched
  });

  it('keeps every layer kind in float32 (dropout and batch normalisation too)', () => {
    const model = sequential(
      2,
      [
        dense({ units: 8, activation: 'relu' }),
        batchNormalization(),
        dropout(0.2),
        dense({ units: 1, activation: 'sigmoid' }),
      ],
      { seed: 1, dtype: 'float32' },
    );
    const history = fit(model, X, Y, { optimizer: 'adam', epochs: 3, batchSize: 50, seed: 1 });
    expect(Number.isFinite(history.epochs.at(-1)!.loss)).toBe(true);
    for (const l of model.layers)
      for (const t of [...l.params(), ...l.stateTensors()]) expect(t.value.dtype).toBe('float32');
  });

  it('take float32 data as it is (no float64 copy) and train on it as on float64 data', () => {
    const X32 = astype(X, 'float32');
    expect(toMatrix('fit', 'X', X32)).toBe(X32);
    const a = model32();
    const b = model32();
    fit(a, X, Y, { epochs: 2, batchSize: 50, seed: 1 });
    fit(b, X32, astype(Y, 'float32'), { epochs: 2, batchSize: 50, seed: 1 });
    // X rounded once up front or per batch: the same float32 batches, so the same weights.
    expect(b.params().map((p) => Array.from(p.value.data))).toEqual(
      a.params().map((p) => Array.from(p.value.data)),
    );
  });

  it('refuse a model whose layers mix dtypes', () => {
    const m64 = sequential(2, layers(), { seed: 5 });
    const mixed = [model32().layers[0]!, ...m64.layers.slice(1)];
    expect(() => new Sequential(2, mixed, 0)).toThrow(
      /^Sequential: layer 1's W is float64 but the tensors before it are float32/,
    );
  });

  it('refuse L-BFGS, whose line search float32 cannot resolve', () => {
    expect(() => fit(model32(), X, Y, { optimizer: 'lbfgs', epochs: 1 })).toThrow(
      /lbfgs needs a float64 model/,
    );
  });
});

describe('float32 gradient checks', () => {
  it('check a float64 copy and leave the model float32', () => {
    const m32 = model32();
    const before = Array.from(m32.params()[0]!.value.data);
    const result = gradientCheck(m32, X, Y);
    expect(result.float64Copy).toBe(true);
    expect(result.maxRelativeError).toBeLessThan(1e-7);
    expect(m32.dtype).toBe('float32');
    expect(Array.from(m32.params()[0]!.value.data)).toEqual(before);
    expect(gradientCheck(m32.astype('float64'), X, Y).float64Copy).toBe(false);
  });
});

describe('saving float32 models', () => {
  it('round-trips dtype, weights and predictions bit for bit; float64 documents are unchanged', () => {
    const m32 = model32();
    fit(m32, X, Y, { epochs: 2, batchSize: 50 });
    const doc = save(m32);
    expect(doc.dtype).toBe('float32');
    const back = load(JSON.stringify(doc));
    expect(back.dtype).toBe('float32');
    expect(Array.from(predict(back, X).data)).toEqual(Array.from(predict(m32, X).data));
    expect('dtype' in save(sequential(2, layers()))).toBe(false);
  });

  it('resume float32 training exactly from a saved optimizer', () => {
    const opt = () => getOptimizer({ name: 'adam', config: { learningRate: 0.01 } });
    const straight = model32(3);
    fit(straight, X, Y, { optimizer: opt(), epochs: 4, batchSize: 'full' });
    const resumed = model32(3);
    const first = opt();
    fit(resumed, X, Y, { optimizer: first, epochs: 2, batchSize: 'full' });
    const doc = JSON.stringify(save(resumed, { optimizer: first }));
    const model = load(doc);
    fit(model, X, Y, { optimizer: loadOptimizer(doc)!, epochs: 2, batchSize: 'full' });
    expect(model.params().map((p) => Array.from(p.value.data))).toEqual(
      straight.params().map((p) => Array.from(p.value.data)),
    );
  });

  it('refuse a document whose dtype is unknown or whose values are not float32', () => {
    const doc = save(model32()) as unknown as Record<string, unknown>;
    const badDtype = { ...doc, dtype: 'float16' };
    expect(() => load(badDtype)).toThrow(ModelFormatError);
    expect(() => load(badDtype)).toThrow(/dtype.*must be 'float64' or 'float32', got "float16"/);
    // A float64 document relabelled float32: its weights are not float32 numbers.
    const relabelled = { ...(save(sequential(2, layers())) as object), dtype: 'float32' };
    expect(() => load(relabelled)).toThrow(/not a float32 number, but the model is float32/);
  });
});

describe('float32 layers built by hand', () => {
  it('take their dtype from their tensors', () => {
    const W = astype(new Matrix(2, 1, Float64Array.of(0.5, -0.25)), 'float32');
    const b = astype(new Matrix(1, 1), 'float32');
    const layer = model32().layers[2] as DenseLayer;
    const model = new Sequential(
      2,
      [
        new DenseLayer(
          2,
          1,
          layer.activation,
          layer.kernelInitializer,
          layer.biasInitializer,
          true,
          W,
          b,
        ),
      ],
      0,
    );
    expect(model.dtype).toBe('float32');
    expect(predict(model, X).rows).toBe(X.rows);
  });
});
