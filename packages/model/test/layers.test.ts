import { getActivation } from '@backprop/activations';
import { fromArray, full, Matrix, Rng, randn } from '@backprop/linalg';
import { describe, expect, it } from 'vitest';
import {
  activation,
  batchNormalization,
  dense,
  dropout,
  fit,
  forward,
  gradientCheck,
  type Layer,
  type LayerBuffers,
  type LayerKind,
  load,
  predict,
  registerLayer,
  save,
  sequential,
} from '../src/index';

const rng = new Rng(11);
const X = randn(6, 3, rng);
const Y = new Matrix(6, 3);
for (let r = 0; r < 6; r++) Y.data[r * 3 + (r % 3)] = 1;

describe('batchNormalization', () => {
  it('normalises each unit over the batch: hand-derived values (inputs 1 and 3, ε = 1e-3)', () => {
    const model = sequential(1, [batchNormalization()]);
    const out = forward(model, fromArray([[1], [3]]), model.workspace(2), { training: true, rng });
    // μ = 2, σ² = 1 (biased), x̂ = ∓1/√1.001, γ = 1, β = 0.
    expect(Array.from(out.data)).toEqual([-1 / Math.sqrt(1.001), 1 / Math.sqrt(1.001)]);
    // Moving statistics after one batch with momentum 0.99: 0.01·μ and 0.99·1 + 0.01·σ².
    const bn = model.layers[0] as unknown as { movingMean: Matrix; movingVariance: Matrix };
    expect(bn.movingMean.data[0]).toBeCloseTo(0.02, 15);
    expect(bn.movingVariance.data[0]).toBeCloseTo(1, 15);
  });

  it('is gradient-checked in training mode (batch statistics) and in inference mode (1e-7)', () => {
    const model = sequential(
      3,
      [
        dense({ units: 5, useBias: false }),
        batchNormalization({ momentum: 0.9 }),
        activation('tanh'),
        dense({ units: 3, activation: 'softmax' }),
      ],
      { seed: 4 },
    );
    // γ and β away from 1 and 0, so that their gradients are not trivially structured.
    const bn = model.layers[1]!.params();
    bn[0]!.value.data.set([0.5, 1.5, -1, 2, 0.7]);
    bn[1]!.value.data.set([0.1, -0.2, 0.3, 0, 0.4]);
    const training = gradientCheck(model, X, Y, { training: true });
    expect(training.maxRelativeError).toBeLessThan(1e-7);
    expect(training.tensors.map((t) => `${t.layer}.${t.param}`)).toEqual([
      '0.W',
      '1.gamma',
      '1.beta',
      '3.W',
      '3.b',
    ]);
    expect(gradientCheck(model, X, Y).maxRelativeError).toBeLessThan(1e-7);
  });

  it('predicts with the moving statistics, which converge to the batch statistics', () => {
    const model = sequential(3, [batchNormalization({ momentum: 0.5 })]);
    const ws = model.workspace(6);
    for (let k = 0; k < 80; k++) forward(model, X, ws, { training: true, rng });
    const trainingOut = forward(model, X, ws, { training: true, rng, updateStatistics: false });
    const expected = Array.from(trainingOut.data);
    const inference = predict(model, X);
    // 0.5^80 of the initial statistics remain: below 1e-24, so only rounding differs.
    const worst = Math.max(...Array.from(inference.data, (v, i) => Math.abs(v - expected[i]!)));
    expect(worst).toBeLessThan(1e-12);
  });

  it('saves its moving statistics with the model and trains inside fit', () => {
    const model = sequential(3, [
      dense({ units: 4 }),
      batchNormalization(),
      activation('relu'),
      dense({ units: 3, activation: 'softmax' }),
    ]);
    fit(model, X, Y, { epochs: 3, batchSize: 3 });
    const back = load(JSON.stringify(save(model)));
    expect(Array.from(predict(back, X).data)).toEqual(Array.from(predict(model, X).data));
    expect(back.layers[1]!.stateTensors().map((t) => t.name)).toEqual([
      'movingMean',
      'movingVariance',
    ]);
    expect(() => batchNormalization({ momentum: 1 })).toThrow(
      /momentum must be in \[0, 1\), got 1/,
    );
    expect(() => batchNormalization({ epsilom: 1 } as never)).toThrow(/unknown option 'epsilom'/);
  });
});

describe('activation layer', () => {
  it('a linear dense layer + activation(softmax) equals dense with softmax, fused gradient and all', () => {
    const a = sequential(3, [dense({ units: 3, activation: 'softmax' })], { seed: 2 });
    const b = sequential(3, [dense({ units: 3 }), activation('softmax')], { seed: 2 });
    expect(Array.from(predict(b, X).data)).toEqual(Array.from(predict(a, X).data));
    expect(gradientCheck(b, X, Y).maxRelativeError).toBeLessThan(1e-7);
    const back = load(JSON.stringify(save(b)));
    expect(back.layers[1]!.describe()).toBe('activation softmax');
  });
});

