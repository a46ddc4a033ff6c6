import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chromiumArgs,
  chromiumPath,
  chromiumSuite,
  haveChromium,
} from '../../../tooling/test-support/chromium';
import { runDemo } from '../src/demo';

/** The report in a real headless browser (see tooling/test-support/chromium.ts). */
const title = chromiumSuite('the report in headless Chromium');

/** Where the screenshot is kept as a test artifact: <repo>/artifacts/demo-report.png. */
const artifacts = resolve(dirname(fileURLToPath(import.meta.url)), '../../../artifacts');

describe.skipIf(!haveChromium)(title, () => {
  const dir = mkdtempSync(join(tmpdir(), 'backprop-report-'));
  beforeAll(async () => {
    await runDemo({ epochs: 2, seed: 0, out: dir, samples: 2000 });
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('opens offline with no console errors, renders every chart with a non-zero size, and is screenshotted', async () => {
    const browser = await chromium.launch({
      executablePath: chromiumPath,
      args: chromiumArgs,
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const problems: string[] = [];
      const requests: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') problems.push(m.text());
      });
      page.on('pageerror', (e) => problems.push(e.message));
      page.on('request', (r) => requests.push(r.url()));
      await page.goto(pathToFileURL(join(dir, 'index.html')).href, { waitUntil: 'load' });
      const sizes = await page.$$eval('figure[data-chart] > svg', (svgs) =>
        svgs.map((s) => ({
          id: s.parentElement!.dataset.chart,
          ...s.getBoundingClientRect().toJSON(),
        })),
      );
      expect(sizes.map((s) => s.id)).toEqual([
        'xor-loss',
        'xor-surface',
        'mnist-loss',
        'mnist-accuracy',
        'mnist-confusion',
        'mnist-misclassified',
      ]);
      for (const s of sizes) {
        expect(s.width, s.id).toBeGreaterThan(100);
        expect(s.height, s.id).toBeGreaterThan(100);
      }
      // Hover values: over the loss chart at epoch 2, the tooltip says that epoch's figures, as
      // the saved history has them (4 significant digits).
      const history = JSON.parse(readFileSync(join(dir, 'mnist-history.json'), 'utf8'));
      const epoch2 = history.epochs[1];
      const spot = await page.$eval('figure[data-chart="mnist-loss"]', (f) => {
        f.scrollIntoView();
        const h = JSON.parse(f.getAttribute('data-hover')!);
        const box = f.querySelector('svg')!.getBoundingClientRect();
        const s = h.spots.find((p: [number, number, string]) => p[2].startsWith('epoch 2:'));
        return {
          x: box.left + (s[0] * box.width) / h.width,
          y: box.top + (s[1] * box.height) / h.height,
        };
      });
      await page.mouse.move(spot.x, spot.y);
      const tip = await page.$eval('figure[data-chart="mnist-loss"] .hover-tip', (t) => ({
        hidden: t.hasAttribute('hidden'),
        text: t.textContent,
      }));
      expect(tip.hidden).toBe(false);
      expect(tip.text).toContain('epoch 2:');
      expect(tip.text).toContain(String(Number(epoch2.loss.toPrecision(4))));
      expect(tip.text).toContain(String(Number(epoch2.valLoss.toPrecision(4))));
      // The confusion matrix answers per cell.
      expect(
        await page.$eval(
          'figure[data-chart="mnist-confusion"]',
          (f) => JSON.parse(f.getAttribute('data-hover')!).spots.length,
        ),
      ).toBe(100);
      expect(await page.$('figure[data-chart="mnist-misclassified"][data-hover]')).toBeNull();
      expect(problems).toEqual([]);
      expect(requests.filter((u) => !u.startsWith('file:'))).toEqual([]);
      mkdirSync(artifacts, { recursive: true });
      await page.screenshot({ path: join(artifacts, 'demo-report.png'), fullPage: true });
      expect(existsSync(join(artifacts, 'demo-report.png'))).toBe(true);
    } finally {
      await browser.close();
    }
  }, 60_000);
});
