import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { figureHtml, HOVER_CSS, HOVER_SCRIPT, svgToPng } from '@backprop/charts';
import { save } from '@backprop/model';
import type { Chart } from './charts';
import type { MnistResult } from './mnist-demo';
import type { XorResult } from './xor-demo';

export interface ReportInput {
  xor: XorResult | null;
  mnist: MnistResult | null;
  charts: Chart[];
  config: Record<string, string | number>;
  timings: Record<string, number>;
}

export interface ReportFiles {
  dir: string;
  html: string;
  svgs: string[];
  pngs: string[];
  model: string | null;
  history: string | null;
}

export const escapeHtml = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

const CSS = `
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0; background: #f8fafc; color: #0f172a; }
header { background: #0f172a; color: #f8fafc; padding: 28px 40px; }
header h1 { margin: 0 0 6px; font-size: 28px; }
header p { margin: 0; color: #cbd5e1; }
main { max-width: 1200px; margin: 0 auto; padding: 24px 40px 60px; }
section { background: #fff; border: 1px solid #e2e8f0; border-radius: 10px; padding: 20px 24px; margin: 20px 0; }
h2 { margin: 0 0 12px; font-size: 20px; }
.figures { display: flex; flex-wrap: wrap; gap: 20px; align-items: flex-start; }
figure { margin: 0; }
figcaption { font-size: 13px; color: #475569; margin-top: 4px; max-width: 600px; }
.numbers { display: flex; gap: 16px; flex-wrap: wrap; margin: 8px 0 4px; }
.number { background: #f1f5f9; border-radius: 8px; padding: 10px 16px; }
.number b { display: block; font-size: 22px; }
table { border-collapse: collapse; font-size: 14px; }
td, th { padding: 4px 12px; border-bottom: 1px solid #e2e8f0; text-align: left; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
`;

const figure = (c: Chart, caption: string): string => figureHtml(c, caption);

function table(rows: [string, string | number][]): string {
  return `<table>${rows.map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td class="n">${escapeHtml(String(v))}</td></tr>`).join('')}</table>`;
}

function xorSection(x: XorResult, charts: Record<string, Chart>): string {
  const inputs = ['(0, 0)', '(0, 1)', '(1, 0)', '(1, 1)'];
  const targets = [0, 1, 1, 0];
  const rows = inputs
    .map(
      (input, i) =>
        `<tr><td>${input}</td><td class="n">${targets[i]}</td><td class="n">${x.gd.predictions[i]!.toFixed(3)}</td><td class="n">${x.sgd.predictions[i]!.toFixed(3)}</td></tr>`,
    )
    .join('');
  return `<section id="xor"><h2>XOR — gradient descent against stochastic gradient descent</h2>
<p>The 2-5-1 sigmoid network, trained for ${x.epochs} epochs with learning rate 1 from the same initial weights: once by full-batch gradient descent (one update per epoch, on all four points) and once by SGD (four updates per epoch, one point each).</p>
<table><tr><th>input</th><th class="n">target</th><th class="n">gradient descent</th><th class="n">SGD</th></tr>${rows}</table>
<div class="figures">${figure(charts['xor-loss']!, 'Gradient descent lowers the loss smoothly; each SGD update follows one point, so its loss oscillates around the same downward trend.')}${figure(charts['xor-surface']!, 'The network output over [−0.5, 1.5]²: high (dark) near (0, 1) and (1, 0), low near (0, 0) and (1, 1).')}</div></section>`;
}

function mnistSection(m: MnistResult, charts: Record<string, Chart>): string {
  const last = m.history.epochs.at(-1)!;
  const pct = (v: number | undefined) => (v === undefined ? 'n/a' : `${(100 * v).toFixed(2)}%`);
  return `<section id="mnist"><h2>MNIST — 784-64-32-10, Adam</h2>
<div class="numbers"><div class="number">test accuracy<b>${pct(m.testAccuracy)}</b></div><div class="number">validation accuracy<b>${pct(last.valAccuracy)}</b></div><div class="number">epochs<b>${m.history.epochs.length}${m.history.restoredEpoch ? ` (kept ${m.history.restoredEpoch})` : ''}</b></div><div class="number">seconds per epoch<b>${(m.seconds.train / Math.max(m.history.epochs.length, 1)).toFixed(2)}</b></div></div>
<p>Trained on ${m.trainSize} images, validated each epoch on ${m.validationSize} held-out training images, tested on ${m.testSize} test images.${
    m.history.stopReason === 'earlyStopping'
      ? ` Validation loss last improved at epoch ${m.history.restoredEpoch ?? m.history.epochs.length}; training stopped ${m.history.epochs.length - (m.history.restoredEpoch ?? m.history.epochs.length)} epochs later and the model keeps the weights of that epoch.`
      : ''
  }</p>
<div class="figures">${figure(charts['mnist-loss']!, 'Cross-entropy per epoch on the training batches and on the validation images.')}${figure(charts['mnist-accuracy']!, 'Accuracy per epoch.')}</div>
<div class="figures">${figure(charts['mnist-confusion']!, 'Rows: the true digit; columns: the prediction. The diagonal (green) counts correct answers; off the diagonal, darker red means more confusions.')}${figure(charts['mnist-misclassified']!, 'The first 25 test digits the network gets wrong.')}</div></section>`;
}

/** Writes the report: index.html (self-contained), charts/*.svg and *.png, the model and its history. */
export async function writeReport(dir: string, input: ReportInput): Promise<ReportFiles> {
  const chartDir = join(dir, 'charts');
  mkdirSync(chartDir, { recursive: true });
  const byId = Object.fromEntries(input.charts.map((c) => [c.id, c]));
  const svgs: string[] = [];
  const pngs: string[] = [];
  for (const c of input.charts) {
    const svg = join(chartDir, `${c.id}.svg`);
    writeFileSync(svg, c.svg);
    svgs.push(svg);
    const png = join(chartDir, `${c.id}.png`);
    writeFileSync(png, await svgToPng(c.svg));
    pngs.push(png);
  }
  let model: string | null = null;
  let history: string | null = null;
  if (input.mnist) {
    model = join(dir, 'mnist-model.json');
    writeFileSync(model, `${JSON.stringify(save(input.mnist.model))}\n`);
    history = join(dir, 'mnist-history.json');
    writeFileSync(history, `${JSON.stringify(input.mnist.history, null, 2)}\n`);
  }
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>backprop demo report</title><style>${CSS}${HOVER_CSS}</style></head>
<body><header><h1>backprop — demo report</h1><p>Neural networks from scratch in TypeScript: every step of backpropagation, checked. Generated ${escapeHtml(new Date().toISOString())}.</p></header>
<main>
${input.xor ? xorSection(input.xor, byId) : ''}
${input.mnist ? mnistSection(input.mnist, byId) : ''}
<section id="run"><h2>This run</h2><div class="figures"><div><h3>Configuration</h3>${table(Object.entries(input.config))}</div><div><h3>Timings (seconds)</h3>${table(Object.entries(input.timings).map(([k, v]) => [k, v.toFixed(2)]))}</div></div></section>
</main><script>${HOVER_SCRIPT}</script></body></html>
`;
  const htmlPath = join(dir, 'index.html');
  writeFileSync(htmlPath, html);
  return { dir, html: htmlPath, svgs, pngs, model, history };
}
