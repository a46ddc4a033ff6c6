import { basename } from 'node:path';
import { type Chart, svgToPng } from '@backprop/charts';
import { boundaryPlot, type Plot } from '@backprop/course';
import { writeFileAtomic } from '@backprop/model/node';
import { Command } from 'commander';
import { positiveInt, seed } from '../args';
import { isRegressor, loadDataset, requireLabels } from '../data-source';
import { failure, usage } from '../errors';
import { fixed, table } from '../format';
import { type HistoryTable, readHistory } from '../history-file';
import type { Io } from '../io';
import { encodeLabels, modelClasses } from '../labels';
import { checkFeatures, readModel } from '../model-file';
import { checkOutputs } from '../outputs';
import { chartOf } from '../report/charts';
import { chartsPage } from '../report/page';
import { sparkline } from '../sparkline';

interface PlotOptions {
  out?: string;
  data?: string;
  samples?: number;
  seed: number;
  label?: string;
  metric: 'loss' | 'accuracy';
  logY: boolean;
  json: boolean;
}

/** The training and validation curves of one metric, as a chart the report code draws. */
function curvesOf(h: HistoryTable, metric: 'loss' | 'accuracy', logY: boolean): Plot | null {
  const val = metric === 'loss' ? 'valLoss' : 'valAccuracy';
  const scale = metric === 'accuracy' ? 100 : 1;
  const epochs = h.values.epoch!;
  const series = (
    [
      ['training', metric],
      ['validation', val],
    ] as const
  )
    .filter(([, key]) => h.values[key]?.some(Number.isFinite))
    .map(([name, key]) => ({ name, x: epochs, y: h.values[key]!.map((v) => v * scale) }));
  if (series.length === 0) return null;
  return {
    kind: 'curves',
    id: `history-${metric}`,
    title: metric === 'loss' ? 'loss per epoch' : 'accuracy per epoch',
    xLabel: 'epoch',
    yLabel: metric === 'loss' ? 'loss' : 'accuracy (%)',
    ...(logY && metric === 'loss' ? { logY: true } : {}),
    series,
  };
}

/** One line per logged metric: its sparkline, first, last, least and greatest value. */
function terminalLines(h: HistoryTable): string {
  const shown = h.columns.filter((c) => !['epoch', 'seconds'].includes(c));
  const rows = shown.map((c) => {
    const v = h.values[c]!;
    const finite = v.filter(Number.isFinite);
    const stat = (x: number | undefined) => (x === undefined ? '-' : fixed(x));
    return [
      c,
      sparkline(v),
      stat(finite[0]),
      stat(finite.at(-1)),
      stat(finite.length ? Math.min(...finite) : undefined),
      stat(finite.length ? Math.max(...finite) : undefined),
    ];
  });
  return table(
    [
      'metric',
      `epochs ${h.values.epoch![0]}…${h.values.epoch!.at(-1)}`,
      'first',
      'last',
      'min',
      'max',
    ],
    rows,
  );
}

