import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from '@backprop/model';
import { afterAll, describe, expect, it } from 'vitest';
import { idxFile } from '../../../packages/data/test/helpers/idx-writer';
import { matFile } from '../../../packages/mat/test/helpers/mat-writer';
import reference from '../../../packages/model/test/fixtures/coursera-reference.json';
import { dataset, datasetSuite, haveDatasets } from '../../../tooling/test-support/datasets';
import { backprop, backpropJson, courseraStandInMat, tempDir } from './helpers';

const { dir, cleanup } = tempDir();
afterAll(cleanup);
const run = (...args: string[]) => backprop(args, dir);
const json = (...args: string[]) => backpropJson(dir, ...args);

describe('train → evaluate → predict on XOR', () => {
  it('train: saves a loadable model and the history, prints a summary, plain progress lines when not a TTY', async () => {
    const r = await run(
      'train',
      '--data',
      'xor',
      '--optimizer',
      'sgd',
      '--lr',
      '1',
      '--batch-size',
      'full',
      '--epochs',
      '2000',
      '--out',
      'xor.json',
      '--history',
      'xor.csv',
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(
      'done after 2000 epochs: loss 0.0042, accuracy 100.00%\nsaved the model to xor.json\nwrote the history to xor.csv\n',
    );
    expect(r.stderr).toMatch(
      /^training Sequential\(2 inputs → 1 output, 21 params\) on xor: 4 samples, sgd, batch full, 2000 epochs, float64, \d+ matrix threads?( \(.+\))?\n/,
    );
    expect(r.stderr).toMatch(/\nepoch 1\/2000 {2}loss 0.7439 {2}accuracy 50.00% {2}\d+\.\d s\n/);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: checks that no ANSI escapes reach a pipe
    expect(r.stderr).not.toMatch(/\r|\x1b\[/); // no bar redraws in a pipe
    expect(load(readFileSync(join(dir, 'xor.json'), 'utf8')).outputSize).toBe(1);
    const csv = readFileSync(join(dir, 'xor.csv'), 'utf8').trim().split('\n');
    expect(csv[0]).toBe('epoch,loss,accuracy,seconds,learningRate,fingerprint');
    expect(csv).toHaveLength(2001);
  });

  it('evaluate: loss, accuracy, per-class table and the confusion matrix', async () => {
    const r = await run('evaluate', 'xor.json', '--data', 'xor');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('binaryCrossEntropy 0.00422229   accuracy 100.00%');
    expect(r.stdout).toContain(
      'confusion matrix (rows: true class, columns: predicted)\n   0  1\n0  2  0\n1  0  2\n',
    );
    const j = await json('evaluate', 'xor.json', '--data', 'xor');
    expect(j).toMatchObject({
      command: 'evaluate',
      accuracy: 1,
      confusionMatrix: [
        [2, 0],
        [0, 2],
      ],
      loss: { name: 'binaryCrossEntropy' },
    });
    expect(j.classes[1]).toEqual({
      class: 1,
      label: 1,
      name: '1',
      precision: 1,
      recall: 1,
      f1: 1,
      support: 2,
    });
  });

  it('predict: CSV by default (a label column is dropped), JSON, and to a file', async () => {
    writeFileSync(join(dir, 'in.csv'), 'x1,x2\n0,0\n0,1\n1,1\n');
    writeFileSync(join(dir, 'labelled.csv'), 'label,x1,x2\n0,0,0\n1,0,1\n');
    const csv = await run('predict', 'xor.json', '--input', 'in.csv');
    expect(csv.code, csv.stderr).toBe(0);
    const lines = csv.stdout.trim().split('\n');
    expect(lines[0]).toBe('prediction,output0');
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['0', '1', '0']);
    expect((await json('predict', 'xor.json', '--input', 'labelled.csv')).predictions).toEqual([
      0, 1,
    ]);
    expect((await run('predict', 'xor.json', '--input', 'in.csv', '--out', 'p.csv')).code).toBe(0);
    expect(readFileSync(join(dir, 'p.csv'), 'utf8')).toBe(csv.stdout);
  });

  it('predict reads IDX images (scaled by 1/255) and .mat inputs', async () => {
    writeFileSync(join(dir, 'pts.idx'), idxFile('uint8', [2, 2], [0, 0, 255, 0]));
    expect((await json('predict', 'xor.json', '--input', 'pts.idx')).predictions).toEqual([0, 1]);
    writeFileSync(
      join(dir, 'pts.mat'),
      matFile({ X: { class: 'double', dims: [2, 2], data: [0, 1, 1, 1] } }),
    );
    expect((await json('predict', 'xor.json', '--input', 'pts.mat')).predictions).toEqual([1, 0]);
  });
});

describe('gradcheck', () => {
  it('PASS with exit code 0 on a fresh network, with a table of tensors', async () => {
    const r = await run('gradcheck', '--layers', '5:tanh,4:sigmoid,3:softmax', '--l2', '0.5');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(
      /^layer +param +shape +checked +relative error\n0 +W +4x5 +20 +\d\.\d\de-1\d +ok\n/,
    );
    expect(r.stdout).toMatch(/\nPASS: max relative error \d\.\d\de-1\d < threshold 1e-7\n$/);
  });

  it('FAIL with exit code 1 when the threshold is not met; JSON on a saved model', async () => {
    const r = await run('gradcheck', '--layers', '5:tanh,1:sigmoid', '--threshold', '1e-14');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/\nFAIL: max relative error .* >= threshold 1e-14\n$/);
    const j = await json('gradcheck', 'xor.json', '--data', 'xor');
    expect(j.pass).toBe(true);
    expect(j.tensors).toHaveLength(4);
  });
});

