/**
 * The playground's frame rate while training, measured in Debian's Chromium (a benchmark, not a
 * test: `pnpm bench:playground`). For each setting it presses Play, lets it warm up, then counts
 * for a few seconds, in the page: animation frames (requestAnimationFrame callbacks) and the
 * longest gap between two, snapshots drawn (the worker sends one only after the page drew the
 * last) and epochs trained per second. Headless Chromium paces frames at 60 Hz like a display.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../../../tooling/test-support/chromium';
import { serveDist } from './serve-dist';

const SETTINGS: [string, string][] = [
  ['XOR, default network (2 x 4 tanh)', ''],
  ['moons 200, default network', '#data=moons&samples=200&seed=1'],
  [
    'moons 200, 8 relu + 8 relu, batch 16',
    '#data=moons&samples=200&layers=8:relu,8:relu&batch=16&seed=1',
  ],
  [
    'spirals 400, 3 x 16 tanh, batch 32',
    '#data=spirals&samples=400&layers=16:tanh,16:tanh,16:tanh&batch=32&seed=1',
  ],
  ['wave 200 (regression), 16 tanh', '#data=wave&samples=200&layers=16:tanh&seed=1'],
];
const WARM_MS = 1500;
const MEASURE_MS = Number(process.env.FPS_SECONDS ?? 5) * 1000;

const dist = resolve(dirname(fileURLToPath(import.meta.url)), '../dist');
if (!existsSync(join(dist, 'index.html'))) {
  console.error(`${dist} has no build: run pnpm --filter @backprop/playground build`);
  process.exit(1);
}
if (!existsSync(chromiumPath)) {
  console.error(`${chromiumPath} not found: apt-get install chromium (or set CHROMIUM_PATH)`);
  process.exit(1);
}

interface Measured {
  frames: number;
  gap: number;
  snapshots: number;
  epochs: number;
}

/**
 * What runs in the page, as source text (tsx's helpers, such as __name, do not exist there):
 * counts animation frames, their longest gap, snapshots drawn (each sets #loss's data-value)
 * and epochs, for `ms` milliseconds.
 */
const IN_PAGE = `(ms) => new Promise((done) => {
  const epoch = () => Number(document.getElementById('epoch').textContent);
  let snapshots = 0;
  const seen = new MutationObserver(() => snapshots++);
  seen.observe(document.getElementById('loss'), { attributes: true, attributeFilter: ['data-value'] });
  const firstEpoch = epoch();
  const start = performance.now();
  let last = start;
  let gap = 0;
  let frames = 0;
  const tick = (now) => {
    frames++;
    gap = Math.max(gap, now - last);
    last = now;
    if (now - start < ms) return requestAnimationFrame(tick);
    seen.disconnect();
    const s = (now - start) / 1000;
    done({ frames: frames / s, gap, snapshots: snapshots / s, epochs: (epoch() - firstEpoch) / s });
  };
  requestAnimationFrame(tick);
})`;

const { server, origin } = await serveDist(dist);
const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
console.log(`playground frame rate while training, ${MEASURE_MS / 1000} s each, Chromium headless`);
console.log('| setting | frames/s | longest frame gap | snapshots/s | epochs/s |');
console.log('|---|---:|---:|---:|---:|');
let slowest = Number.POSITIVE_INFINITY;
for (const [name, hash] of SETTINGS) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${origin}/${hash}`);
  await page.waitForFunction(() => document.getElementById('loss')?.dataset.value !== undefined);
  await page.click('#play');
  await page.waitForTimeout(WARM_MS);
  const m = (await page.evaluate(`(${IN_PAGE})(${MEASURE_MS})`)) as Measured;
  const shown = await page.$eval('#error', (e) => ((e as HTMLElement).hidden ? '' : e.textContent));
  if (shown) errors.push(shown);
  await page.click('#play');
  slowest = Math.min(slowest, m.frames);
  console.log(
    `| ${name} | ${m.frames.toFixed(1)} | ${m.gap.toFixed(0)} ms | ${m.snapshots.toFixed(1)} | ${m.epochs.toFixed(0)} |${errors.length ? ` errors: ${errors.join('; ')}` : ''}`,
  );
  await page.close();
}
await browser.close();
server.close();
console.log(`slowest: ${slowest.toFixed(1)} frames/s`);
