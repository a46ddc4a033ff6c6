import { createHash } from 'node:crypto';
import { xor } from '@backprop/data';
import { describe, expect, it } from 'vitest';
import {
  batchNormalization,
  dense,
  documentInfo,
  fingerprint,
  fingerprints,
  fit,
  load,
  ModelFormatError,
  save,
  sequential,
} from '../src/index';

const { X, Y } = xor();
const net = (seed = 1) =>
  sequential(
    2,
    [
      dense({ units: 4, activation: 'tanh' }),
      batchNormalization(),
      dense({ units: 1, activation: 'sigmoid' }),
    ],
    { seed },
  );

describe('fingerprint', () => {
  it("is the SHA-256 of each tensor's header line and little-endian float64 bytes, as documented", () => {
    const model = net();
    const hash = createHash('sha256');
    model.layers.forEach((layer, i) => {
      for (const t of [...layer.params(), ...layer.stateTensors()]) {
        hash.update(`${i}.${t.name}:${t.value.rows}x${t.value.cols}\n`);
        const bytes = Buffer.alloc(t.value.data.length * 8);
        for (const [k, v] of t.value.data.entries()) bytes.writeDoubleLE(v, k * 8);
        hash.update(bytes);
      }
    });
    expect(fingerprint(model)).toBe(`sha256:${hash.digest('hex')}`);
  });

  it('changes with the last bit of one weight, and of a state tensor, and is equal for equal weights', () => {
    const a = net();
    const b = net();
    expect(fingerprint(a)).toBe(fingerprint(b));
    const before = fingerprint(a);
    const w = a.layers[0]!.params()[0]!.value.data;
    const bits = new BigUint64Array(w.buffer, w.byteOffset, 1);
    bits[0]! ^= 1n;
    expect(fingerprint(a)).not.toBe(before);
    const moving = b.layers[1]!.stateTensors()[0]!.value.data;
    moving[0] = moving[0]! + 1e-300;
    expect(fingerprint(b)).not.toBe(before);
  });

  it('fingerprints() records every epoch; the same seed gives the same sequence, another seed another', () => {
    const run = (seed: number) =>
      fit(net(seed), X, Y, { epochs: 3, batchSize: 2, seed, callbacks: [fingerprints()] });
    const first = run(1).epochs.map((e) => e.fingerprint);
    expect(first).toHaveLength(3);
    expect(new Set(first).size).toBe(3);
    for (const f of first) expect(f).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(run(1).epochs.map((e) => e.fingerprint)).toEqual(first);
    expect(run(2).epochs.map((e) => e.fingerprint)[0]).not.toBe(first[0]);
  });

  it('a model saved with its run records the fingerprints and hashes; a loaded model has the same fingerprint', () => {
    const model = net();
    const history = fit(model, X, Y, { epochs: 2, batchSize: 4, callbacks: [fingerprints()] });
    const doc = save(model, { run: { history, data: 'sha256:data', config: 'sha256:config' } });
    const info = documentInfo(JSON.parse(JSON.stringify(doc)));
    expect(info.run).toEqual({
      weights: fingerprint(model),
      epochs: history.epochs.map((e) => ({ epoch: e.epoch, fingerprint: e.fingerprint })),
      data: 'sha256:data',
      config: 'sha256:config',
    });
    expect(info.run!.epochs.at(-1)!.fingerprint).toBe(info.run!.weights);
    expect(fingerprint(load(JSON.stringify(doc)))).toBe(info.run!.weights);
    expect(documentInfo(save(model)).run).toBeNull();
  });

  it('a malformed run record is a ModelFormatError naming it', () => {
    const doc = save(net(), { run: {} }) as unknown as Record<string, unknown>;
    const bad = { ...doc, run: { ...(doc.run as object), weights: 'md5:1' } };
    expect(() => load(bad)).toThrow(ModelFormatError);
    expect(() => load(bad)).toThrow(/run\.weights/);
    expect(() => save(net(), { run: { histroy: {} } as never })).toThrow(/histroy/);
  });
});
