import type { Callback, History } from '@backprop/model';
import { saveModelFile, writeFileAtomic } from '@backprop/model/node';
import { Command } from 'commander';
import {
  batchSize,
  dtype,
  fraction,
  nonNegative,
  nonNegativeInt,
  PENALTY_FORM_FLAG,
  positiveInt,
  reduction,
  SCALE_HELP,
  scaleText,
  seed,
} from '../args';
import { withConfigFile } from '../config-file';
import { BUILT_IN } from '../data-source';
import { warningLine } from '../doctor-lines';
import { percent } from '../format';
import type { Io } from '../io';
import { checkOutputs } from '../outputs';
import { progressDisplay } from '../progress-display';
import { buildCard, cardConfig, configHash, resolvedRun, runDataHash } from '../run-card';
import { writeCard } from '../run-card-file';
import { sparkline } from '../sparkline';
import type { StopSignal } from '../stop';
import { threadLabel, threadShareLine, useThreads } from '../threads';
import { checkSettings, prepareRun, runTraining, type TrainingSettings } from '../training';

interface TrainOptions extends TrainingSettings {
  out?: string;
  history?: string;
  card?: string;
  quiet: boolean;
  json: boolean;
  threads: string;
  config?: string;
}

export function trainCommand(io: Io, signal: StopSignal): Command {
  return new Command('train')
    .description('train a network and optionally save it')
    .option('--config <file>', 'read options from a JSON file (flags given here override it)')
    .option('--data <source>', `${BUILT_IN.join(' | ')} | file.csv | file.mat`, 'xor')
    .option(
      '--layers <spec>',
      'units:activation,… e.g. 64:relu,32:relu,10:softmax (default: one that suits --data)',
    )
    .option('--loss <name>', 'loss (default: from the output activation)')
    .option(
      '--reduction <mean|halfMean|sum|halfSum>',
      "how the loss sums over a batch: mean (default), halfMean (the course's 1/(2m)), sum (the thesis's sum of squared errors) or halfSum",
      reduction,
    )
    .option('--optimizer <name>', 'optimizer: sgd, adam, lbfgs, …', 'adam')
    .option('--lr <rate>', 'learning rate', nonNegative('--lr'))
    .option('--epochs <n>', 'epochs', nonNegativeInt('--epochs'), 10)
    .option('--batch-size <n|full>', "'full' (gradient descent), 1 (SGD) or n", batchSize, 32)
    .option('--l2 <lambda>', "L2 penalty λ (the course's λ/(2m) Σ W²)", nonNegative('--l2'))
    .option('--l1 <lambda>', 'L1 penalty λ', nonNegative('--l1'))
    .option(...PENALTY_FORM_FLAG)
    .option('--dropout <rate>', 'dropout after every hidden layer', fraction('--dropout'))
    .option('--init <name>', 'kernel initializer of every layer (e.g. heNormal, uniform)')
    .option(
      '--validation-split <fraction>',
      'hold out the last fraction of the rows',
      fraction('--validation-split'),
    )
    .option(
      '--early-stopping <patience>',
      'stop after this many epochs without improvement',
      positiveInt('--early-stopping'),
    )
    .option(
      '--seed <n>',
      'seed for initialisation, shuffling and synthetic data (an integer 0..2^53-1)',
      seed,
      0,
    )
    .option(
      '--samples <n>',
      'use the first n samples (or generate n for moons/planar)',
      positiveInt('--samples'),
    )
    .option('--noise <std>', 'noise of the moons data', nonNegative('--noise'))
    .option('--x <name>', 'variable holding X in a .mat file', 'X')
    .option('--y <name>', 'variable holding the labels in a .mat file', 'y')
    .option('--label <column>', 'label column of a CSV file (name or 0-based index)')
    .option(
      '--target <column>',
      'fit this numeric column of a .csv (or variable of a .mat) instead of classes: a regression, loss mse by default (icecream is one already)',
    )
    .option('--scale <factor|1/N>', SCALE_HELP, scaleText('--scale'))
    .option(
      '--labels <scheme>',
      'what label values mean, saved with the model: index (0..K-1, default), course (1..K, K = digit 0), sorted (distinct values in order), or a list a,b,…',
    )
    .option(
      '--max-parameters <n>',
      'refuse models larger than this (default 100000000)',
      positiveInt('--max-parameters'),
    )
    .option(
      '--dtype <float64|float32>',
      "float32: weights, buffers and optimizer state in float32 — half the memory and the f32x4 kernel (default float64: the course's numbers)",
      dtype,
    )
    .option('--out <model.json>', 'save the trained model (and optimizer state) here')
    .option('--history <file.csv|file.json>', 'write the per-epoch history here')
    .option(
      '--card <run.json|run.md>',
      'write a run card (settings, data hash, per-epoch metrics and weight fingerprints, confusion matrix, warnings, timings) that backprop verify replays',
    )
    .option(
      '--threads <n|auto>',
      'matrix threads (results are identical for every count; default: BACKPROP_THREADS, else every core)',
      'auto',
    )
    .option('--quiet', 'no progress bar: plain periodic lines', false)
    .option('--no-doctor', "don't run the training doctor (per-layer health, warnings with fixes)")
    .option('--json', 'print one JSON document on stdout and nothing else', false)
    .addHelpText(
      'after',
      `
Examples:
  $ backprop train --data xor --optimizer sgd --lr 1 --batch-size full --epochs 2000
  $ backprop train --data mnist --layers 64:relu,32:relu,10:softmax --epochs 10 --batch-size 128 --out mnist.json
  $ backprop train --data ex4data1.mat --x X --y y --layers 25:sigmoid,10:sigmoid --l2 1 --optimizer lbfgs --epochs 50
  $ backprop train --data icecream --layers 1:linear --loss sse --optimizer sgd --lr 0.0001 --batch-size full --epochs 1500
  $ backprop train --data houses.csv --target price --layers 16:relu,1:linear --scale 1/1000 --out houses.json
  $ backprop train --config train.json --epochs 3
  $ backprop train --data mnist --epochs 3 --card run.md && backprop verify run.md`,
    )
    .action(async function (this: Command) {
      const o = withConfigFile(this, this.opts<TrainOptions>());
      await train(io, signal, o);
    });
}

