import { codeFor } from './code';
import { type Config, fromHash, toHash } from './config';
import { createControls } from './controls';
import { createCurves } from './curves';
import { createDigitPanel } from './digit-panel';
import { $ } from './dom';
import { drawCurve } from './fitted-curve';
import { createInspector } from './inspector';
import { createNetwork } from './network';
import type { FromWorker, ToWorker } from './protocol';
import type { EpochRow } from './session';
import { drawSurface } from './surface';

const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
const send = (m: ToWorker) => worker.postMessage(m);
const curves = createCurves($('curves'));
const network = createNetwork($<HTMLCanvasElement>('network'), $('network-tip'));
let rows: EpochRow[] = [];
let config: Config = fromHash(location.hash);
let playing = false;
/** The current run's number (each reset starts the next). */
let run = 0;
/** Least time between two redraws of the loss and accuracy charts while training. */
const CURVES_MS = 250;
let curvesDrawn = Number.NEGATIVE_INFINITY;
/** Least time between two redraws of the network diagram while training. */
const NETWORK_MS = 100;
let networkDrawn = Number.NEGATIVE_INFINITY;
/** The dropped CSV file, once the worker has read it. */
let csvFile: { name: string; classes: number } | null = null;
/**
 * The last snapshot's training points as (x, y) pairs on the canvas (regression: input and
 * target) and the plotted ranges, for picking a point to trace.
 */
let shown: { xy: number[]; extent: [number, number]; yExtent: [number, number] } | null = null;

