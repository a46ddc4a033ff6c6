import { planar } from '@backprop/data';
import { encodeFloat64, Rng, randn } from '@backprop/linalg';
import { getOptimizer } from '@backprop/optim';
import { describe, expect, it } from 'vitest';
import { canonicalCrc32 } from '../src/checksum';
import {
  dense,
  documentPieces,
  dropout,
  fit,
  load,
  loadOptimizer,
  type ModelDocument,
  ModelFormatError,
  predict,
  save,
  sequential,
} from '../src/index';

const { X, Y } = planar(80, new Rng(1));
const trained = () => {
  const model = sequential(
    2,
    [
      dense({
        units: 6,
        activation: { name: 'leakyRelu', config: { alpha: 0.1 } },
        kernelInitializer: 'heNormal',
      }),
      dropout(0.2),
      dense({ units: 1, activation: 'sigmoid', useBias: true }),
    ],
    { seed: 3 },
  );
  fit(model, X, Y, { epochs: 5, batchSize: 16 });
  return model;
};

describe('save and load', () => {
  it('round-trip: predictions are bit-identical, parts and configs preserved', () => {
    const model = trained();
    const text = JSON.stringify(save(model));
    const back = load(text);
    const probe = randn(50, 2, new Rng(9));
    expect(new Uint8Array(predict(back, probe).data.buffer)).toEqual(
      new Uint8Array(predict(model, probe).data.buffer),
    );
    expect(back.summary()).toBe(model.summary());
    expect(back.denseLayers[0]!.activation.toConfig()).toEqual({
      name: 'leakyRelu',
      config: { alpha: 0.1 },
    });
    expect(back.layers[1]!.toConfig()).toEqual({ rate: 0.2 });
    expect([back.layers[1]!.type, back.layers[1]!.units]).toEqual(['dropout', 6]);
  });

  it('keeps special float64 values exactly (−0, tiny and huge weights)', () => {
    const model = sequential(1, [dense({ units: 3 })]);
    model.denseLayers[0]!.W.data.set([-0, 5e-324, 1.7976931348623157e308]);
    const back = load(JSON.stringify(save(model)));
    expect(Object.is(back.denseLayers[0]!.W.data[0], -0)).toBe(true);
    expect(Array.from(back.denseLayers[0]!.W.data.subarray(1))).toEqual([
      5e-324, 1.7976931348623157e308,
    ]);
  });

  it('saves the optimizer so training resumes exactly', () => {
    // Full batches and no dropout: the only state is the weights and the optimizer's. (Shuffling
    // and dropout streams restart from `seed` in every fit call.)
    const trained = () =>
      sequential(
        2,
        [dense({ units: 6, activation: 'tanh' }), dense({ units: 1, activation: 'sigmoid' })],
        { seed: 3 },
      );
    const straight = trained();
    const optimizerA = getOptimizer({ name: 'adam', config: { learningRate: 0.01 } });
    fit(straight, X, Y, { optimizer: optimizerA, epochs: 6, batchSize: 'full' });

    const resumed = trained();
    const optimizerB = getOptimizer({ name: 'adam', config: { learningRate: 0.01 } });
    fit(resumed, X, Y, { optimizer: optimizerB, epochs: 3, batchSize: 'full' });
    const doc = JSON.stringify(save(resumed, { optimizer: optimizerB }));
    const model = load(doc);
    fit(model, X, Y, { optimizer: loadOptimizer(doc)!, epochs: 3, batchSize: 'full' });
    expect(model.params().map((p) => Array.from(p.value.data))).toEqual(
      straight.params().map((p) => Array.from(p.value.data)),
    );
    expect(loadOptimizer(JSON.stringify(save(model)))).toBeNull();
  });
});