describe('--layers options: activation option, no bias, activity regulariser', () => {
  it('trains, saves them, inspect shows them and gradcheck passes on them', async () => {
    const layers = '4:leakyRelu(0.1):l2(0.01),3:tanh:nobias:l1(0.02),1:sigmoid';
    const r = await run(
      'train',
      '--data',
      'xor',
      '--layers',
      layers,
      '--epochs',
      '5',
      '--out',
      'mods.json',
    );
    expect(r.code, r.stderr).toBe(0);
    const shown = (await run('inspect', 'mods.json')).stdout;
    expect(shown).toContain('dense 2→4 leakyRelu (activity l2 0.01)');
    expect(shown).toContain('dense 4→3 tanh (no bias) (activity l1 0.02)');
    const layer0 = (await json('inspect', 'mods.json')).layers[0];
    expect(layer0.config.activation).toEqual({ name: 'leakyRelu', config: { alpha: 0.1 } });
    const check = await json('gradcheck', 'mods.json', '--data', 'xor');
    expect(check.pass).toBe(true);
  });
});

describe('inspect', () => {
  it('a model, a CSV, an IDX file', async () => {
    expect((await run('inspect', 'xor.json')).stdout).toMatch(
      /^xor.json: backprop model \(document version 2\)\nSequential\(2 inputs → 1 output, 21 params\)/,
    );
    expect(await json('inspect', 'labelled.csv')).toMatchObject({
      kind: 'csv',
      rows: 2,
      features: 2,
      label: 'label',
      labelCounts: { 0: 1, 1: 1 },
    });
    writeFileSync(join(dir, 'labels.idx'), idxFile('uint8', [5], [1, 1, 0, 2, 1]));
    expect(await json('inspect', 'labels.idx')).toMatchObject({
      kind: 'idx',
      type: 'uint8',
      dims: [5],
      labelCounts: { 0: 1, 1: 3, 2: 1 },
    });
  });
});

describe('--config files', () => {
  it('reads every option from the file; flags given on the command line win', async () => {
    writeFileSync(
      join(dir, 'train.json'),
      JSON.stringify({
        data: 'moons',
        layers: '6:relu,1:sigmoid',
        epochs: 3,
        batchSize: 'full',
        seed: 4,
        samples: 50,
      }),
    );
    const j = await json('train', '--config', 'train.json', '--epochs', '2');
    expect(j).toMatchObject({ data: 'moons', samples: 50, model: { parameters: 25 } });
    expect(j.epochs).toHaveLength(2);
  });
});

describe.skipIf(!haveDatasets)(
  datasetSuite('backprop cost and inspect on the course files'),
  () => {
    it("cost equals numpy's for ex4weights.mat on the 20 reference inputs (λ = 0 and 1)", async () => {
      writeFileSync(join(dir, 'ex4inputs.mat'), courseraStandInMat());
      const weights = dataset('coursera/ex4weights.mat');
      const c0 = await json('cost', '--weights', weights, '--data', 'ex4inputs.mat');
      const c1 = await json(
        'cost',
        '--weights',
        weights,
        '--data',
        'ex4inputs.mat',
        '--lambda',
        '1',
      );
      expect(Math.abs(c0.cost - reference.cost) / reference.cost).toBeLessThan(1e-12);
      expect(Math.abs(c1.cost - reference.costLambda1) / reference.costLambda1).toBeLessThan(1e-12);
      expect((await run('cost', '--weights', weights, '--data', 'ex4inputs.mat')).stdout).toBe(
        `cost ${Number(reference.cost.toPrecision(6))} (λ = 0, m = 20)\n`,
      );
    });

    it('inspect lists a .mat file’s variables with class, dims and range', async () => {
      const r = await run('inspect', dataset('coursera/ex8_movies.mat'));
      expect(r.stdout).toMatch(
        /MAT-file v5, little-endian, 2 variables\nname +class +dims +min +max\nY +double +1682x943 +0 +5\nR +logical +1682x943 +0 +1\n/,
      );
    });
  },
);