export function plotCommand(io: Io): Command {
  return new Command('plot')
    .description(
      'training curves of a history (train --history): sparklines in the terminal, or a chart as SVG or a self-contained HTML page',
    )
    .argument(
      '<file>',
      'a history.csv or history.json that train --history wrote, or (with --data) a model with two inputs',
    )
    .option(
      '--data <source>',
      "draw the model's decision boundary over this data (two features: moons, planar, xor, a .csv …)",
    )
    .option('--samples <n>', 'with --data: use (or generate) n samples', positiveInt('--samples'))
    .option('--seed <n>', 'with --data: seed of generated data', seed, 0)
    .option('--label <column>', 'with --data: label column of a CSV file')
    .option(
      '--out <file.svg|file.png|file.html>',
      'write the chart here: .svg or .png (one metric) or .html (loss and accuracy)',
    )
    .option('--metric <loss|accuracy>', 'the metric of an .svg or .png chart', 'loss')
    .option('--log-y', 'a logarithmic loss axis', false)
    .option('--json', 'print one JSON document on stdout and nothing else', false)
    .addHelpText(
      'after',
      '\nExamples:\n  $ backprop train --data moons --epochs 200 --validation-split 0.2 --history h.csv\n  $ backprop plot h.csv\n  $ backprop plot h.csv --out curves.html\n  $ backprop plot h.csv --out loss.svg --log-y\n  $ backprop plot h.csv --out accuracy.png --metric accuracy\n  $ backprop plot moons.json --data moons --out boundary.svg',
    )
    .action(async (file: string, o: PlotOptions) => {
      if (o.metric !== 'loss' && o.metric !== 'accuracy')
        throw usage(`--metric must be loss or accuracy, got '${o.metric}'`);
      const lower = o.out?.toLowerCase();
      if (lower && !['.svg', '.png', '.html'].some((e) => lower.endsWith(e)))
        throw usage(`--out: '${o.out}' must end in .svg, .png or .html`);
      checkOutputs([{ flag: '--out', path: o.out }]);
      if (o.data !== undefined) return plotBoundary(io, file, o);
      const history = await readHistory(file);
      if (o.out) await writeChart(o, file, history);
      if (o.json) {
        io.out(
          `${JSON.stringify({ command: 'plot', history: file, epochs: history.values.epoch!.length, columns: history.columns, out: o.out ?? null })}\n`,
        );
        return;
      }
      if (o.out) io.out(`wrote the chart to ${o.out}\n`);
      else io.out(terminalLines(history));
    });
}

/** Writes one chart as the --out file asks: .svg, .png (rendered by resvg) or an .html page. */
async function writeOut(out: string, charts: Chart[], page: () => string): Promise<void> {
  const lower = out.toLowerCase();
  if (lower.endsWith('.svg')) writeFileAtomic(out, `${charts[0]!.svg}\n`);
  else if (lower.endsWith('.png')) writeFileAtomic(out, [await pngOf(charts[0]!.svg)]);
  else writeFileAtomic(out, page());
}

async function pngOf(svg: string): Promise<Uint8Array> {
  try {
    return await svgToPng(svg);
  } catch (error) {
    throw failure((error as Error).message, error);
  }
}

async function writeChart(o: PlotOptions, file: string, history: HistoryTable): Promise<void> {
  const lower = o.out!.toLowerCase();
  const wanted =
    lower.endsWith('.svg') || lower.endsWith('.png') ? [o.metric] : (['loss', 'accuracy'] as const);
  const plots = wanted
    .map((m) => curvesOf(history, m, o.logY))
    .filter((p): p is Plot => p !== null);
  if (plots.length === 0)
    throw usage(
      `--metric: ${file} logs no ${o.metric} (its columns: ${history.columns.join(', ')})`,
    );
  const charts = plots.map(chartOf);
  await writeOut(o.out!, charts, () =>
    chartsPage(`backprop plot ${file}`, `The training history in ${file}.`, charts),
  );
}

/** A classifier's decision boundary over data with two features, as SVG or an HTML page. */
async function plotBoundary(io: Io, file: string, o: PlotOptions): Promise<void> {
  if (!o.out)
    throw usage('--data: a decision boundary is a picture; give --out boundary.svg, .png or .html');
  const model = readModel(file);
  if (isRegressor(model))
    throw usage(`--data: ${file} is a regression model; it has no decision boundary`);
  if (model.inputSize !== 2)
    throw usage(
      `--data: ${file} takes ${model.inputSize} inputs; a decision boundary is drawn for models with two`,
    );
  const data = await loadDataset(o.data!, { samples: o.samples, seed: o.seed, label: o.label });
  checkFeatures(model, data.X.cols, data.name);
  const labels = encodeLabels(requireLabels(data), modelClasses(model));
  const title = `${basename(file)} on ${data.name}: decision boundary`;
  const chart = chartOf(boundaryPlot('boundary', title, model, data.X, labels));
  await writeOut(o.out, [chart], () =>
    chartsPage(
      `backprop plot ${file}`,
      `${file}'s decision boundary over ${data.name} (${data.X.rows} points).`,
      [chart],
    ),
  );
  if (o.json)
    io.out(
      `${JSON.stringify({ command: 'plot', model: file, data: data.name, samples: data.X.rows, out: o.out })}\n`,
    );
  else io.out(`wrote the decision boundary to ${o.out}\n`);
}
