import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backprop, tempDir } from './helpers';

const { dir, cleanup } = tempDir();
afterAll(cleanup);
const run = (...args: string[]) => backprop(args, dir);
const card = () => JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8'));
/** A copy of run.json with `edit` applied, as `name`. */
// biome-ignore lint/suspicious/noExplicitAny: a card as parsed JSON, edited freely by the tests
function tampered(name: string, edit: (c: Record<string, any>) => void): string {
  const c = card();
  edit(c);
  writeFileSync(join(dir, name), JSON.stringify(c));
  return name;
}

beforeAll(async () => {
  const r = await run(
    'train',
    '--data',
    'moons',
    '--epochs',
    '4',
    '--validation-split',
    '0.2',
    '--card',
    'run.json',
    '--out',
    'model.json',
    '--quiet',
  );
  expect(r.code, r.stderr).toBe(0);
  expect(r.stdout).toContain(
    'wrote the run card to run.json (check it with: backprop verify run.json)',
  );
});

describe('run cards', () => {
  it('record the settings, data hash, per-epoch metrics and fingerprints, confusion matrix, warnings and timings', () => {
    const c = card();
    expect(c.format).toBe('backprop.run-card');
    expect(c.config).toMatchObject({ data: 'moons', epochs: 4, validationSplit: 0.2, seed: 0 });
    expect(c.command).toBe(
      'backprop train --data moons --optimizer adam --epochs 4 --batch-size 32 --validation-split 0.2 --seed 0',
    );
    expect(c.configHash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(c.data).toMatchObject({
      name: 'moons',
      samples: 400,
      validationSamples: 100,
      features: 2,
    });
    expect(c.environment.kernel).toMatch(/^(wasm-simd|js)$/);
    expect(c.environment.node).toBe(process.version);
    expect(c.epochs).toHaveLength(4);
    for (const e of c.epochs) {
      expect(e.fingerprint).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(e.valLoss).toBeGreaterThan(0);
    }
    expect(c.weights).toBe(c.epochs[3].fingerprint);
    // The confusion matrix counts every held-out row once.
    const validation: number[][] = c.confusion.validation;
    expect(validation.flat().reduce((a, b) => a + b, 0)).toBe(100);
    expect(c.confusion.training.flat().reduce((a: number, b: number) => a + b, 0)).toBe(400);
    expect(Array.isArray(c.warnings)).toBe(true);
    expect(c.timings.trainSeconds).toBeGreaterThan(0);
  });

  it('the saved model carries the same fingerprints and hashes (inspect shows them)', async () => {
    const r = await run('inspect', 'model.json', '--json');
    expect(r.code, r.stderr).toBe(0);
    const c = card();
    const details = JSON.parse(r.stdout);
    expect(details.fingerprint).toBe(c.weights);
    expect(details.run.weights).toBe(c.weights);
    expect(details.run.epochs.map((e: { fingerprint: string }) => e.fingerprint)).toEqual(
      c.epochs.map((e: { fingerprint: string }) => e.fingerprint),
    );
    expect(details.run.data).toBe(c.data.sha256);
    expect(details.run.config).toBe(c.configHash);
  });

  it('the history file has the fingerprint of every epoch', async () => {
    const r = await run('train', '--data', 'xor', '--epochs', '3', '--history', 'h.csv', '--quiet');
    expect(r.code, r.stderr).toBe(0);
    const lines = readFileSync(join(dir, 'h.csv'), 'utf8').trim().split('\n');
    expect(lines[0]).toMatch(/,fingerprint$/);
    expect(lines[3]).toMatch(/,sha256:[0-9a-f]{64}$/);
  });
});

describe('backprop verify', () => {
  it('replays the run and confirms every epoch bit for bit (exit 0)', async () => {
    const r = await run('verify', 'run.json');
    expect(r.code, r.stderr + r.stdout).toBe(0);
    expect(r.stdout.match(/matches/g)).toHaveLength(4);
    expect(r.stdout).toContain(
      'verified: all 4 epochs and the final weights match the card bit for bit',
    );
  });

  it('names the first mismatching epoch and why when a config value was tampered with (exit 1)', async () => {
    const name = tampered('lr.json', (c) => {
      c.config.lr = 0.002;
    });
    const r = await run('verify', name);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/epoch {3}1 {2}DIFFERS/);
    expect(r.stdout).toContain('not verified: the replay first differs from the card at epoch 1');
    expect(r.stdout).toMatch(/the card's config was edited after the run/);
    // It stops at the first mismatch rather than replaying the rest.
    expect(r.stdout).not.toMatch(/epoch {3}2/);
  });

  it('a later first mismatch is named as such: more epochs than the card has', async () => {
    const r = await run(
      'verify',
      tampered('epochs.json', (c) => {
        c.config.epochs = 5;
      }),
      '--json',
    );
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc.verified).toBe(false);
    expect(doc.firstMismatch).toBe(5);
    expect(doc.epochs.slice(0, 4).every((e: { matches: boolean }) => e.matches)).toBe(true);
    expect(doc.differences.map((d: { code: string }) => d.code)).toContain('CARD_EDITED');
  });

  it("an edited figure fails too: the replay's loss is compared bit for bit", async () => {
    const r = await run(
      'verify',
      tampered('loss.json', (c) => {
        c.epochs[2].loss = 0.01;
      }),
    );
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/epoch {3}3 {2}DIFFERS/);
    expect(r.stdout).toMatch(/same weights, but loss 0\.01 on the card, 0\.\d+ in the replay/);
    expect(r.stdout).toContain('first differs from the card at epoch 3 (the same weights');
  });

  it('an edit that changes no weight and no figure still fails: the card no longer matches its hash', async () => {
    const r = await run(
      'verify',
      tampered('limit.json', (c) => {
        c.config.maxParameters = 1000;
      }),
    );
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('not verified: the weights match, but the card was edited');
  });

  it('a tampered fingerprint is the first mismatch, with no known difference to blame', async () => {
    const r = await run(
      'verify',
      tampered('fp.json', (c) => {
        c.epochs[1].fingerprint = `sha256:${'0'.repeat(64)}`;
      }),
    );
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('first differs from the card at epoch 2');
    expect(r.stdout).toContain('why: no known difference');
  });

  it('reports another engine, kernel and data as the likely reasons', async () => {
    const r = await run(
      'verify',
      tampered('env.json', (c) => {
        c.environment.node = 'v18.0.0';
        c.environment.kernel = c.environment.kernel === 'js' ? 'wasm-simd' : 'js';
        c.data.sha256 = `sha256:${'1'.repeat(64)}`;
      }),
      '--json',
    );
    // The weights still match: the differences are reported, and the card counts as edited
    // only through its config hash (untouched here), so the run verifies.
    expect(r.code, r.stdout).toBe(0);
    const codes = JSON.parse(r.stdout).differences.map((d: { code: string }) => d.code);
    expect(codes).toEqual(expect.arrayContaining(['DATA', 'KERNEL', 'ENGINE']));
  });

  it('reads the Markdown card (its JSON section) and finds data that moved with the card', async () => {
    const sub = join(dir, 'moved');
    mkdirSync(sub, { recursive: true });
    const rows = ['x1,x2,label', '0,0,0', '0,1,1', '1,0,1', '1,1,0', '0.5,0.2,1', '0.1,0.9,0'];
    writeFileSync(join(sub, 'tiny.csv'), `${rows.join('\n')}\n`);
    const t = await backprop(
      ['train', '--data', 'tiny.csv', '--epochs', '3', '--batch-size', '2', '--card', 'run.md'],
      sub,
    );
    expect(t.code, t.stderr).toBe(0);
    const md = readFileSync(join(sub, 'run.md'), 'utf8');
    expect(md).toMatch(/^# Run card: tiny\.csv, 3 epochs/);
    expect(md).toContain('| epoch | loss | accuracy | seconds | fingerprint |');
    expect(md).toContain('## Machine-readable card');
    const r = await run('verify', join('moved', 'run.md'));
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('verified: all 3 epochs');
    // Changed data: the hash says so, and the weights differ from epoch 1.
    writeFileSync(join(sub, 'tiny.csv'), `${rows.join('\n').replace('0.5,0.2', '0.5,0.3')}\n`);
    const changed = await run('verify', join('moved', 'run.md'));
    expect(changed.code).toBe(1);
    expect(changed.stdout).toContain('the training data differ from the run');
    expect(changed.stdout).toContain('at epoch 1');
  });

  it('a file that is not a card, a future card, a card with foreign settings: errors naming the file', async () => {
    writeFileSync(join(dir, 'not.json'), '{"format":"something"}');
    const notCard = await run('verify', 'not.json');
    expect(notCard.code).toBe(1);
    expect(notCard.stderr).toContain(
      "backprop: not.json: not a run card (format is not 'backprop.run-card')",
    );
    const future = await run(
      'verify',
      tampered('future.json', (c) => (c.version = 99)),
    );
    expect(future.stderr).toMatch(
      /future\.json: card version 99 is newer than this backprop reads/,
    );
    const foreign = await run(
      'verify',
      tampered('foreign.json', (c) => (c.config.out = 'x.json')),
    );
    expect(foreign.code).toBe(2);
    expect(foreign.stderr).toMatch(/foreign\.json: config: 'out' is not a training setting/);
    const badValue = await run(
      'verify',
      tampered('bad.json', (c) => (c.config.epochs = -3)),
    );
    expect(badValue.code).toBe(2);
    expect(badValue.stderr).toMatch(/bad\.json: config: epochs: /);
    writeFileSync(join(dir, 'empty.md'), '# notes\n');
    const md = await run('verify', 'empty.md');
    expect(md.stderr).toMatch(/empty\.md: no machine-readable card/);
    const missing = await run('verify', 'nowhere.json');
    expect(missing.stderr).toContain('nowhere.json: no such file');
  });

  it('fingerprints are the documented SHA-256 of the weights (recomputed from the saved model)', () => {
    const doc = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8'));
    const hash = createHash('sha256');
    doc.layers.forEach(
      (layer: { tensors: Record<string, { shape: number[]; float64: string }> }, i: number) => {
        for (const [name, t] of Object.entries(layer.tensors)) {
          hash.update(`${i}.${name}:${t.shape[0]}x${t.shape[1]}\n`);
          hash.update(Buffer.from(t.float64, 'base64'));
        }
      },
    );
    expect(`sha256:${hash.digest('hex')}`).toBe(card().weights);
  });
});

describe('a real MNIST run card', () => {
  it('3 epochs on genuine MNIST digits (the first 6000): train --card run.md, then verify', async () => {
    const t = await run(
      'train',
      '--data',
      'mnist',
      '--samples',
      '6000',
      '--epochs',
      '3',
      '--batch-size',
      '64',
      '--validation-split',
      '0.1',
      '--card',
      'mnist.md',
      '--quiet',
    );
    expect(t.code, t.stderr).toBe(0);
    const md = readFileSync(join(dir, 'mnist.md'), 'utf8');
    expect(md).toContain('## Confusion matrix (validation rows)');
    expect(md).toContain('| true \\ predicted | 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 |');
    const r = await run('verify', 'mnist.md');
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain(
      'verified: all 3 epochs and the final weights match the card bit for bit',
    );
  });
});
