import { getActivation } from '@backprop/activations';
import { Rng, randn } from '@backprop/linalg';
import { dense, predict, sequential } from '@backprop/model';
import { describe, expect, it } from 'vitest';
import { ExportError, toOnnx } from '../src/index';
import { onnx } from '../src/onnx/proto';
import { relativeError, runOnnx } from './helpers';
import { nets, trained, X } from './nets';

/**
 * Every exported model runs in ONNX Runtime (onnxruntime-node, the real engine) and gives
 * backprop's predictions: float64 to 1e-12 relative (the same formulas in a different order of
 * operations differ by a few ulps, ~1e-15), float32 to 1e-5 (float32's ~6e-8 rounding of the
 * weights and of each operation, accumulated over a few layers).
 */
describe.each(nets)('toOnnx: %s, run by onnxruntime-node', (_, layers) => {
  const model = trained(layers);
  const expected = predict(model, X);

  it('float64: the same predictions to 1e-12', async () => {
    const got = await runOnnx(toOnnx(model), X, 'float64');
    expect([got.rows, got.cols]).toEqual([expected.rows, expected.cols]);
    expect(relativeError(got, expected)).toBeLessThan(1e-12);
  });

  it('float32: the same predictions to 1e-5', async () => {
    const got = await runOnnx(toOnnx(model, { dtype: 'float32' }), X, 'float32');
    expect(relativeError(got, expected)).toBeLessThan(1e-5);
  });

  it('the batch dimension is dynamic: a batch of one row runs too', async () => {
    const row = randn(1, 4, new Rng(1));
    const one = await runOnnx(toOnnx(model), row, 'float64');
    expect(one.rows).toBe(1);
    expect(relativeError(one, predict(model, row))).toBeLessThan(1e-12);
  });
});

describe('toOnnx: what the file holds, and what it refuses', () => {
  it('float32 files use standard ops only (any ONNX tool reads them), float64 ones name their functions', () => {
    const model = trained(nets[2]![1]);
    const ops = (bytes: Uint8Array) =>
      onnx.ModelProto.decode(bytes).graph!.node!.map(
        (n) => `${n.domain || ''}${n.domain ? '.' : ''}${n.opType}`,
      );
    expect(ops(toOnnx(model, { dtype: 'float32' }))).toEqual([
      'Gemm',
      'LeakyRelu',
      'Gemm',
      'Elu',
      'Gemm',
      'Identity',
    ]);
    expect(ops(toOnnx(model))).toEqual([
      'Gemm',
      'PRelu',
      'Gemm',
      'ai.backprop.Elu',
      'Gemm',
      'Identity',
    ]);
    const proto = onnx.ModelProto.decode(toOnnx(model));
    expect(proto.functions.map((f) => `${f.domain}.${f.name}`)).toEqual(['ai.backprop.Elu']);
    expect(proto.opsetImport.map((o) => [o.domain, Number(o.version)])).toEqual([
      ['', 17],
      ['ai.backprop', 1],
    ]);
  });

  it('metadata_props hold the layers, classes, seed and the training settings given', () => {
    const model = sequential(2, [dense({ units: 2, activation: 'softmax' })], {
      seed: 5,
      classes: { values: [0, 1], names: ['cat', 'dog'] },
    });
    const proto = onnx.ModelProto.decode(
      toOnnx(model, { training: { optimizer: 'adam', epochs: 3 } }),
    );
    const props = Object.fromEntries(proto.metadataProps.map((p) => [p.key, p.value]));
    expect(props['backprop.format']).toBe('backprop.sequential');
    expect(JSON.parse(props['backprop.classes']!)).toEqual({
      values: [0, 1],
      names: ['cat', 'dog'],
    });
    expect(JSON.parse(props['backprop.training']!)).toEqual({ optimizer: 'adam', epochs: 3 });
    expect(JSON.parse(props['backprop.layers']!)[0]).toMatchObject({
      type: 'dense',
      config: { units: 2, activation: { name: 'softmax' } },
    });
    expect(props['backprop.seed']).toBe('5');
  });

  it('a user-defined activation, a layer kind without an ONNX form, a bad dtype: typed errors naming the layer', () => {
    const mine = { ...getActivation('tanh'), name: 'mine', toConfig: () => ({ name: 'mine' }) };
    const custom = sequential(2, [dense({ units: 2 }), dense({ units: 1, activation: mine })]);
    expect(() => toOnnx(custom)).toThrow(ExportError);
    expect(() => toOnnx(custom)).toThrow(
      "toOnnx: layer 1: activation 'mine' has no ONNX form (built-in activations do)",
    );
    const odd = sequential(2, [dense({ units: 2 })]);
    (odd.layers as unknown[])[0] = { ...odd.layers[0]!, type: 'scale' };
    expect(() => toOnnx(odd)).toThrow(
      "toOnnx: layer 0: 'scale' layers have no ONNX form (dense, activation, dropout and batchNormalization do)",
    );
    expect(() => toOnnx(odd, { dtype: 'float16' as never })).toThrow(
      "toOnnx: dtype must be 'float32' or 'float64', got 'float16'",
    );
  });
});
