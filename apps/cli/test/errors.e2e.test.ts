import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { activationNames } from '@backprop/activations';
import { initializerNames } from '@backprop/init';
import { lossNames } from '@backprop/losses';
import { optimizerNames } from '@backprop/optim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backprop, tempDir } from './helpers';

const { dir, cleanup } = tempDir();
afterAll(cleanup);
beforeAll(async () => {
  expect(
    (
      await backprop(
        ['train', '--data', 'xor', '--epochs', '5', '--out', 'xor.json', '--quiet'],
        dir,
      )
    ).code,
  ).toBe(0);
  writeFileSync(join(dir, 'broken.json'), '{"format":"backprop.sequential","version":1,');
  writeFileSync(
    join(dir, 'future.json'),
    JSON.stringify({ format: 'backprop.sequential', version: 9 }),
  );
  writeFileSync(join(dir, 'bad.csv'), 'label,a,b\n1,2,3\n0,4\n');
  writeFileSync(join(dir, 'bad.mat'), 'MATLAB 5.0 MAT-file'.padEnd(128, ' '));
  writeFileSync(join(dir, 'three.csv'), 'a,b,c\n1,2,3\n');
  writeFileSync(join(dir, 'planar.csv'), 'label,a,b,c\n1,2,3,4\n0,1,1,1\n');
  writeFileSync(join(dir, 'config-typo.json'), JSON.stringify({ epochz: 3 }));
});

/**
 * Every error: one line on stderr starting "backprop: " that says what is wrong and how to fix it,
 * nothing on stdout, no stack trace, and the right exit code (2 usage, 1 failure).
 */
