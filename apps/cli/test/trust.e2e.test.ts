import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { load } from '@backprop/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gzip, idxFile } from '../../../packages/data/test/helpers/idx-writer';
import { backprop, bin, tempDir } from './helpers';

const { dir, cleanup } = tempDir();
afterAll(cleanup);
const run = (...args: string[]) => backprop(args, dir);
const file = (name: string, text: string) => writeFileSync(join(dir, name), text);

/** Four separable clusters (labels 0..3), one feature per class: any small network learns them. */
function clusters(labels: number[], repeat: number): string {
  const rows = ['label,a,b,c,d'];
  for (let r = 0; r < repeat; r++)
    for (const k of labels)
      rows.push(
        `${k},${[0, 1, 2, 3].map((j) => (j === k % 4 ? 3 : 0) + ((r * 7 + j) % 5) * 0.01).join(',')}`,
      );
  return `${rows.join('\n')}\n`;
}

beforeAll(async () => {
  file('train4.csv', clusters([0, 1, 2, 3], 30));
  file('test-no0.csv', clusters([1, 2, 3], 10));
  const r = await run(
    'train',
    '--data',
    'train4.csv',
    '--epochs',
    '60',
    '--out',
    'c4.json',
    '--quiet',
  );
  expect(r.code, r.stderr).toBe(0);
});

describe('output paths are checked before the first epoch (exit 2, one line naming the path)', () => {
  it.each<[string, string[], string]>([
    [
      'a missing directory',
      ['--out', 'no/such/dir/m.json'],
      'backprop: --out: no/such/dir/m.json: the directory no/such/dir does not exist',
    ],
    [
      'a directory',
      ['--out', '.'],
      'backprop: --out: . is a directory; give a file name (e.g. model.json)',
    ],
    [
      'a place that takes no files',
      ['--history', '/proc/h.csv'],
      'backprop: --history: /proc/h.csv: cannot write in /proc (it does not take new files)',
    ],
    [
      'the same file twice',
      ['--out', 'x.json', '--history', 'x.json'],
      'backprop: --out and --history both name x.json; give each output its own file',
    ],
  ])('%s', async (_, flags, message) => {
    const r = await run('train', '--data', 'xor', '--epochs', '5', ...flags);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`${message}\n`);
  });
});

