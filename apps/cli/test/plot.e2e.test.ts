import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backprop, tempDir } from './helpers';

const { dir, cleanup } = tempDir();
afterAll(cleanup);
const run = (...args: string[]) => backprop(args, dir);
const read = (name: string) => readFileSync(join(dir, name), 'utf8');

describe('backprop plot: the curves of a training history', () => {
  beforeAll(async () => {
    const t = await run(
      'train',
      '--data',
      'moons',
      '--epochs',
      '30',
      '--validation-split',
      '0.2',
      '--history',
      'h.csv',
    );
    expect(t.code, t.stderr).toBe(0);
    // train itself ends with the loss as a sparkline, first → last.
    expect(t.stderr).toMatch(/\nloss [▁▂▃▄▅▆▇█]{30} {2}\d\.\d{3,4} → \d\.\d{3,4}\n/);
    expect(
      (
        await run(
          'train',
          '--data',
          'icecream',
          '--epochs',
          '5',
          '--history',
          'r.json',
          '--out',
          'ice.json',
        )
      ).code,
    ).toBe(0);
  });

  it('in the terminal: one sparkline per logged metric with its first, last, min and max', async () => {
    const r = await run('plot', 'h.csv');
    expect(r.code, r.stderr).toBe(0);
    const history = read('h.csv').trim().split('\n');
    const lossColumn = history[0]!.split(',').indexOf('loss');
    const losses = history.slice(1).map((l) => Number(l.split(',')[lossColumn]));
    expect(r.stdout).toMatch(/^metric +epochs 1…30 +first +last +min +max\n/);
    const line = r.stdout.split('\n').find((l) => l.startsWith('loss '))!;
    expect(line).toMatch(/^loss +[▁▂▃▄▅▆▇█]{30} +/);
    expect(line).toContain(String(Number(Math.min(...losses).toPrecision(6))));
    for (const m of ['accuracy', 'valLoss', 'valAccuracy'])
      expect(r.stdout).toMatch(new RegExp(`\\n${m} `));
  });

  it('--out .svg draws one metric (training and validation); .html both, self-contained', async () => {
    expect((await run('plot', 'h.csv', '--out', 'loss.svg', '--log-y')).code).toBe(0);
    const svg = read('loss.svg');
    expect(svg).toMatch(
      /^<svg[^>]*role="img" aria-label="loss per epoch"><title>loss per epoch<\/title>/,
    );
    expect(svg).toContain('>training<');
    expect(svg).toContain('>validation<');
    expect((await run('plot', 'h.csv', '--out', 'curves.html')).code).toBe(0);
    const html = read('curves.html');
    expect(html.match(/<svg/g)).toHaveLength(2);
    expect(html).toContain('accuracy per epoch');
    // Offline: one inline script (the hover values), nothing fetched from anywhere.
    expect(html.match(/<script[^>]*>/g)).toEqual(['<script>']);
    expect(html).not.toMatch(/https?:\/\/(?!www\.w3\.org)/);
    // .png: the same chart rendered by resvg at twice its size (560 x 360 → 1120 x 720).
    expect((await run('plot', 'h.csv', '--out', 'accuracy.png', '--metric', 'accuracy')).code).toBe(
      0,
    );
    const png = readFileSync(join(dir, 'accuracy.png'));
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1120, 720]);
    // A JSON history (train --history h.json) plots the same way.
    const j = await run('plot', 'r.json', '--json');
    expect(JSON.parse(j.stdout)).toMatchObject({ command: 'plot', epochs: 5 });
  });

  it("with --data: a classifier's decision boundary over two-feature data", async () => {
    const t = await run('train', '--data', 'moons', '--epochs', '150', '--out', 'moons.json');
    expect(t.code, t.stderr).toBe(0);
    const r = await run('plot', 'moons.json', '--data', 'moons', '--out', 'boundary.svg');
    expect(r.code, r.stderr).toBe(0);
    const svg = read('boundary.svg');
    expect(svg).toContain('<title>moons.json on moons: decision boundary</title>');
    // Both classes' regions and points are drawn.
    for (const colour of ['#fecaca', '#bfdbfe', '#b91c1c', '#1d4ed8'])
      expect(svg).toContain(colour);
    const png = await run('plot', 'moons.json', '--data', 'moons', '--out', 'boundary.png');
    expect(png.code, png.stderr).toBe(0);
    expect(readFileSync(join(dir, 'boundary.png')).subarray(1, 4).toString()).toBe('PNG');
    expect((await run('plot', 'moons.json', '--data', 'moons')).stderr).toContain(
      'give --out boundary.svg, .png or .html',
    );
    expect((await run('plot', 'ice.json', '--data', 'icecream', '--out', 'x.svg')).code).toBe(2);
    const xorModel = await run(
      'train',
      '--data',
      'xor',
      '--layers',
      '3:tanh,1:sigmoid',
      '--epochs',
      '1',
      '--out',
      'xor.json',
    );
    expect(xorModel.code).toBe(0);
    writeFileSync(join(dir, 'three.csv'), 'a,b,c,label\n0,0,0,0\n1,1,1,1\n');
    const wide = await run('plot', 'xor.json', '--data', 'three.csv', '--out', 'w.svg');
    expect(wide.code).toBe(1);
    expect(wide.stderr).toContain(
      'three.csv has 3 features per sample but the model takes 2 inputs',
    );
  });

  it('bad input: a failure naming the file and line, or a usage error naming the flag', async () => {
    writeFileSync(join(dir, 'bad.csv'), 'epoch,loss\n1,0.5\n2,oops\n');
    const bad = await run('plot', 'bad.csv');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe("backprop: bad.csv: line 3, column 'loss': 'oops' is not a number\n");
    writeFileSync(join(dir, 'other.csv'), 'a,b\n1,2\n');
    expect((await run('plot', 'other.csv')).stderr).toContain(
      "other.csv: no 'epoch' column (it has a, b)",
    );
    expect((await run('plot', 'missing.csv')).stderr).toBe('backprop: missing.csv: no such file\n');
    const ext = await run('plot', 'h.csv', '--out', 'chart.jpg');
    expect(ext.code).toBe(2);
    expect(ext.stderr).toContain("--out: 'chart.jpg' must end in .svg, .png or .html");
    // A regression logs no accuracy.
    const none = await run('plot', 'r.json', '--metric', 'accuracy', '--out', 'acc.svg');
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('--metric: r.json logs no accuracy');
  });
});
