import { readFileSync } from 'node:fs';
import { Matrix } from '@backprop/linalg';
import { predict, trace } from '@backprop/model';
import { describe, expect, it } from 'vitest';
import { fromOnnx } from '../src/index';
import { relativeError } from './helpers';

/**
 * MLPs exported by PyTorch's torch.onnx.export (test/fixtures/torch-mlps.py, Debian's
 * python3-torch 1.13) import and predict PyTorch's recorded outputs: float64 models to 1e-12,
 * float32 ones to 1e-5 (PyTorch computed in float32, ~6e-8 per operation; backprop computes the
 * same float32 weights in float64).
 */
const fixture = (name: string) => new URL(`./fixtures/${name}`, import.meta.url);
const names = [
  'relu-softmax',
  'tanh-sigmoid-float64',
  'leaky-batchnorm-elu',
  'nobias-softplus-dropout',
];

const toMatrix = (rows: number[][]) =>
  new Matrix(rows.length, rows[0]!.length, Float64Array.from(rows.flat()));

describe.each(names)('a PyTorch MLP: %s', (name) => {
  const recorded = JSON.parse(readFileSync(fixture(`${name}.json`), 'utf8'));
  const model = fromOnnx(readFileSync(fixture(`${name}.onnx`)));
  const X = toMatrix(recorded.x);
  const Y = toMatrix(recorded.y);

  it("imports and predicts PyTorch's outputs", () => {
    const tolerance = recorded.dtype === 'float64' ? 1e-12 : 1e-5;
    expect(relativeError(predict(model, X), Y)).toBeLessThan(tolerance);
  });

  it('can be traced: one backward pass with every formula', () => {
    const t = trace(model, X, Y, { loss: 'meanSquaredError', optimizer: null });
    expect(t.layers.length).toBe(model.layers.length);
    expect(t.layers[0]!.backward.some((e) => e.symbol.startsWith('∂J/∂W'))).toBe(true);
  });
});

it('reads what each file holds', () => {
  const describe = (name: string) =>
    fromOnnx(readFileSync(fixture(`${name}.onnx`))).layers.map((l) => l.describe());
  expect(describe('relu-softmax')).toEqual(['dense 4→8 relu', 'dense 8→3 softmax']);
  expect(describe('leaky-batchnorm-elu')).toEqual([
    'dense 4→6 leakyRelu',
    expect.stringMatching(/^batchNormalization 6/),
    'activation elu',
    'dense 6→2 linear',
  ]);
  expect(describe('nobias-softplus-dropout')).toEqual([
    'dense 4→6 softplus (no bias)',
    'dense 6→2 linear',
  ]);
});