describe('labels mean the same thing in every file', () => {
  it('a test file without class 0 is scored with the model’s mapping (it used to be shifted to 0%)', async () => {
    const r = await run('evaluate', 'c4.json', '--data', 'test-no0.csv', '--json');
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.accuracy).toBe(1);
    expect(j.classes.map((c: { support: number }) => c.support)).toEqual([0, 10, 10, 10]);
    expect(load(readFileSync(join(dir, 'c4.json'), 'utf8')).classes).toEqual({
      values: [0, 1, 2, 3],
      names: ['0', '1', '2', '3'],
    });
  });

  it('a label the model does not know is an error naming the line and the value', async () => {
    file('unknown.csv', 'label,a,b,c,d\n1,0,3,0,0\n7,0,0,3,0\n');
    const r = await run('evaluate', 'c4.json', '--data', 'unknown.csv');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      "backprop: unknown.csv: line 3, column 'label': label 7 is not one of the model's classes (0..3)\n",
    );
  });

  it("--labels course maps 1..K (K = digit 0) explicitly, and predictions print the file's values", async () => {
    file('course.csv', clusters([1, 2, 3, 4], 30).replaceAll(/^4,/gm, '4,'));
    const t = await run(
      'train',
      '--data',
      'course.csv',
      '--labels',
      'course',
      '--epochs',
      '60',
      '--out',
      'course.json',
      '--quiet',
    );
    expect(t.code, t.stderr).toBe(0);
    expect(load(readFileSync(join(dir, 'course.json'), 'utf8')).classes).toEqual({
      values: [1, 2, 3, 4],
      names: ['1', '2', '3', '0'],
    });
    const e = await run('evaluate', 'course.json', '--data', 'course.csv');
    expect(e.stdout).toMatch(
      /confusion matrix \(rows: true class, columns: predicted\)\n +1 +2 +3 +0\n/,
    );
    file('points.csv', 'a,b,c,d\n0,3,0,0\n3,0,0,0\n');
    const p = await run('predict', 'course.json', '--input', 'points.csv', '--json');
    // Feature b marks label 1, feature a label 4 (which the course calls digit 0).
    expect(JSON.parse(p.stdout)).toMatchObject({ predictions: [1, 4], names: ['1', '0'] });
  });

  it.each<[string, string, RegExp]>([
    [
      'beyond 32 bits',
      '4294967297',
      /^backprop: bad\.csv: line 3, column 'label': label 4294967297 would make 4294967298 classes with --labels index \(at most 65536\)/,
    ],
    ['huge', '1e300', /^backprop: bad\.csv: line 3, column 'label': label 1e\+300 would make/],
    [
      'not an integer',
      '2.5',
      /^backprop: bad\.csv: line 3, column 'label': label 2\.5 is not a class index \(an integer >= 0\); use --labels sorted/,
    ],
    [
      'a hundred million',
      '100000000',
      /^backprop: bad\.csv: line 3, column 'label': label 100000000 would make 100000001 classes/,
    ],
  ])('a CSV label %s is a clear error, never wrapped or allocated', async (_, label, message) => {
    file('bad.csv', `label,a\n0,1\n${label},2\n1,3\n`);
    const r = await run('train', '--data', 'bad.csv', '--epochs', '1');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(message);
  });

  it('one class only, and a one-unit softmax, are refused with what to use instead', async () => {
    file('one.csv', 'label,a\n3,1\n3,2\n');
    expect((await run('train', '--data', 'one.csv')).stderr).toBe(
      'backprop: one.csv: the labels hold only one class (3); a classifier needs at least two — check --label names the right column and that --samples keeps every class\n',
    );
    const r = await run('train', '--data', 'xor', '--layers', '8:relu,1:softmax');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /a softmax over 1 unit always outputs 1; for two classes end with 1:sigmoid/,
    );
  });
});

describe('divergence and non-finite numbers are never silent', () => {
  it('adam with --lr 1e6 on moons stops with exit 1 naming epoch, batch and layer', async () => {
    const r = await run('train', '--data', 'moons', '--optimizer', 'adam', '--lr', '1e6');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /\nbackprop: fit: epoch 1, batch \d+: layer \d \(dense .*\): its (weights|pre-activations Z) reach .*; the training exploded/,
    );
  });

  it('inputs of 1e300 are an error that says to scale them', async () => {
    file('huge.csv', 'label,a,b\n0,1e300,0\n1,0,1e300\n0,2e300,0\n1,0,2e300\n');
    const r = await run('train', '--data', 'huge.csv');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/the inputs reach 2\.00e\+300: scale them/);
  });

  it('a saved model with NaN weights is refused at load; a non-finite prediction fails', async () => {
    const doc = JSON.parse(readFileSync(join(dir, 'c4.json'), 'utf8'));
    const W = Buffer.from(doc.layers[0].tensors.W.float64, 'base64');
    W.writeDoubleLE(Number.NaN, 8);
    doc.layers[0].tensors.W.float64 = W.toString('base64');
    file('nan.json', JSON.stringify(doc));
    const r = await run('evaluate', 'nan.json', '--data', 'test-no0.csv');
    expect(r.code).toBe(1);
    // The checksum no longer matches either; the weights are reported first, where they are.
    expect(r.stderr).toBe(
      'backprop: nan.json: layers[0].tensors.W.float64: entry (0, 1) is NaN; a model with non-finite weights cannot predict (it was saved after diverging, or the file was edited)\n',
    );
    writeFileSync(
      join(dir, 'nan.idx'),
      idxFile('float64', [2, 4], [1, 2, 3, 4, 1, Number.NaN, 3, 4]),
    );
    const p = await run('predict', 'c4.json', '--input', 'nan.idx');
    expect(p.code).toBe(1);
    expect(p.stdout).toBe('');
    expect(p.stderr).toBe(
      'backprop: predict: the output for row 1 is NaN: the input row itself holds NaN or Infinity\n',
    );
  });
});