describe('load rejects broken documents with a specific error', () => {
  const good = save(
    sequential(
      2,
      [dense({ units: 3, activation: 'tanh' }), dense({ units: 1, activation: 'sigmoid' })],
      { seed: 1 },
    ),
    {
      optimizer: getOptimizer('adam'),
    },
  );
  const json = JSON.stringify(good);
  const edit = (f: (d: ModelDocument & Record<string, unknown>) => void): string => {
    const d = JSON.parse(json);
    f(d);
    return JSON.stringify(d);
  };
  const flipBase64 = (s: string) => (s[0] === 'A' ? 'B' : 'A') + s.slice(1);

  const cases: [string, unknown, string, RegExp][] = [
    ['not JSON', 'hello', '', /^model document: not valid JSON .*the file may be truncated$/],
    ['truncated text', json.slice(0, json.length / 2), '', /not valid JSON/],
    ['an array', '[]', '', /expected a JSON object/],
    [
      'another format',
      edit((d) => (d.format = 'keras' as never)),
      'format',
      /is "keras"; this is not a backprop model document/,
    ],
    [
      'a future version',
      edit((d) => (d.version = 3)),
      'version',
      /is 3, written by a newer backprop; this version reads documents up to version 2 — upgrade @backprop\/model/,
    ],
    [
      'a fractional version',
      edit((d) => (d.version = 1.5)),
      'version',
      /must be an integer >= 1, got 1.5/,
    ],
    [
      'no input size',
      edit((d) => delete (d as Record<string, unknown>).inputSize),
      'inputSize',
      /must be an integer >= 1, got undefined/,
    ],
    ['no layers', edit((d) => (d.layers = [])), 'layers', /must be a non-empty array/],
    [
      'an unknown layer type',
      edit((d) => ((d.layers[0] as { type: string }).type = 'conv2d')),
      'layers[0].type',
      /unknown layer type 'conv2d'; valid names: dense, dropout, batchNormalization, activation/,
    ],
    [
      'zero units',
      edit((d) => (d.layers[1]!.config.units = 0)),
      'layers[1].config.units',
      /units must be an integer >= 1, got 0/,
    ],
    [
      'an unknown activation',
      edit((d) => (d.layers[0]!.config.activation = { name: 'swish' })),
      'layers[0].config.activation',
      /unknown activation 'swish'; valid names: sigmoid/,
    ],
    [
      'a weight shape that does not fit the architecture',
      edit((d) => (d.layers[1]!.tensors.W!.shape = [4, 1])),
      'layers[1].tensors.W.shape',
      /is \[4,1\] but the architecture needs \[3, 1\]/,
    ],
    [
      'weights of the wrong length',
      edit((d) => {
        d.layers[0]!.tensors.W!.float64 = encodeFloat64(Float64Array.of(1));
      }),
      'layers[0].tensors.W.float64',
      /holds 1 values but 6 are expected/,
    ],
    [
      'weights that are not base64',
      edit((d) => {
        const W = d.layers[0]!.tensors.W!;
        W.float64 = `!${W.float64.slice(1)}`;
      }),
      'layers[0].tensors.W.float64',
      /invalid base64 character at position 0/,
    ],
    [
      'a tampered weight (structurally valid)',
      edit((d) => {
        const W = d.layers[0]!.tensors.W!;
        W.float64 = flipBase64(W.float64);
      }),
      'checksum',
      /does not match the content .*modified or corrupted/,
    ],
    [
      'no checksum',
      edit((d) => delete (d as Record<string, unknown>).checksum),
      'checksum',
      /missing or not of the form crc32:xxxxxxxx/,
    ],
  ];

  it('loadOptimizer checks the optimizer state in full (load only its shape: predicting never decodes it)', () => {
    // Re-signed, as a buggy writer would produce it: the checksum matches, the state is wrong.
    const d = JSON.parse(json);
    d.optimizer.state.iterations = -3;
    const { checksum: _, ...body } = d;
    const broken = JSON.stringify({ ...body, checksum: `crc32:${canonicalCrc32(body)}` });
    expect(() => loadOptimizer(broken)).toThrow(
      /^model document: optimizer: adam.setState: iterations must be a non-negative integer/,
    );
    expect(() => load(edit((d) => (d.optimizer = 'adam' as never)))).toThrow(
      /^model document: optimizer: must be null or \{ name, config, state \}$/,
    );
  });

  it.each(cases)('%s', (_, doc, path, message) => {
    let error: unknown;
    try {
      load(doc);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ModelFormatError);
    expect((error as ModelFormatError).path).toBe(path);
    expect((error as ModelFormatError).message).toMatch(message);
  });

  it('the unmodified document loads, also after reformatting (the checksum ignores key order and whitespace)', () => {
    expect(() => load(json)).not.toThrow();
    const reordered = Object.fromEntries(Object.entries(JSON.parse(json)).reverse());
    expect(() => load(JSON.stringify(reordered, null, 2))).not.toThrow();
  });
});

describe('streamed documents and byte input (large models)', () => {
  const big = () => {
    const model = sequential(
      40,
      [dense({ units: 30, activation: 'tanh' }), dense({ units: 3, activation: 'softmax' })],
      {
        seed: 2,
      },
    );
    const optimizer = getOptimizer('adam');
    const params = model.params().map((p) => p.value);
    optimizer.step(
      params,
      params.map((p) => p.clone()),
    );
    return { model, optimizer };
  };
  const bytesOf = (pieces: Iterable<string | Uint8Array>) => {
    const chunks = [...pieces].map((p) =>
      typeof p === 'string' ? new TextEncoder().encode(p) : p,
    );
    return Uint8Array.from(chunks.flatMap((c) => Array.from(c)));
  };

  it('documentPieces writes the document save gives (canonical key order, same checksum)', () => {
    const { model, optimizer } = big();
    const text = new TextDecoder().decode(bytesOf(documentPieces(model, { optimizer })));
    const parsed = JSON.parse(text);
    expect(parsed).toEqual(JSON.parse(JSON.stringify(save(model, { optimizer }))));
    expect(Object.keys(parsed)).toEqual([...Object.keys(parsed).slice(0, -1).sort(), 'checksum']);
  });

  it('load reads the bytes of a file (tensors stay bytes until decoded) and resumes the optimizer', () => {
    const { model, optimizer } = big();
    const bytes = bytesOf(documentPieces(model, { optimizer }));
    const back = load(bytes);
    expect(back.params().map((p) => Array.from(p.value.data))).toEqual(
      model.params().map((p) => Array.from(p.value.data)),
    );
    expect(loadOptimizer(bytes)!.getState()).toEqual(optimizer.getState());
    // A flipped byte inside a lifted tensor still breaks the checksum.
    const tampered = bytes.slice();
    const at = new TextDecoder().decode(bytes).indexOf('"float64":"') + 2000;
    tampered[at] = tampered[at] === 65 ? 66 : 65;
    expect(() => load(tampered)).toThrow(/checksum: does not match the content/);
    expect(() => load(bytes.subarray(0, bytes.length - 10))).toThrow(/not valid JSON/);
  });
});