function download(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = Object.assign(document.createElement('a'), { href: url, download: name });
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function setPlaying(on: boolean): void {
  playing = on;
  $('play').textContent = on ? 'Pause' : 'Play';
  $('play').setAttribute('aria-pressed', String(on));
}

/** Rebuilds the run from `c` (same seed, same initial weights) and puts `c` in the URL. */
function reset(c: Config): void {
  config = c;
  history.replaceState(null, '', toHash(c));
  rows = [];
  latest = null;
  // A new run starts without the last one's error (a snapshot drawn later must not hide a new one).
  $('error').hidden = true;
  run += 1;
  setPlaying(false);
  send({ type: 'reset', config: c, run });
}

const controls = createControls(reset);
const inspector = createInspector(send);
createDigitPanel();
controls.show(config);

const percent = (x: number | null) => (x === null ? '–' : `${(100 * x).toFixed(1)}%`);
worker.onmessage = (event: MessageEvent<FromWorker>) => {
  const m = event.data;
  if (m.type === 'error') {
    setPlaying(false);
    Object.assign($('error'), { hidden: false, textContent: m.message });
    return;
  }
  if (m.type === 'csv') {
    csvFile = { name: m.name, classes: m.classes };
    $('csv-status').textContent = `${m.name}: ${m.rows} points, ${m.classes} classes`;
    const c = { ...config, data: 'csv' as const };
    controls.show(c);
    reset(c);
    return;
  }
  if (m.type === 'trace') {
    inspector.show(m.view);
    return;
  }
  if (m.type === 'model') {
    download('backprop-model.json', m.json, 'application/json');
    return;
  }
  if (m.run !== run) {
    // A snapshot of the run before the last reset: not drawn, but taken.
    send({ type: 'drawn', count: 1 });
    return;
  }
  rows.push(...m.rows);
  latest = m;
  received += 1;
  if (!frameAsked) {
    frameAsked = true;
    requestAnimationFrame(drawLatest);
  }
};

type SnapshotMessage = Extract<FromWorker, { type: 'snapshot' }>;
/** The newest snapshot not yet drawn, and how many arrived since the last frame. */
let latest: SnapshotMessage | null = null;
let received = 0;
let frameAsked = false;

/**
 * Draws the newest snapshot, once per animation frame however many arrived, then tells the
 * worker how many the page has taken (it keeps at most two on the way, so one is ready for the
 * next frame while this one is drawn).
 */
function drawLatest(): void {
  frameAsked = false;
  const m = latest;
  if (!m) return;
  latest = null;
  send({ type: 'drawn', count: received });
  received = 0;
  draw(m);
}

function draw(m: SnapshotMessage): void {
  const s = m.snapshot;
  $('epoch').textContent = String(s.epoch);
  $('batch-status').textContent = s.batch > 0 ? ` (+ batch ${s.batch} of ${s.batches})` : '';
  $('code-text').textContent = codeFor(config, s.epoch, csvFile, s.batch);
  $('loss').textContent = Number.isFinite(s.loss) ? s.loss.toPrecision(6) : String(s.loss);
  // Full precision for scripts and tests (the text shows 6 digits).
  $('loss').dataset.value = String(s.loss);
  $('curves').dataset.epochs = String(rows.length);
  const score = m.regression ? 'R²' : 'accuracy';
  const scoreText = (v: number | null) =>
    m.regression ? (v === null ? '–' : v.toFixed(4)) : percent(v);
  $('score-name').textContent = score;
  $('accuracy').textContent = scoreText(m.regression ? s.r2 : s.accuracy);
  $('test-status').textContent =
    s.testLoss === null
      ? ''
      : `· test loss ${s.testLoss.toPrecision(4)} · test ${score} ${scoreText(m.regression ? s.testR2 : s.testAccuracy)}`;
  const { train, trainTargets } = m.points;
  shown = {
    xy: m.regression ? train.flatMap((x, i) => [x, trainTargets[i]!]) : train,
    extent: m.extent,
    yExtent: m.yExtent,
  };
  // What the canvas shows, for scripts and tests: the raster (P(class 1) or the winner's
  // probability) or the fitted curve, and the plotted ranges.
  const canvas = $<HTMLCanvasElement>('surface');
  canvas.dataset.surface = JSON.stringify(Array.from(s.surface));
  canvas.dataset.curve = JSON.stringify(Array.from(s.curve));
  canvas.dataset.extent = JSON.stringify(m.extent);
  canvas.setAttribute(
    'aria-label',
    m.regression ? 'The fitted curve over the data' : 'Decision surface over the data',
  );
  if (m.regression)
    drawCurve(canvas, { ...m.points, curve: s.curve, extent: m.extent, yExtent: m.yExtent });
  else
    drawSurface(canvas, {
      ...m.points,
      surface: s.surface,
      surfaceClasses: s.surfaceClasses,
      binary: m.classes === 2,
      extent: m.extent,
    });
  curves.setScore(score);
  // While playing, the charts and the diagram redraw at most every CURVES_MS / NETWORK_MS (each
  // redraw costs the page's thread several milliseconds, the diagram's repaint more — hundreds of
  // lines and a canvas per unit); the surface keeps every snapshot. When stopped, all redraw.
  const now = performance.now();
  if (!m.playing || now - curvesDrawn >= CURVES_MS) {
    curves.update(rows);
    curvesDrawn = now;
  }
  $('doctor').replaceChildren(
    ...s.warnings.map((w) => {
      const li = document.createElement('li');
      li.dataset.code = w.code;
      li.textContent = `${w.message} — ${w.fix}`;
      return li;
    }),
  );
  if (!m.playing || now - networkDrawn >= NETWORK_MS) {
    network.draw(s.sizes, s.weights, s.unitMaps);
    networkDrawn = now;
  }
}

$('surface').addEventListener('click', (event) => {
  if (!shown) return;
  const canvas = event.currentTarget as HTMLCanvasElement;
  const box = canvas.getBoundingClientRect();
  const [lo, hi] = shown.extent;
  const [bottom, top] = shown.yExtent;
  // Distances in canvas units, so that both axes count alike whatever their ranges.
  const u = (event.clientX - box.left) / box.width;
  const v = (event.clientY - box.top) / box.height;
  let best = 0;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (let i = 0; 2 * i < shown.xy.length; i++) {
    const pu = (shown.xy[2 * i]! - lo) / (hi - lo);
    const pv = (top - shown.xy[2 * i + 1]!) / (top - bottom);
    const d = (pu - u) ** 2 + (pv - v) ** 2;
    if (d < bestDistance) [best, bestDistance] = [i, d];
  }
  inspector.pick(best);
});
$('play').onclick = () => {
  setPlaying(!playing);
  send({ type: playing ? 'play' : 'pause' });
};
$('step').onclick = () => {
  setPlaying(false);
  send({ type: 'step' });
};
$('one-step').onclick = () => {
  setPlaying(false);
  send({ type: 'batch' });
};
$('reset').onclick = () => reset(config);
/** Reads a dropped or chosen CSV file and hands it to the worker. */
function readCsv(file: File | undefined): void {
  if (!file) return;
  if (file.size > 5e6) {
    Object.assign($('error'), { hidden: false, textContent: `${file.name}: larger than 5 MB` });
    return;
  }
  file.text().then((text) => send({ type: 'csv', name: file.name, text }));
}
$<HTMLInputElement>('csv-file').onchange = (e) =>
  readCsv((e.currentTarget as HTMLInputElement).files?.[0]);
for (const target of [$('surface'), $('csv-drop')]) {
  target.addEventListener('dragover', (e) => e.preventDefault());
  target.addEventListener('drop', (e) => {
    e.preventDefault();
    readCsv((e as DragEvent).dataTransfer?.files[0]);
  });
}
$('code-copy').onclick = () =>
  void navigator.clipboard?.writeText($('code-text').textContent ?? '');
$('export-model').onclick = () => send({ type: 'export' });
$('export-history').onclick = () =>
  download(
    'backprop-history.csv',
    `epoch,loss,accuracy,testLoss,testAccuracy,r2,testR2\n${rows.map((r) => [r.epoch, r.loss, r.accuracy ?? '', r.testLoss ?? '', r.testAccuracy ?? '', r.r2 ?? '', r.testR2 ?? ''].join(',')).join('\n')}\n`,
    'text/csv',
  );
window.addEventListener('hashchange', () => {
  const c = fromHash(location.hash);
  controls.show(c);
  reset(c);
});
reset(config);
