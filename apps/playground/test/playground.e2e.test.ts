import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Matrix } from '@backprop/linalg';
import { load, predict, trace } from '@backprop/model';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chromiumArgs,
  chromiumPath,
  chromiumSuite,
  haveChromium,
} from '../../../tooling/test-support/chromium';
import { serveDist } from '../scripts/serve-dist';
import { GRID } from '../src/session';

/**
 * The built playground (turbo builds it before this test: `vite build` into dist/) served from a
 * local port, cross-origin isolated as `pnpm playground` serves it, in Debian's Chromium.
 */
const title = chromiumSuite('the playground in headless Chromium');
const here = dirname(fileURLToPath(import.meta.url));
const dist = resolve(here, '../dist');
const artifacts = resolve(here, '../../../artifacts');
describe.skipIf(!haveChromium)(title, () => {
  let server: Server;
  let browser: Browser;
  let origin = '';
  beforeAll(async () => {
    if (!existsSync(join(dist, 'index.html')))
      throw new Error(`${dist} has no build: run pnpm --filter @backprop/playground build`);
    ({ server, origin } = await serveDist(dist));
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    server?.close();
  });

  async function open(hash = '', viewport = { width: 1280, height: 800 }) {
    const page = await browser.newPage({ viewport, acceptDownloads: true });
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    await page.goto(`${origin}/${hash}`);
    await page.waitForFunction(() => document.getElementById('loss')?.dataset.value !== undefined);
    return { page, problems };
  }
  /** Moves the mouse to a point of the network diagram, given as shares of its width and height. */
  const hoverDiagram = async (page: Page, left: number, top: number) => {
    const box = (await (await page.$('#network'))!.boundingBox())!;
    await page.mouse.move(box.x + left * box.width, box.y + top * box.height);
  };
  /**
   * Pixels of a canvas — or of a square of it (centre and side as shares of its width) — whose
   * blue exceeds their red by `margin` ("blue") or the other way round ("orange").
   */
  const tintsOf = (
    page: Page,
    selector: string,
    margin: number,
    square?: { left: number; top: number; side: number },
  ) =>
    page.$eval(
      selector,
      (c, [margin, square]) => {
        const canvas = c as HTMLCanvasElement;
        const side = square ? square.side * canvas.width : 0;
        const { data } = square
          ? canvas
              .getContext('2d')!
              .getImageData(
                square.left * canvas.width - side / 2,
                square.top * canvas.height - side / 2,
                side,
                side,
              )
          : canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
        let blue = 0;
        let orange = 0;
        for (let i = 0; i < data.length; i += 4) {
          if (data[i + 2]! > data[i]! + margin) blue++;
          if (data[i]! > data[i + 2]! + margin) orange++;
        }
        return { blue, orange };
      },
      [margin, square] as const,
    );
  const epochs = (page: Page) =>
    page.$eval('#curves', (e) => Number((e as HTMLElement).dataset.epochs ?? 0));
  const lossAfterOneEpoch = async (page: Page) => {
    await page.click('#step');
    await page.waitForFunction(() => document.getElementById('epoch')!.textContent === '1');
    return page.$eval('#loss', (e) => (e as HTMLElement).dataset.value!);
  };

  it('learns XOR with the default network within 30 s of Play, drawing both classes and the curve', async () => {
    const { page, problems } = await open();
    expect(await page.$eval('#data', (e) => (e as HTMLSelectElement).value)).toBe('xor');
    const started = Date.now();
    await page.click('#play');
    await page.waitForFunction(
      () => document.getElementById('accuracy')!.textContent === '100.0%',
      null,
      {
        timeout: 30_000,
      },
    );
    expect(Date.now() - started).toBeLessThan(30_000);
    await page.click('#play');
    expect(await epochs(page)).toBeGreaterThan(1);
    // The surface holds both class tints (orange-ish and blue-ish pixels).
    const tints = await tintsOf(page, '#surface', 20);
    expect(tints.orange).toBeGreaterThan(1000);
    expect(tints.blue).toBeGreaterThan(1000);
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: join(artifacts, 'playground-1280x800.png') });
    expect(problems).toEqual([]);
    await page.close();
  }, 90_000);

  it('gives the same first-epoch loss after Reset with the same seed, and another with a new seed', async () => {
    const { page, problems } = await open('#data=moons&samples=200&noise=0.2&seed=5&batch=16');
    const first = await lossAfterOneEpoch(page);
    await page.click('#reset');
    await page.waitForFunction(() => document.getElementById('epoch')!.textContent === '0');
    expect(await lossAfterOneEpoch(page)).toBe(first);
    await page.fill('#seed', '6');
    await page.dispatchEvent('#seed', 'change');
    await page.waitForFunction(() => document.getElementById('epoch')!.textContent === '0');
    expect(await lossAfterOneEpoch(page)).not.toBe(first);
    expect(page.url()).toContain('seed=6');
    expect(problems).toEqual([]);
    await page.close();
  }, 90_000);

  it('"One step" trains one mini-batch at a time, and "One epoch" finishes the epoch', async () => {
    const { page, problems } = await open('#data=moons&samples=100&test=0.2&batch=20&seed=4');
    const start = await page.$eval('#loss', (e) => (e as HTMLElement).dataset.value!);
    await page.click('#one-step');
    await page.waitForFunction(
      () => document.getElementById('batch-status')!.textContent === ' (+ batch 1 of 4)',
    );
    expect(await page.$eval('#loss', (e) => (e as HTMLElement).dataset.value!)).not.toBe(start);
    await page.click('#step');
    await page.waitForFunction(() => document.getElementById('epoch')!.textContent === '1');
    expect(await page.$eval('#batch-status', (e) => e.textContent)).toBe('');
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  it('fits the wave: a regression draws its fitted curve and reports R²', async () => {
    const { page, problems } = await open('#data=wave&samples=150&noise=0.1&layers=16:tanh&seed=2');
    expect(await page.$eval('#score-name', (e) => e.textContent)).toBe('R²');
    const lossSelect = await page.$eval('#loss-select', (e) => (e as HTMLSelectElement).value);
    expect(lossSelect).toBe('mse');
    await page.click('#play');
    await page.waitForFunction(
      () => Number(document.getElementById('accuracy')!.textContent) > 0.8,
      null,
      {
        timeout: 30_000,
      },
    );
    await page.click('#play');
    const curve: number[] = JSON.parse(
      await page.$eval('#surface', (e) => (e as HTMLElement).dataset.curve!),
    );
    expect(curve.length).toBeGreaterThan(100);
    // The drawn curve: blue pixels along it, orange data points.
    const colours = await tintsOf(page, '#surface', 60);
    expect(colours.blue).toBeGreaterThan(300);
    expect(colours.orange).toBeGreaterThan(300);
    await page.screenshot({ path: join(artifacts, 'playground-regression.png') });
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  it('downloads a model that load() reads in Node and that predicts what the page drew', async () => {
    const { page, problems } = await open('#data=spirals&samples=100&layers=8:tanh,8:tanh&seed=2');
    for (let e = 1; e <= 3; e++) {
      await page.click('#step');
      await page.waitForFunction(
        (n) => document.getElementById('epoch')!.textContent === String(n),
        e,
      );
    }
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('#export-model'),
    ]);
    const json = readFileSync((await download.path())!, 'utf8');
    const model = load(json);
    // The network diagram shows the same weights (one line each; the value in its hover text).
    const W1 = model.params()[0]!.value;
    const drawn: number[][] = JSON.parse(
      await page.$eval('#network', (c) => (c as HTMLElement).dataset.weights!),
    );
    expect(drawn[0]).toEqual(Array.from(W1.data));
    // Hovering the middle of the line from input 1 to unit 1 of layer 1 names that weight.
    await hoverDiagram(page, (20 + 20 + 320 / 3) / 2 / 360, (50 + 200 / 16) / 2 / 200);
    expect(await page.$eval('#network-tip', (e) => e.textContent)).toBe(
      `W₁[1, 1] = ${W1.data[0]!.toPrecision(5)}`,
    );
    // The page's surface is P(class 1) on a GRID x GRID raster over the plotted square.
    const { surface, extent } = await page.evaluate(async () => {
      const c = document.getElementById('surface') as HTMLCanvasElement;
      return { surface: c.dataset.surface!, extent: c.dataset.extent! };
    });
    const [lo, hi] = JSON.parse(extent) as [number, number];
    const values = JSON.parse(surface) as number[];
    const step = (hi - lo) / (GRID - 1);
    const probe = [0, 17, GRID * 20 + 33, GRID * GRID - 1];
    const X = new Matrix(
      probe.length,
      2,
      Float64Array.from(
        probe.flatMap((i) => [lo + (i % GRID) * step, hi - Math.floor(i / GRID) * step]),
      ),
    );
    const p = predict(model, X).data;
    // float32 on the page (the surface is sent as Float32Array): agreement to float32 rounding.
    for (const [k, i] of probe.entries()) expect(Math.abs(p[k]! - values[i]!)).toBeLessThan(1e-6);
    expect(problems).toEqual([]);
    await page.close();
  }, 90_000);

  it('steps through backpropagation on a chosen point: its δ₁ is what trace() gives in Node', async () => {
    const { page, problems } = await open('#data=moons&samples=120&layers=6:tanh,4:relu&seed=9');
    for (let e = 1; e <= 3; e++) {
      await page.click('#step');
      await page.waitForFunction(
        (n) => document.getElementById('epoch')!.textContent === String(n),
        e,
      );
    }
    await page.fill('#trace-index', '3');
    await page.click('#trace-run');
    await page.waitForSelector('#trace-steps li');
    // One step at a time: only the first is shown until Next.
    expect(await page.$$eval('#trace-steps li:not([hidden])', (l) => l.length)).toBe(1);
    await page.click('#trace-next');
    expect(await page.$$eval('#trace-steps li:not([hidden])', (l) => l.length)).toBe(2);
    await page.click('#trace-all');
    const delta1 = JSON.parse(
      await page.$eval(
        '#trace-steps li[data-symbol="δ₁"]',
        (e) => (e as HTMLElement).dataset.value!,
      ),
    ) as number[];
    const point = JSON.parse(
      await page.$eval('#trace-sample-text', (e) => (e as HTMLElement).dataset.point!),
    ) as { x: number[]; y: number[] };
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('#export-model'),
    ]);
    const model = load(readFileSync((await download.path())!, 'utf8'));
    const x = new Matrix(1, 2, Float64Array.from(point.x));
    const y = new Matrix(1, 1, Float64Array.from(point.y));
    const inNode = trace(model, x, y, { optimizer: null }).layers[0]!.backward.find(
      (e) => e.symbol === 'δ₁',
    )!.value.data;
    expect(delta1).toHaveLength(6);
    // Same weights, same arithmetic; Chromium's and Node's V8 may differ in the last ulp of
    // Math.tanh/Math.exp (the package-check browser test measured ≤ 2.4e-16 relative), so 1e-12.
    for (let i = 0; i < 6; i++)
      expect(Math.abs(delta1[i]! - inNode[i]!)).toBeLessThanOrEqual(
        1e-12 * Math.max(1e-3, Math.abs(inNode[i]!)),
      );
    await page.screenshot({ path: join(artifacts, 'playground-inspector.png'), fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  }, 90_000);

  it('reads a drawn "1" as 1, showing the 28 x 28 input it saw', async () => {
    const { page, problems } = await open();
    await page.waitForFunction(() =>
      document.getElementById('digit-status')!.textContent!.startsWith('ready'),
    );
    const box = (await page.$('#digit-canvas'))!;
    await box.scrollIntoViewIfNeeded();
    const b = (await box.boundingBox())!;
    // A slightly slanted vertical stroke down the middle, as a person draws a one.
    await page.mouse.move(b.x + b.width * 0.53, b.y + b.height * 0.15);
    await page.mouse.down();
    for (let t = 1; t <= 20; t++)
      await page.mouse.move(
        b.x + b.width * (0.53 - 0.04 * (t / 20)),
        b.y + b.height * (0.15 + 0.7 * (t / 20)),
      );
    await page.mouse.up();
    await page.waitForFunction(() => document.getElementById('digit-top')!.textContent !== '–');
    expect(await page.$eval('#digit-top', (e) => e.textContent)).toBe('1');
    const p = await page.$$eval('.digit-bar', (rows) =>
      rows.map((r) => Number((r as HTMLElement).dataset.p)),
    );
    expect(p.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 9);
    const lit = await page.$eval('#digit-input', (c) => {
      const { data } = (c as HTMLCanvasElement).getContext('2d')!.getImageData(0, 0, 112, 112);
      let n = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i]! > 128) n++;
      return n;
    });
    expect(lit).toBeGreaterThan(200);
    await box.screenshot({ path: join(artifacts, 'playground-digit.png') });
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  it('trains on a CSV file the person gives it', async () => {
    const { page, problems } = await open();
    const rows = Array.from(
      { length: 60 },
      (_, i) => `${Math.cos(i).toFixed(3)},${Math.sin(i).toFixed(3)},${i % 2}`,
    );
    await page.setInputFiles('#csv-file', {
      name: 'mine.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`x,y,label\n${rows.join('\n')}\n`),
    });
    await page.waitForFunction(() =>
      document.getElementById('csv-status')!.textContent!.includes('60 points'),
    );
    expect(await page.$eval('#data', (e) => (e as HTMLSelectElement).value)).toBe('csv');
    await page.click('#step');
    await page.waitForFunction(() => document.getElementById('epoch')!.textContent === '1');
    expect(await page.$eval('#code-text', (e) => e.textContent)).toContain(
      'readFileSync("mine.csv"',
    );
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  it("sets each layer's initializer and dropout, and the optimizer's options, from the form", async () => {
    const { page, problems } = await open('#data=moons&samples=120&layers=4:tanh&seed=3');
    await page.selectOption('[aria-label="initializer of hidden layer 1"]', 'heNormal');
    await page.waitForFunction(() => location.hash.includes('heNormal'));
    await page.fill('[aria-label="dropout rate after hidden layer 1"]', '0.2');
    await page.dispatchEvent('[aria-label="dropout rate after hidden layer 1"]', 'change');
    await page.waitForFunction(() => location.hash.includes('layers=4%3Atanh%3AheNormal%3A0.2'));
    await page.selectOption('#optimizer', 'sgd');
    await page.waitForSelector('#optimizer-options [data-option="nesterov"]');
    await page.fill('#optimizer-options [data-option="momentum"]', '0.9');
    await page.dispatchEvent('#optimizer-options [data-option="momentum"]', 'change');
    await page.check('#optimizer-options [data-option="nesterov"]');
    await page.waitForFunction(() => location.hash.includes('o.nesterov=true'));
    expect(page.url()).toContain('o.momentum=0.9');
    // The run trains with them: an epoch gives a finite loss, and the code says the same.
    const loss = Number(await lossAfterOneEpoch(page));
    expect(Number.isFinite(loss)).toBe(true);
    const code = await page.$eval('#code-text', (e) => e.textContent ?? '');
    expect(code).toContain("kernelInitializer: 'heNormal'");
    expect(code).toContain('dropout(0.2)');
    expect(code).toContain('momentum: 0.9, nesterov: true');
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  it("draws each unit's output as a heatmap on the diagram, updated while training", async () => {
    const { page, problems } = await open('#data=moons&samples=150&layers=5:tanh,3:relu&seed=3');
    // Unit 1 of layer 1 sits at x = 20 + 320/3, y = 200·(0.5/5) in the diagram's 360 x 200.
    const unit = { left: (20 + 320 / 3) / 360, top: 20 / 200 };
    await hoverDiagram(page, unit.left, unit.top);
    const tip = () => page.$eval('#network-tip', (e) => e.textContent ?? '');
    const before = await tip();
    expect(before).toMatch(/^unit 1 of layer 1: output -?[\d.e-]+ … -?[\d.e-]+ over the plane$/);
    await page.click('#play');
    await page.waitForFunction(() => Number(document.getElementById('epoch')!.textContent) > 20);
    await page.click('#play');
    await page.waitForTimeout(100);
    await hoverDiagram(page, unit.left, unit.top);
    expect(await tip()).not.toBe(before);
    // The heatmap is painted: both signs of tanh show in the unit's square.
    const tints = await tintsOf(page, '#network', 20, { ...unit, side: 28 / 360 });
    expect(tints.blue + tints.orange).toBeGreaterThan(100);
    // The keyboard reaches the same values: focus the diagram, step with the arrow keys.
    await page.mouse.move(0, 0);
    await page.focus('#network');
    await page.keyboard.press('ArrowRight');
    expect(await tip()).toBe('input 1');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    expect(await tip()).toMatch(/^unit 1 of layer 1: output /);
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    expect(await tip()).toMatch(/^W₃\[3, 1\] = /);
    await page.keyboard.press('Escape');
    expect(await page.$eval('#network-tip', (e) => (e as HTMLElement).hidden)).toBe(true);
    await (await page.$('#network-figure'))!.screenshot({
      path: join(artifacts, 'playground-network.png'),
    });
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  it('stops and says why when a run diverges during Play, and Reset clears it', async () => {
    const { page, problems } = await open('#data=wave&layers=8:relu&optimizer=sgd&lr=10&seed=1');
    await page.click('#play');
    await page.waitForSelector('#error:not([hidden])', { timeout: 20_000 });
    // Still shown after the last snapshot is drawn, and playing has stopped.
    await page.waitForTimeout(300);
    expect(await page.$eval('#error', (e) => (e as HTMLElement).hidden)).toBe(false);
    expect(await page.$eval('#error', (e) => e.textContent)).toMatch(
      /^fit: epoch 1, batch 1: .* — /,
    );
    expect(await page.$eval('#play', (e) => e.textContent)).toBe('Play');
    await page.click('#reset');
    await page.waitForFunction(() => (document.getElementById('error') as HTMLElement).hidden);
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  it("shows the doctor's warnings as they happen", async () => {
    const { page, problems } = await open(
      '#data=moons&samples=200&layers=8:relu,8:relu&lr=5&optimizer=sgd&seed=1',
    );
    expect(await page.$$eval('#doctor li', (l) => l.length)).toBe(0);
    await page.click('#play');
    await page.waitForSelector('#doctor li[data-code="DEAD_RELU"]', { timeout: 30_000 });
    await page.click('#play');
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  it('fits a phone-width screen with no console errors', async () => {
    const { page, problems } = await open('', { width: 390, height: 844 });
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(artifacts, 'playground-390x844.png'), fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);
});
