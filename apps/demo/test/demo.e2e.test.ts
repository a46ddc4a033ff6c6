import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load } from '@backprop/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoResult, runDemo } from '../src/demo';

const dir = mkdtempSync(join(tmpdir(), 'backprop-demo-'));
let result: DemoResult;
const lines: string[] = [];

beforeAll(async () => {
  // Reduced data: 2000 MNIST training images (200 held out for validation), 334 test images, 3 epochs.
  result = await runDemo({
    epochs: 3,
    seed: 0,
    out: dir,
    samples: 2000,
    xorEpochs: 2000,
    print: (l) => lines.push(l),
  });
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the demo on reduced data', () => {
  it('XOR: both trainings fit the four points; SGD oscillates, gradient descent does not', () => {
    const { gd, sgd } = result.xor!;
    const targets = [0, 1, 1, 0];
    for (const run of [gd, sgd])
      for (const [i, p] of run.predictions.entries())
        expect(Math.abs(p - targets[i]!)).toBeLessThan(0.1);
    expect(gd.curve).toHaveLength(2000);
    expect(sgd.curve).toHaveLength(8000);
    const rises = (c: { loss: number }[]) =>
      c.slice(1).filter((p, i) => p.loss > c[i]!.loss).length;
    expect(rises(gd.curve)).toBe(0);
    expect(rises(sgd.curve)).toBeGreaterThan(1000);
    expect(lines).toContain('  (0, 1)   1       0.995             0.999');
  });

  it('MNIST: a history of 3 epochs with training and validation figures, a test accuracy, 25 mistakes', () => {
    const m = result.mnist!;
    expect(m.history.epochs.map((e) => e.epoch)).toEqual([1, 2, 3]);
    for (const e of m.history.epochs)
      for (const k of ['loss', 'accuracy', 'valLoss', 'valAccuracy'] as const)
        expect(Number.isFinite(e[k])).toBe(true);
    expect([m.trainSize, m.validationSize, m.testSize]).toEqual([1800, 200, 334]);
    expect(m.testAccuracy).toBeGreaterThan(0.7);
    expect(m.confusion.flat().reduce((s, v) => s + v, 0)).toBe(334);
    expect(m.misclassified).toHaveLength(25);
    expect(m.misclassified.every((x) => x.actual !== x.predicted && x.pixels.length === 784)).toBe(
      true,
    );
    expect(lines.some((l) => /^ {2}test accuracy: \d+\.\d\d% on 334 test images$/.test(l))).toBe(
      true,
    );
  });

  it('writes a self-contained report: every chart as inline SVG, as .svg and as .png, plus the model and history', () => {
    const ids = [
      'xor-loss',
      'xor-surface',
      'mnist-loss',
      'mnist-accuracy',
      'mnist-confusion',
      'mnist-misclassified',
    ];
    const html = readFileSync(join(dir, 'index.html'), 'utf8');
    for (const id of ids) {
      expect(html).toMatch(
        new RegExp(
          `<figure data-chart="${id}"( data-hover="[^"]+")?><svg width="\\d+" height="\\d+"`,
        ),
      );
      const svg = readFileSync(join(dir, 'charts', `${id}.svg`), 'utf8');
      expect(svg.startsWith('<svg')).toBe(true);
      expect((svg.match(/<(path|rect|text)\b/g) ?? []).length).toBeGreaterThan(20);
      const png = readFileSync(join(dir, 'charts', `${id}.png`));
      expect(png.subarray(0, 8)).toEqual(
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      );
      expect(png.length).toBeGreaterThan(5000);
    }
    expect(readdirSync(join(dir, 'charts')).sort()).toEqual(
      ids.flatMap((id) => [`${id}.png`, `${id}.svg`]).sort(),
    );
    // Offline: one inline script (the hover values); no scripts, stylesheets or images from
    // anywhere else.
    expect(html.match(/<script[^>]*>/g)).toEqual(['<script>']);
    expect(html).not.toMatch(/<link|src="http|href="http|url\(http/);
    expect(html).toContain('Configuration');
    expect(load(readFileSync(join(dir, 'mnist-model.json'), 'utf8')).summary()).toMatch(
      /784 inputs → 10 outputs, 52650 params/,
    );
    expect(JSON.parse(readFileSync(join(dir, 'mnist-history.json'), 'utf8')).epochs).toHaveLength(
      3,
    );
    expect(statSync(join(dir, 'index.html')).size).toBeGreaterThan(100_000);
    expect(existsSync(result.report.html)).toBe(true);
  });
});
