import { Matrix } from '@backprop/linalg';
import { dense, predict, sequential } from '@backprop/model';
import { describe, expect, it } from 'vitest';
import { fromOnnx, OnnxError, toOnnx } from '../src/index';
import { onnx } from '../src/onnx/proto';
import { nets, trained, X } from './nets';

/** Every weight and statistic of a model, in order, as one list. */
function tensors(model: ReturnType<typeof trained>): number[] {
  return model.layers.flatMap((l) =>
    [...l.params(), ...l.stateTensors()].flatMap((t) => Array.from(t.value.data)),
  );
}

/** The file without toOnnx's metadata, as a file written elsewhere would be. */
function withoutMetadata(bytes: Uint8Array): Uint8Array {
  const proto = onnx.ModelProto.decode(bytes);
  proto.metadataProps = [];
  return onnx.ModelProto.encode(proto).finish();
}

describe.each(nets)('backprop → ONNX → backprop: %s', (_, layers) => {
  const model = trained(layers);

  it('float64: bit-identical weights, the same layers, predictions and classes', () => {
    const back = fromOnnx(toOnnx(model));
    expect(tensors(back)).toEqual(tensors(model));
    expect(back.layers.map((l) => l.describe())).toEqual(model.layers.map((l) => l.describe()));
    expect(predict(back, X).data).toEqual(predict(model, X).data);
  });

  it('float32: the weights rounded to float32, nothing else changed', () => {
    const back = fromOnnx(toOnnx(model, { dtype: 'float32' }));
    expect(tensors(back)).toEqual(tensors(model).map(Math.fround));
  });

  it('without backprop metadata (as from another tool): the same predictions', () => {
    const back = fromOnnx(withoutMetadata(toOnnx(model)));
    expect(tensors(back)).toEqual(tensors(model));
    const a = predict(back, X).data;
    const b = predict(model, X).data;
    for (let i = 0; i < a.length; i++)
      expect(Math.abs(a[i]! - b[i]!)).toBeLessThan(1e-15 * (1 + Math.abs(b[i]!)));
  });
});

it('classes and the seed survive the trip', () => {
  const model = sequential(2, [dense({ units: 3, activation: 'softmax' })], {
    seed: 12,
    classes: { values: [3, 5, 7], names: ['three', 'five', 'seven'] },
  });
  const back = fromOnnx(toOnnx(model));
  expect(back.classes).toEqual(model.classes);
  expect(back.seed).toBe(12);
});

/** A one-node-at-a-time graph for the error cases. */
function graphFile(
  nodes: object[],
  inputs = ['x'],
  outputs = ['y'],
  initializer: object[] = [],
): Uint8Array {
  const info = (name: string) => ({
    name,
    type: { tensorType: { elemType: 11, shape: { dim: [{ dimParam: 'N' }, { dimValue: 2 }] } } },
  });
  return onnx.ModelProto.encode(
    onnx.ModelProto.create({
      irVersion: 8,
      opsetImport: [{ domain: '', version: 17 }],
      graph: {
        name: 'g',
        node: nodes,
        input: inputs.map(info),
        output: outputs.map(info),
        initializer,
      },
    }),
  ).finish();
}
const W = { name: 'W', dims: [2, 2], dataType: 11, doubleData: [1, 2, 3, 4] };

describe('fromOnnx refuses what it cannot read, with a typed error, fast', () => {
  const cases: [string, () => Uint8Array, RegExp][] = [
    [
      'a truncated file',
      () => toOnnx(trained(nets[0]![1])).slice(0, 100),
      /^fromOnnx: not an ONNX model, or a truncated one/,
    ],
    [
      'a JSON file',
      () => new TextEncoder().encode(JSON.stringify({ format: 'backprop.sequential' })),
      /^fromOnnx: not an ONNX model/,
    ],
    [
      'no bytes at all',
      () => new Uint8Array(0),
      /^fromOnnx: not an ONNX model \(no IR version or no graph of nodes\)/,
    ],
    [
      'a convolution',
      () =>
        graphFile(
          [{ name: 'conv1', opType: 'Conv', input: ['x', 'W'], output: ['y'] }],
          ['x'],
          ['y'],
          [W],
        ),
      /^fromOnnx: node 'conv1' \(op Conv\): not a layer backprop has; it reads Gemm, MatMul/,
    ],
    [
      'two inputs',
      () => graphFile([{ opType: 'Add', input: ['x', 'x2'], output: ['y'] }], ['x', 'x2']),
      /^fromOnnx: the graph has 2 inputs \(x, x2\); backprop models have one$/,
    ],
    [
      'a branch',
      () =>
        graphFile(
          [
            { name: 'a', opType: 'Relu', input: ['x'], output: ['r'] },
            { name: 'b', opType: 'Gemm', input: ['x', 'W'], output: ['y'] },
          ],
          ['x'],
          ['y'],
          [W],
        ),
      /^fromOnnx: node 'b' \(op Gemm\): reads 'x', not the previous layer's output 'r'/,
    ],
    [
      'weights computed at run time',
      () => graphFile([{ name: 'g', opType: 'Gemm', input: ['x', 'x'], output: ['y'] }]),
      /^fromOnnx: node 'g' \(op Gemm\): its weight matrix \('x'\) is not a constant of the graph/,
    ],
    [
      'the exact GELU',
      () =>
        graphFile(
          [
            { name: 'd', opType: 'Gemm', input: ['x', 'W'], output: ['z'] },
            { name: 'gelu', opType: 'Gelu', input: ['z'], output: ['y'] },
          ],
          ['x'],
          ['y'],
          [W],
        ),
      /^fromOnnx: node 'gelu' \(op Gelu\): is the exact \(erf\) GELU/,
    ],
    [
      'mismatched widths',
      () =>
        graphFile(
          [{ name: 'd', opType: 'Gemm', input: ['x', 'W3'], output: ['y'] }],
          ['x'],
          ['y'],
          [{ name: 'W3', dims: [3, 2], dataType: 11, doubleData: [1, 2, 3, 4, 5, 6] }],
        ),
      /^fromOnnx: node 'd' \(op Gemm\): its weights have 3 rows but the previous layer has 2 outputs$/,
    ],
  ];
  it.each(cases)('%s', (_, make, message) => {
    const bytes = make();
    const started = performance.now();
    let error: unknown;
    try {
      fromOnnx(bytes);
    } catch (e) {
      error = e;
    }
    expect(performance.now() - started).toBeLessThan(1000);
    expect(error).toBeInstanceOf(OnnxError);
    expect((error as Error).message).toMatch(message);
  });

  it('the error names the node and its op', () => {
    const bytes = graphFile(
      [{ name: 'conv1', opType: 'Conv', input: ['x', 'W'], output: ['y'] }],
      ['x'],
      ['y'],
      [W],
    );
    expect(() => fromOnnx(bytes)).toThrow(
      expect.objectContaining({ node: 'conv1', op: 'Conv', kind: 'OnnxError' }),
    );
  });

  it('reads Gemm with transB, as PyTorch writes it', () => {
    const bytes = graphFile(
      [
        {
          opType: 'Gemm',
          input: ['x', 'W'],
          output: ['y'],
          attribute: [{ name: 'transB', type: 2, i: 1 }],
        },
      ],
      ['x'],
      ['y'],
      [W],
    );
    const model = fromOnnx(bytes);
    // y = x·Wᵀ with W = [[1, 2], [3, 4]]: x = [1, 1] gives [3, 7].
    expect(Array.from(predict(model, new Matrix(1, 2, Float64Array.from([1, 1]))).data)).toEqual([
      3, 7,
    ]);
  });
});
