import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { backprop, tempDir } from './helpers';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

/** The saved model's weights (base64 float64, so equal text means equal bits). */
const weights = (file: string) =>
  JSON.stringify(JSON.parse(readFileSync(join(tmp.dir, file), 'utf8')).layers);

describe('backprop train --threads', () => {
  // Layers of 256 and 128 units at batch 128: big enough that their products are split.
  const args = [
    'train',
    '--data',
    'moons',
    '--samples',
    '600',
    '--layers',
    '256:relu,128:relu,2:softmax',
  ];
  args.push('--batch-size', '128', '--epochs', '3', '--quiet');

  it('says how many matrix threads it uses, and trains the same weights on 1 and on 2', async () => {
    const two = await backprop([...args, '--threads', '2', '--out', 'two.json'], tmp.dir);
    expect(two.code, two.stderr).toBe(0);
    expect(two.stderr).toMatch(/, 2 matrix threads\n/);
    expect(two.stderr).toMatch(
      /\n2 matrix threads: the workers did \d+% of the shared work \(\d+ chunks\)\n/,
    );
    const one = await backprop([...args, '--threads', '1', '--out', 'one.json'], tmp.dir);
    expect(one.code, one.stderr).toBe(0);
    expect(one.stderr).toMatch(/, 1 matrix thread\n/);
    expect(one.stderr).not.toContain('shared work');
    expect(weights('two.json')).toBe(weights('one.json'));
  });

  it('refuses a bad count from the flag or from BACKPROP_THREADS, naming it', async () => {
    const flag = await backprop(['train', '--data', 'xor', '--threads', 'two'], tmp.dir);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain(
      '--threads: the thread count must be a whole number from 1 to 256',
    );
    const env = await backprop(['train', '--data', 'xor'], tmp.dir, {
      env: { ...process.env, BACKPROP_THREADS: '0' },
    });
    expect(env.code).toBe(2);
    expect(env.stderr).toContain('BACKPROP_THREADS: the thread count must be a whole number');
  });
});
