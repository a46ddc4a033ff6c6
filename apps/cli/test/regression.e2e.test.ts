import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { backprop, backpropJson, tempDir } from './helpers';

const { dir, cleanup } = tempDir();
afterAll(cleanup);
const run = (...args: string[]) => backprop(args, dir);
const json = (...args: string[]) => backpropJson(dir, ...args);

/** The thesis's least-squares minimum of Σ(out − y)² on its 16 points divided by 10 (001 §4.1). */
const THESIS_MINIMUM = 1.5533527212309681;

describe('regression from the CLI: --target, the icecream set, --reduction', () => {
  it("a linear unit fitted by L-BFGS on the thesis's 16 points reaches its least-squares minimum", async () => {
    const trained = await json(
      'train',
      '--data',
      'icecream',
      '--layers',
      '1:linear',
      '--optimizer',
      'lbfgs',
      '--reduction',
      'sum',
      '--epochs',
      '100',
      '--out',
      'ice.json',
    );
    expect(trained.model.classes).toBeNull();
    expect(trained.final.accuracy).toBeUndefined();
    // The raw points are the thesis's times 10, so their Σ(out − y)² is 100 times its minimum.
    // L-BFGS stops on its own tolerance: 1e-9 relative leaves it room and still pins 9 digits.
    expect(Math.abs(trained.final.loss / 100 - THESIS_MINIMUM) / THESIS_MINIMUM).toBeLessThan(1e-9);
    const scored = await json('evaluate', 'ice.json', '--data', 'icecream');
    expect(scored).toMatchObject({ task: 'regression', loss: { name: 'meanSquaredError' } });
    expect(Math.abs(scored.loss.value - (100 * THESIS_MINIMUM) / 16)).toBeLessThan(1e-8);
    expect(scored.rmse).toBeCloseTo(Math.sqrt(scored.loss.value), 12);
    expect(scored.r2).toBeGreaterThan(0.9);
    const text = await run('evaluate', 'ice.json', '--data', 'icecream');
    expect(text.stdout).toMatch(/^icecream: 16 samples \(regression\)\nmeanSquaredError 9\.7084/);
  });

  it('--target fits a numeric CSV column; evaluate, predict and verify treat the model as a regressor', async () => {
    // sales = 2·t + h − 0.1 exactly: a linear unit can fit it to rounding.
    const rows = [
      [1, 2],
      [2, 1],
      [3, 3],
      [4, 1],
      [5, 2],
      [6, 0],
    ];
    writeFileSync(
      join(dir, 'shop.csv'),
      `t,h,sales\n${rows.map(([t, h]) => `${t},${h},${2 * t! + h! - 0.1}`).join('\n')}\n`,
    );
    const trained = await json(
      'train',
      '--data',
      'shop.csv',
      '--target',
      'sales',
      '--layers',
      '1:linear',
      '--optimizer',
      'lbfgs',
      '--epochs',
      '100',
      '--out',
      'shop.json',
      '--card',
      'shop-run.json',
    );
    expect(trained.final.loss).toBeLessThan(1e-12);
    const scored = await json('evaluate', 'shop.json', '--data', 'shop.csv', '--target', 'sales');
    expect(scored.mae).toBeLessThan(1e-6);
    writeFileSync(join(dir, 'new.csv'), 't,h\n10,4\n');
    const predicted = await json('predict', 'shop.json', '--input', 'new.csv');
    expect(predicted.task).toBe('regression');
    expect(predicted.predictions[0]).toBeCloseTo(23.9, 6);
    const csv = await run('predict', 'shop.json', '--input', 'new.csv');
    expect(csv.stdout).toBe(`prediction\n${predicted.predictions[0]}\n`);
    const card = JSON.parse(readFileSync(join(dir, 'shop-run.json'), 'utf8'));
    expect(card.confusion).toBeNull();
    expect(card.resolved.classes).toBeNull();
    expect(card.command).toContain('--target sales');
    const verified = await run('verify', 'shop-run.json');
    expect(verified.code, verified.stdout + verified.stderr).toBe(0);
  });

  it('mistakes are usage errors or failures that say what to do', async () => {
    const both = await run('train', '--data', 'shop.csv', '--target', 'sales', '--label', 't');
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('give it or --label (a class column), not both');
    const builtIn = await run('train', '--data', 'moons', '--target', 'x');
    expect(builtIn.code).toBe(2);
    expect(builtIn.stderr).toContain('--target: moons is a built-in set whose target is fixed');
    const wide = await run('train', '--data', 'icecream', '--layers', '4:relu,2:linear');
    expect(wide.code).toBe(1);
    expect(wide.stderr).toContain('the model has 2 outputs; end --layers with 1:linear');
    const labels = await run('train', '--data', 'icecream', '--labels', 'sorted');
    expect(labels.code).toBe(2);
    expect(labels.stderr).toContain('--labels: a regression (icecream) has no classes');
    const reduction = await run('train', '--data', 'icecream', '--reduction', 'total');
    expect(reduction.code).toBe(2);
    expect(reduction.stderr).toContain(
      "--reduction must be one of mean, halfMean, sum, halfSum, got 'total'",
    );
    await json('train', '--data', 'xor', '--epochs', '1', '--out', 'xor.json');
    const classifier = await run('evaluate', 'xor.json', '--data', 'xor', '--target', 'y');
    expect(classifier.code).toBe(2);
    expect(classifier.stderr).toContain('xor.json is a classifier');
  });
});