const cases: [string, string[], number, string | RegExp][] = [
  [
    'an unknown option',
    ['train', '--lrr', '1'],
    2,
    "backprop: unknown option '--lrr' (Did you mean --lr?)",
  ],
  ['an unknown command', ['trian'], 2, "backprop: unknown command 'trian' (Did you mean train?)"],
  [
    'a missing required option',
    ['evaluate', 'xor.json'],
    2,
    "backprop: required option '--data <source>' not specified",
  ],
  [
    'a negative epoch count',
    ['train', '--epochs', '-1'],
    2,
    "backprop: option '--epochs <n>' argument '-1' is invalid. --epochs must be an integer >= 0, got '-1'",
  ],
  [
    'a bad batch size',
    ['train', '--batch-size', 'half'],
    2,
    "backprop: option '--batch-size <n|full>' argument 'half' is invalid. --batch-size must be an integer >= 1, got 'half'",
  ],
  [
    'an unknown activation',
    ['train', '--layers', '5:rleu,1:sigmoid'],
    2,
    `backprop: --layers: unknown activation 'rleu' (did you mean 'relu'?); valid names: ${activationNames.join(', ')}`,
  ],
  [
    'a malformed layer',
    ['train', '--layers', '5relu'],
    2,
    `backprop: --layers: '5relu' is not units:activation[(option)][:nobias][:l1(λ)|:l2(λ)], e.g. 64:relu:l2(0.001),8:leakyRelu(0.1),10:softmax (activations: ${activationNames.join(', ')})`,
  ],
  [
    'an unknown layer modifier',
    ['train', '--layers', '5:relu:l3(0.1),1:sigmoid'],
    2,
    "backprop: --layers: '5:relu:l3(0.1)': 'l3(0.1)' is not nobias, l1(λ) or l2(λ) (each at most once)",
  ],
  [
    'a negative activity λ',
    ['train', '--layers', '5:relu:l2(-1),1:sigmoid'],
    2,
    "backprop: --layers: '5:relu:l2(-1)': λ must be >= 0, got -1",
  ],
  [
    'an option for an activation without one',
    ['train', '--layers', '5:relu(0.1),1:sigmoid'],
    2,
    "backprop: --layers: '5:relu(0.1)': relu takes no option in parentheses",
  ],
  [
    'a bad activation option',
    ['train', '--layers', '5:leakyRelu(x),1:sigmoid'],
    2,
    "backprop: --layers: '5:leakyRelu(x)': 'x' is not a number",
  ],
  [
    'an unknown optimizer',
    ['train', '--optimizer', 'adamm'],
    2,
    `backprop: --optimizer: unknown optimizer 'adamm' (did you mean 'adam'?); valid names: ${optimizerNames.join(', ')}`,
  ],
  [
    'an unknown loss',
    ['train', '--loss', 'crossEntropy'],
    2,
    `backprop: --loss: unknown loss 'crossEntropy'; valid names: ${lossNames.join(', ')}`,
  ],
  [
    'an unknown initializer',
    ['train', '--init', 'glorot'],
    2,
    `backprop: --init: unknown initializer 'glorot'; valid names: ${initializerNames.join(', ')}`,
  ],
  [
    'an unknown dataset',
    ['train', '--data', 'cifar'],
    2,
    "backprop: --data: 'cifar' is not a dataset; use xor, moons, planar, mnist, fashion-mnist, icecream, a .csv file (or - for standard input) or a .mat file (with --x and --y)",
  ],
  [
    'a missing model file',
    ['evaluate', 'nope.json', '--data', 'xor'],
    1,
    'backprop: nope.json: no such file',
  ],
  // The part in brackets is the platform's JSON.parse message.
  [
    'a truncated model file',
    ['evaluate', 'broken.json', '--data', 'xor'],
    1,
    /^backprop: broken.json: not valid JSON \(.+\); the file may be truncated\n$/,
  ],
  [
    'a model from the future',
    ['inspect', 'future.json'],
    1,
    'backprop: future.json: model document: version: is 9, written by a newer backprop; this version reads documents up to version 2 — upgrade @backprop/model',
  ],
  [
    'a ragged CSV',
    ['train', '--data', 'bad.csv'],
    1,
    'backprop: bad.csv: line 3: has 2 cells but the header (line 1) has 3',
  ],
  [
    'a corrupt .mat',
    ['inspect', 'bad.mat'],
    1,
    "backprop: bad.mat: byte 126: not a MAT-file: the endian indicator is missing (expected 'IM' or 'MI', got \"  \")",
  ],
  [
    'data that does not fit the model',
    ['evaluate', 'xor.json', '--data', 'planar.csv'],
    1,
    'backprop: planar.csv has 3 features per sample but the model takes 2 inputs',
  ],
  [
    'labels that do not fit the output layer',
    ['train', '--data', 'mnist', '--samples', '50', '--layers', '8:relu,1:sigmoid'],
    1,
    'backprop: mnist (train) has 10 classes but the model has 1 output; end --layers with 10:softmax',
  ],
  [
    'a CSV without a label column',
    ['train', '--data', 'three.csv'],
    2,
    "backprop: --label: three.csv has no 'label' column; name the label column with --label <name or index>",
  ],
  [
    'a missing .mat variable',
    ['cost', '--weights', 'bad.mat', '--data', 'bad.mat'],
    1,
    "backprop: bad.mat: byte 126: not a MAT-file: the endian indicator is missing (expected 'IM' or 'MI', got \"  \")",
  ],
  [
    'a typo in a config file',
    ['train', '--config', 'config-typo.json'],
    2,
    // Every train option's camelCase name is listed (not pinned here: the list grows with train).
    /^backprop: --config: config-typo\.json: unknown option 'epochz'; valid keys: data, layers, loss, reduction, optimizer, lr, epochs, (\w+, )+doctor\n$/,
  ],
  [
    'a missing config file',
    ['train', '--config', 'none.json'],
    2,
    'backprop: --config: none.json: no such file',
  ],
  [
    'two penalties',
    ['train', '--l1', '0.1', '--l2', '0.1'],
    2,
    'backprop: --l1 and --l2: choose one penalty',
  ],
  [
    'two penalties for a gradient check',
    ['gradcheck', '--layers', '3:tanh,1:sigmoid', '--l1', '0.1', '--l2', '0.1'],
    2,
    'backprop: --l1 and --l2: choose one penalty',
  ],
  [
    'gradcheck without a network',
    ['gradcheck'],
    2,
    'backprop: gradcheck: give a model file or --layers',
  ],
  [
    'an input of an unknown kind',
    ['predict', 'xor.json', '--input', 'xor.json'],
    2,
    "backprop: --input: 'xor.json' is not a .csv, .idx (or .gz) or .mat file, or - for CSV on standard input",
  ],
];

describe('errors: one line, the right exit code, no stack trace', () => {
  it.each(cases.filter(([, , code]) => code !== 0))('%s', async (_, args, code, message) => {
    const r = await backprop(args, dir);
    if (typeof message === 'string') expect(r.stderr).toBe(`${message}\n`);
    else expect(r.stderr).toMatch(message);
    expect(r.code).toBe(code);
    expect(r.stdout).toBe('');
  });

  it('--verbose adds the stack trace', async () => {
    const r = await backprop(['evaluate', 'nope.json', '--data', 'xor', '--verbose'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^backprop: nope.json: no such file\nCliError: nope.json: no such file\n {4}at /,
    );
  });
});
