import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { backprop, backpropJson, tempDir } from './helpers';

const { dir, cleanup } = tempDir();
afterAll(cleanup);
const run = (...args: string[]) => backprop(args, dir);
const json = (...args: string[]) => backpropJson(dir, ...args);

// XOR's four rows, in xor()'s order, as 8-bit pixel values: 255/255 is exactly 1, so with
// --scale 1/255 training must retrace --data xor's run to the last bit.
const PIXELS = 'a,b,label\n0,0,0\n0,255,1\n255,0,1\n255,255,0\n';
// The same network for both (a CSV's default layers are not xor's).
const GD = [
  '--layers',
  '5:sigmoid,1:sigmoid',
  '--optimizer',
  'sgd',
  '--lr',
  '1',
  '--batch-size',
  'full',
  '--epochs',
  '2000',
];

describe('--scale: inputs multiplied by a factor, or divided by N as 1/N', () => {
  it('train on 0..255 values with --scale 1/255 is the run on 0/1 values, bit for bit', async () => {
    writeFileSync(join(dir, 'pixels.csv'), PIXELS);
    const scaled = await json(
      'train',
      '--data',
      'pixels.csv',
      '--label',
      'label',
      '--scale',
      '1/255',
      ...GD,
      '--out',
      'scaled.json',
      '--card',
      'scaled-run.json',
    );
    const plain = await json('train', '--data', 'xor', ...GD);
    expect(scaled.final.loss).toBe(plain.final.loss);
    expect(scaled.final.fingerprint).toBe(plain.final.fingerprint);
    expect(scaled.final.accuracy).toBe(1);
    // Unscaled, the same settings see inputs 255 times larger and end elsewhere.
    const raw = await json('train', '--data', 'pixels.csv', '--label', 'label', ...GD);
    expect(raw.final.loss).not.toBe(plain.final.loss);
    const card = JSON.parse(readFileSync(join(dir, 'scaled-run.json'), 'utf8'));
    expect(card.config.scale).toBe('1/255');
    expect(card.command).toContain('--scale 1/255');
    const verified = await run('verify', 'scaled-run.json');
    expect(verified.code, verified.stdout + verified.stderr).toBe(0);
  });

  it('evaluate and predict take the same --scale', async () => {
    const evaluated = await json(
      'evaluate',
      'scaled.json',
      '--data',
      'pixels.csv',
      '--label',
      'label',
      '--scale',
      '1/255',
    );
    expect(evaluated.accuracy).toBe(1);
    writeFileSync(join(dir, 'new.csv'), 'a,b\n0,255\n255,255\n');
    const predicted = await json(
      'predict',
      'scaled.json',
      '--input',
      'new.csv',
      '--scale',
      '1/255',
    );
    expect(predicted.predictions).toEqual([1, 0]);
    // A factor multiplies: 0.5 · (0, 2) = (0, 1).
    writeFileSync(join(dir, 'doubled.csv'), 'a,b\n0,2\n2,2\n');
    const halved = await json('predict', 'scaled.json', '--input', 'doubled.csv', '--scale', '0.5');
    expect(halved.outputs).toEqual(predicted.outputs);
  });

  it('a bad --scale is a usage error naming the flag', async () => {
    for (const bad of ['0', '-2', 'abc', '1/0', '1/x', '']) {
      const r = await run('train', '--data', 'xor', '--scale', bad, '--epochs', '1');
      expect(r.code, bad).toBe(2);
      expect(r.stderr).toContain(
        `--scale must be a number > 0 or '1/N' (e.g. 1/255), got '${bad}'`,
      );
    }
  });
});