/** The per-epoch history as CSV (or JSON for a .json path), written atomically. */
function writeHistory(path: string, history: History): void {
  if (path.endsWith('.json')) {
    writeFileAtomic(path, `${JSON.stringify(history, null, 2)}\n`);
    return;
  }
  const keys = [
    'epoch',
    'loss',
    'accuracy',
    'valLoss',
    'valAccuracy',
    'seconds',
    'learningRate',
    'fingerprint',
  ] as const;
  const used = keys.filter((k) => history.epochs.some((e) => e[k] !== undefined));
  writeFileAtomic(
    path,
    `${used.join(',')}\n${history.epochs.map((e) => used.map((k) => e[k] ?? '').join(',')).join('\n')}\n`,
  );
}

async function train(io: Io, signal: StopSignal, o: TrainOptions): Promise<void> {
  checkOutputs([
    { flag: '--out', path: o.out },
    { flag: '--history', path: o.history },
    { flag: '--card', path: o.card },
  ]);
  checkSettings(o);
  const started = performance.now();
  const threadCount = await useThreads(o.threads);
  const run = await prepareRun(o);
  const loaded = performance.now();
  const { data, model, optimizer, held } = run;
  if (!o.json)
    io.err(
      `training ${model.summary().split('\n')[0]} on ${data.name}: ${data.X.rows - held} samples${held ? ` (${held} more held out for validation)` : ''}${o.scale ? `, inputs scaled by ${o.scale}` : ''}, ${optimizer.name}, batch ${o.batchSize}, ${o.epochs} epochs, ${model.dtype}, ${threadLabel(threadCount)}\n`,
    );
  const watchers: Callback[] = o.json ? [] : [progressDisplay(io, { quiet: o.quiet })];
  const history = await runTraining(
    run,
    { watchers, onWarning: (w) => o.json || io.err(warningLine(w)) },
    signal,
  );
  const trained = performance.now();
  const hashes = {
    data: runDataHash(run),
    config: configHash(cardConfig(o), resolvedRun(run)),
  };
  if (o.out) saveModelFile(o.out, model, { optimizer, run: { history, ...hashes } });
  if (o.history) writeHistory(o.history, history);
  if (o.card)
    writeCard(
      o.card,
      buildCard(run, history, {
        loadSeconds: (loaded - started) / 1000,
        trainSeconds: (trained - loaded) / 1000,
      }),
    );
  report(io, o, run, history, signal);
}

function report(
  io: Io,
  o: TrainOptions,
  run: Awaited<ReturnType<typeof prepareRun>>,
  history: History,
  signal: StopSignal,
): void {
  const { data, model, layers, classes, optimizer, held } = run;
  const last = history.epochs.at(-1);
  if (o.json) {
    io.out(
      `${JSON.stringify({ command: 'train', data: data.name, samples: data.X.rows - held, validationSamples: held, model: { inputSize: model.inputSize, outputSize: model.outputSize, parameters: model.parameterCount, layers: layers.length, classes }, optimizer: optimizer.toConfig(), stopReason: history.stopReason, restoredEpoch: history.restoredEpoch ?? null, epochs: history.epochs, warnings: history.warnings ?? [], final: last ?? null, saved: o.out ?? null, history: o.history ?? null, card: o.card ?? null })}\n`,
    );
    return;
  }
  if (history.epochs.length > 1) {
    const losses = history.epochs.map((e) => e.loss);
    io.err(
      `loss ${sparkline(losses)}  ${losses[0]!.toPrecision(4)} → ${losses.at(-1)!.toPrecision(4)}\n`,
    );
  }
  const share = threadShareLine();
  if (share) io.err(`${share}\n`);
  const why =
    history.stopReason === 'aborted'
      ? ` (stopped by ${signal.signal === 'SIGTERM' ? 'SIGTERM' : 'Ctrl-C'})`
      : history.stopReason === 'earlyStopping'
        ? ` (early stopping; weights of epoch ${history.restoredEpoch ?? last?.epoch})`
        : '';
  io.out(
    `done after ${history.epochs.length} epochs${why}: loss ${last ? last.loss.toFixed(4) : '-'}${last?.accuracy !== undefined ? `, accuracy ${percent(last.accuracy)}` : ''}${last?.valAccuracy !== undefined ? `, val_accuracy ${percent(last.valAccuracy)}` : ''}\n`,
  );
  if (o.out) io.out(`saved the model to ${o.out}\n`);
  if (o.history) io.out(`wrote the history to ${o.history}\n`);
  if (o.card)
    io.out(`wrote the run card to ${o.card} (check it with: backprop verify ${o.card})\n`);
}
