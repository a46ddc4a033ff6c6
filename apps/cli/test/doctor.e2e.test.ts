import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backprop, tempDir } from './helpers';

const { dir, cleanup } = tempDir();
afterAll(cleanup);
const run = (...args: string[]) => backprop(args, dir);

beforeAll(async () => {
  const r = await run(
    'train',
    '--data',
    'moons',
    '--epochs',
    '5',
    '--out',
    'moons.json',
    '--quiet',
  );
  expect(r.code, r.stderr).toBe(0);
});

describe('the training doctor in the CLI', () => {
  it('is on by default in train: one line per warning, all of them in --json', async () => {
    const r = await run(
      'train',
      '--data',
      'moons',
      '--init',
      'zeros',
      '--epochs',
      '4',
      '--batch-size',
      'full',
      '--optimizer',
      'sgd',
      '--lr',
      '10',
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(
      /\ndoctor: before training: layer 0 \(dense 2→8 relu\): all 8 units have identical weights.* — initialise randomly/,
    );
    const j = JSON.parse(
      (await run('train', '--data', 'moons', '--init', 'zeros', '--epochs', '4', '--json')).stdout,
    );
    expect(j.warnings.map((w: { code: string }) => w.code)).toContain('SYMMETRIC_UNITS');
    expect(j.epochs[0].health).toHaveLength(2);
    const quiet = await run(
      'train',
      '--data',
      'moons',
      '--init',
      'zeros',
      '--epochs',
      '1',
      '--no-doctor',
    );
    expect(quiet.stderr).not.toContain('doctor:');
  });

  it('backprop doctor judges a saved model on data: a table per layer, and no warnings for a healthy one', async () => {
    const r = await run('doctor', 'moons.json', '--data', 'moons');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(
      /^moons\.json on moons \(500 samples\): loss [\d.]+\n\nlayer +gradient norm +weight norm +dead +saturated\n0 +dense 2→8 relu /,
    );
    expect(r.stdout).toMatch(/\nno warnings\n$/);
    const j = JSON.parse((await run('doctor', 'moons.json', '--data', 'moons', '--json')).stdout);
    expect(j).toMatchObject({ command: 'doctor', samples: 500, warnings: [] });
  });
});