/** A run with the probe preloaded: exit code, stderr, peak RSS in bytes and CPU seconds. */
async function measured(...args: string[]) {
  const r = await backprop(args, dir, { nodeArgs: ['-r', resolve(__dirname, 'rss-probe.cjs')] });
  const m = /probe: maxrss (\d+) cpu ([\d.]+)/.exec(r.stderr);
  return {
    ...r,
    rss: Number(m![1]),
    cpu: Number(m![2]),
    stderr: r.stderr.replace(/\nprobe: .*\n$/, ''),
  };
}

// CPU time rather than wall time: the bound holds on a busy machine. 200 MB covers Node itself.
describe('bad input fails fast and small (< 1 s of CPU, < 200 MB)', () => {
  it.each<[string, string[], number, RegExp]>([
    [
      'a billion-unit layer',
      ['train', '--layers', '1000000000:relu,1:sigmoid'],
      2,
      /^backprop: --layers: sequential: the model would have 4,000,000,001 parameters \(32\.0 GB of float64 weights, about 128 GB to train with Adam\), more than the limit of 100,000,000; use fewer or smaller layers, or raise --max-parameters\n$/,
    ],
    [
      'an absurd unit count',
      ['train', '--layers', '99999999999999999999:relu,1:sigmoid'],
      2,
      /^backprop: --layers: '99999999999999999999:relu': 99999999999999999999 units is not a layer size anyone can train\n$/,
    ],
    [
      'a gzip bomb',
      ['predict', 'c4.json', '--input', 'bomb.idx.gz'],
      1,
      /^backprop: bomb\.idx\.gz: byte 4: declares \[1000000x28x28\] uint8 values: 784 MB of data, 6272 MB as float64 — more than maxBytes/,
    ],
    [
      'a model of 20000 dropout layers',
      ['evaluate', 'deep.json', '--data', 'xor'],
      1,
      /^backprop: deep\.json: layers: holds 20002 layers, more than the limit of 10000/,
    ],
  ])('%s', async (_, args, code, message) => {
    writeFileSync(
      join(dir, 'bomb.idx.gz'),
      gzip(idxFile('uint8', [1_000_000, 28, 28], new Uint8Array(784 * 1000))),
    );
    const doc = JSON.parse(readFileSync(join(dir, 'c4.json'), 'utf8'));
    doc.layers = [
      doc.layers[0],
      ...Array.from({ length: 20_000 }, () => ({ type: 'dropout', rate: 0.5 })),
      doc.layers[1],
    ];
    file('deep.json', JSON.stringify(doc));
    const r = await measured(...args);
    expect(r.code).toBe(code);
    expect(r.stderr).toMatch(message);
    expect(r.cpu).toBeLessThan(1);
    expect(r.rss).toBeLessThan(200e6);
  });

  it('gradcheck of a 500-500 network checks a seeded subset by default, and says so', async () => {
    const r = await run(
      'gradcheck',
      '--layers',
      '500:tanh,500:tanh,1:sigmoid',
      '--inputs',
      '4',
      '--samples',
      '4',
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(
      /checked a seeded subset of 1001 of 253501 entries \(--max-entries all checks every one\)/,
    );
    expect(r.stdout).toMatch(/\nPASS: /);
  });
});

describe('flags that used to be ignored or wrapped', () => {
  it.each<[string, string[], RegExp]>([
    [
      '--lr with lbfgs',
      ['--optimizer', 'lbfgs', '--lr', '0.1'],
      /^backprop: --lr: lbfgs finds its step by a line search and takes no learning rate/,
    ],
    [
      '--seed 1e20',
      ['--seed', '1e20'],
      /--seed must be an integer from 0 to 9007199254740991, got '1e20'/,
    ],
    [
      'a validation split of zero rows',
      ['--validation-split', '0.1'],
      /^backprop: --validation-split: 0\.1 of the 4 samples of xor holds out no row; use at least 0\.25, or none\n$/,
    ],
  ])('%s is a usage error', async (_, flags, message) => {
    const r = await run('train', '--data', 'xor', ...flags);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it('the training header counts the samples trained after the validation split', async () => {
    const r = await run('train', '--data', 'moons', '--epochs', '1', '--validation-split', '0.2');
    expect(r.stderr).toMatch(/ on moons: 400 samples \(100 more held out for validation\), adam/);
  });

  it('CSV numbers with spaces around them train', async () => {
    file('spaced.csv', 'label, a , b\n 0 , 0 ,0\n1, 1 , 0 \n1,0,1\n0 ,1,1\n');
    expect((await run('train', '--data', 'spaced.csv', '--epochs', '1')).code).toBe(0);
  });
});

describe('the CLI behaves like a Unix tool', () => {
  const shell = (command: string) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((done) => {
      execFile('bash', ['-c', command], { cwd: dir, encoding: 'utf8' }, (e, stdout, stderr) =>
        done({ code: e ? Number(e.code) : 0, stdout, stderr }),
      );
    });

  it('a closed stdout ends the command quietly (no EPIPE stack trace)', async () => {
    file('many.csv', `a,b,c,d\n${'1,0,0,0\n'.repeat(50_000)}`);
    const p = await shell(
      `set -o pipefail; node ${bin} predict c4.json --input many.csv 2>err.txt | head -1`,
    );
    expect(p.stdout).toMatch(/^prediction,output0,output1,output2,output3\n$/);
    expect(readFileSync(join(dir, 'err.txt'), 'utf8')).toBe('');
    expect(p.code).toBe(0);
    const h = await shell(`set -o pipefail; node ${bin} evaluate --help 2>err.txt | head -1`);
    expect(h.stdout).toBe('Usage: backprop evaluate [options] <model.json>\n');
    expect(readFileSync(join(dir, 'err.txt'), 'utf8')).toBe('');
  });

  it('--input - and --data - read CSV from standard input', async () => {
    const p = await backprop(['predict', 'c4.json', '--input', '-'], dir, {
      input: 'a,b,c,d\n0,3,0,0\n',
    });
    expect(p.code, p.stderr).toBe(0);
    expect(p.stdout.split('\n')[1]!.split(',')[0]).toBe('1');
    const e = await backprop(['evaluate', 'c4.json', '--data', '-', '--json'], dir, {
      input: clusters([1, 2], 3),
    });
    expect(JSON.parse(e.stdout)).toMatchObject({ data: '<stdin>', samples: 6, accuracy: 1 });
  });

  it('under --json an error is a JSON document on stdout and one line on stderr', async () => {
    const u = await run('train', '--epochz', '3', '--json');
    expect(u.code).toBe(2);
    expect(JSON.parse(u.stdout)).toEqual({
      error: {
        code: 'commander.unknownOption',
        message: "unknown option '--epochz' (Did you mean --epochs?)",
        exitCode: 2,
      },
    });
    expect(u.stderr).toBe("backprop: unknown option '--epochz' (Did you mean --epochs?)\n");
    const d = await run('evaluate', 'c4.json', '--data', 'unknown.csv', '--json');
    expect(d.code).toBe(1);
    expect(JSON.parse(d.stdout).error).toMatchObject({ code: 'FAILURE', exitCode: 1 });
    file('broken.csv', 'label,a\n0,1\n1,x\n');
    const b = await run('train', '--data', 'broken.csv', '--json');
    expect(JSON.parse(b.stdout).error).toEqual({
      code: 'BAD_NUMBER',
      message: 'broken.csv: line 3, column 3: "x" (column \'a\') is not a number',
      exitCode: 1,
      file: 'broken.csv',
      line: 3,
      column: 3,
    });
  });
});