describe('a layer kind of your own', () => {
  /** y = s·x with one trainable scalar s per unit: forward, backward and save in a few lines. */
  interface ScaleBuffers extends LayerBuffers {}
  const scaleKind: LayerKind<{ type: 'scale' }> = {
    type: 'scale',
    plan: (_config, inputs) => ({ units: inputs, tensors: { s: [1, inputs] }, trainable: ['s'] }),
    create: (_spec, inputs) => scaleLayer(inputs, full(1, inputs, 2)),
    restore: (_config, tensors, inputs) => scaleLayer(inputs, tensors.s!),
  };
  function scaleLayer(n: number, s: Matrix): Layer<ScaleBuffers> {
    return {
      type: 'scale',
      inputs: n,
      units: n,
      penalized: [],
      params: () => [{ name: 's', value: s }],
      stateTensors: () => [],
      buffers: (m) => ({ output: new Matrix(m, n), dOutput: new Matrix(m, n) }),
      forward(x, buf) {
        for (let i = 0; i < x.data.length; i++) buf.output.data[i] = x.data[i]! * s.data[i % n]!;
        return buf.output;
      },
      backward(x, buf, grads, dInput) {
        grads[0]!.data.fill(0);
        for (let i = 0; i < x.data.length; i++) {
          grads[0]!.data[i % n]! += buf.dOutput.data[i]! * x.data[i]!;
          if (dInput) dInput.data[i] = buf.dOutput.data[i]! * s.data[i % n]!;
        }
      },
      toConfig: () => ({}),
      describe: () => `scale ${n}`,
      clone: () => scaleLayer(n, s.clone()),
    };
  }

  it('registers, trains, gradient-checks, saves and loads like a built-in', () => {
    registerLayer(scaleKind as never);
    registerLayer(scaleKind as never); // the same kind again is harmless
    const model = sequential(3, [{ type: 'scale' }, dense({ units: 3, activation: 'softmax' })]);
    expect(gradientCheck(model, X, Y).maxRelativeError).toBeLessThan(1e-7);
    fit(model, X, Y, { epochs: 2 });
    const back = load(JSON.stringify(save(model)));
    expect(Array.from(predict(back, X).data)).toEqual(Array.from(predict(model, X).data));
    expect(() => registerLayer({ ...scaleKind, type: 'dense' } as never)).toThrow(
      /registerLayer: 'dense' is already a built-in layer; choose another type name/,
    );
  });

  it('a one-off part given to load: { parts } (a custom activation nobody registered)', () => {
    const swish = {
      name: 'oneOffSwish',
      forward: (z: Matrix, out?: Matrix) => {
        const o = out ?? new Matrix(z.rows, z.cols);
        for (let i = 0; i < z.data.length; i++)
          o.data[i] = z.data[i]! / (1 + Math.exp(-z.data[i]!));
        return o;
      },
      backward: (z: Matrix, _a: Matrix, g: Matrix, out?: Matrix) => {
        const o = out ?? new Matrix(z.rows, z.cols);
        for (let i = 0; i < z.data.length; i++) {
          const s = 1 / (1 + Math.exp(-z.data[i]!));
          o.data[i] = g.data[i]! * (s + z.data[i]! * s * (1 - s));
        }
        return o;
      },
      toConfig: () => ({ name: 'oneOffSwish' }),
    };
    const model = sequential(3, [
      dense({ units: 4, activation: swish }),
      dense({ units: 3, activation: 'softmax' }),
    ]);
    expect(gradientCheck(model, X, Y).maxRelativeError).toBeLessThan(1e-7);
    const text = JSON.stringify(save(model));
    expect(() => load(text)).toThrow(
      /layers\[0\]\.config\.activation: unknown activation 'oneOffSwish'/,
    );
    const back = load(text, { parts: { activations: { oneOffSwish: swish } } });
    expect(Array.from(predict(back, X).data)).toEqual(Array.from(predict(model, X).data));
    expect(getActivation('relu').name).toBe('relu');
  });

  it('each kind lives in one file: the network never names a kind', async () => {
    const { readFileSync } = await import('node:fs');
    for (const file of [
      'network.ts',
      'sequential.ts',
      'save.ts',
      'load.ts',
      'fit.ts',
      'divergence.ts',
    ]) {
      const text = readFileSync(new URL(`../src/${file}`, import.meta.url), 'utf8');
      expect(text, file).not.toMatch(/type === '(dense|dropout|batchNormalization|activation)'/);
    }
  });

  it('dropout stays a spec function with its checks', () => {
    expect(() => dropout(1)).toThrow(/rate must be in \[0, 1\), got 1/);
  });
});
