import { getLoss } from '@backprop/losses';
import {
  type Callback,
  type ClassLabels,
  classCount,
  type DenseSpec,
  type DropoutSpec,
  doctor,
  earlyStopping,
  fitAsync,
  type History,
  sequential,
} from '@backprop/model';
import { saveModelFile, writeFileAtomic } from '@backprop/model/node';
import { getOptimizer, isFullBatchOptimizer } from '@backprop/optim';
import { Command } from 'commander';
import {
  batchSize,
  fraction,
  nonNegative,
  nonNegativeInt,
  penaltyFromFlags,
  positiveInt,
  seed,
} from '../args';
import { withConfigFile } from '../config-file';
import {
  BUILT_IN,
  type Dataset,
  defaultLayers,
  loadDataset,
  requireLabels,
  targetsFor,
} from '../data-source';
import { warningLine } from '../doctor-lines';
import { failure, fromFlags, usage } from '../errors';
import { percent } from '../format';
import type { Io } from '../io';
import { classesFor, encodeLabels, parseLabelScheme } from '../labels';
import { parseLayers } from '../layers';
import { checkOutputs } from '../outputs';
import { progressDisplay } from '../progress-display';
import type { StopSignal } from '../stop';

interface TrainOptions {
  data: string;
  layers?: string;
  loss?: string;
  optimizer: string;
  lr?: number;
  epochs: number;
  batchSize: 'full' | number;
  l2?: number;
  l1?: number;
  dropout?: number;
  init?: string;
  validationSplit?: number;
  earlyStopping?: number;
  seed: number;
  samples?: number;
  noise?: number;
  x?: string;
  y?: string;
  label?: string;
  labels?: string;
  maxParameters?: number;
  out?: string;
  history?: string;
  quiet: boolean;
  doctor: boolean;
  json: boolean;
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
    .option('--optimizer <name>', 'optimizer: sgd, adam, lbfgs, …', 'adam')
    .option('--lr <rate>', 'learning rate', nonNegative('--lr'))
    .option('--epochs <n>', 'epochs', nonNegativeInt('--epochs'), 10)
    .option('--batch-size <n|full>', "'full' (gradient descent), 1 (SGD) or n", batchSize, 32)
    .option('--l2 <lambda>', "L2 penalty λ (the course's λ/(2m) Σ W²)", nonNegative('--l2'))
    .option('--l1 <lambda>', 'L1 penalty λ', nonNegative('--l1'))
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
      '--labels <scheme>',
      'what label values mean, saved with the model: index (0..K-1, default), course (1..K, K = digit 0), sorted (distinct values in order), or a list a,b,…',
    )
    .option(
      '--max-parameters <n>',
      'refuse models larger than this (default 100000000)',
      positiveInt('--max-parameters'),
    )
    .option('--out <model.json>', 'save the trained model (and optimizer state) here')
    .option('--history <file.csv|file.json>', 'write the per-epoch history here')
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
  $ backprop train --config train.json --epochs 3`,
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
  ] as const;
  const used = keys.filter((k) => history.epochs.some((e) => e[k] !== undefined));
  writeFileAtomic(
    path,
    `${used.join(',')}\n${history.epochs.map((e) => used.map((k) => e[k] ?? '').join(',')).join('\n')}\n`,
  );
}

/** The number of outputs the last dense layer of `specs` has. */
const outputsOf = (specs: (DenseSpec | DropoutSpec)[]): number =>
  specs.filter((s): s is DenseSpec => s.type === 'dense').at(-1)?.units ?? 0;

/** The model's layers and classes: what the labels define, checked against --layers. */
function architecture(
  data: Dataset,
  o: TrainOptions,
): { layers: (DenseSpec | DropoutSpec)[]; classes: ClassLabels } {
  const given =
    o.layers === undefined ? null : parseLayers(o.layers, { dropout: o.dropout, init: o.init });
  const raw = requireLabels(data);
  const classes = classesFor(
    raw,
    parseLabelScheme(o.labels),
    given ? outputsOf(given) : undefined,
    data.classNames,
  );
  const K = classes.values.length;
  const layers =
    given ?? parseLayers(defaultLayers(K, data.name), { dropout: o.dropout, init: o.init });
  const outputs = outputsOf(layers);
  if (classCount(outputs) !== K) {
    throw failure(
      outputs === 1
        ? `${data.name} has ${K} classes but the model has 1 output; end --layers with ${K}:softmax`
        : `${data.name} has ${K} classes (--labels ${o.labels ?? 'index'}) but the model has ${outputs} outputs; end --layers with ${K === 2 ? '1:sigmoid or 2:softmax' : `${K}:softmax`}`,
    );
  }
  return { layers, classes };
}

/** Runs `f`, naming the CLI's flag where a library message names its option. */
function withFlagNames<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof Error)
      e.message = e.message.replace('raise maxParameters', 'raise --max-parameters');
    throw e;
  }
}

function optimizerFrom(o: TrainOptions) {
  const optimizer = fromFlags('--optimizer', () =>
    getOptimizer(
      o.lr === undefined ? o.optimizer : { name: o.optimizer, config: { learningRate: o.lr } },
    ),
  );
  return optimizer;
}

async function train(io: Io, signal: StopSignal, o: TrainOptions): Promise<void> {
  checkOutputs([
    { flag: '--out', path: o.out },
    { flag: '--history', path: o.history },
  ]);
  if (
    o.lr !== undefined &&
    fromFlags('--optimizer', () => isFullBatchOptimizer(getOptimizer(o.optimizer)))
  )
    throw usage(
      `--lr: ${o.optimizer} finds its step by a line search and takes no learning rate; drop --lr, or choose a step optimizer such as adam or sgd`,
    );
  const data = await loadDataset(o.data, {
    split: 'train',
    samples: o.samples,
    noise: o.noise,
    seed: o.seed,
    x: o.x,
    y: o.y,
    label: o.label,
  });
  const { layers, classes } = architecture(data, o);
  const model = fromFlags('--layers', () =>
    withFlagNames(() =>
      sequential(data.X.cols, layers, {
        seed: o.seed,
        classes,
        ...(o.maxParameters ? { maxParameters: o.maxParameters } : {}),
      }),
    ),
  );
  const Y = targetsFor(encodeLabels(requireLabels(data), classes), model.outputSize);
  const loss = o.loss === undefined ? undefined : fromFlags('--loss', () => getLoss(o.loss!));
  const optimizer = optimizerFrom(o);
  const penalty = penaltyFromFlags(o);
  const callbacks: Callback[] = o.json ? [] : [progressDisplay(io, { quiet: o.quiet })];
  if (o.doctor) callbacks.push(doctor({ onWarning: (w) => o.json || io.err(warningLine(w)) }));
  if (o.earlyStopping)
    callbacks.push(
      earlyStopping({ monitor: o.validationSplit ? 'valLoss' : 'loss', patience: o.earlyStopping }),
    );
  const held = o.validationSplit ? Math.floor(data.X.rows * o.validationSplit) : 0;
  if (o.validationSplit && held === 0)
    throw usage(
      `--validation-split: ${o.validationSplit} of the ${data.X.rows} samples of ${data.name} holds out no row; use at least ${Number((1 / data.X.rows).toPrecision(3))}, or none`,
    );
  if (!o.json)
    io.err(
      `training ${model.summary().split('\n')[0]} on ${data.name}: ${data.X.rows - held} samples${held ? ` (${held} more held out for validation)` : ''}, ${optimizer.name}, batch ${o.batchSize}, ${o.epochs} epochs\n`,
    );
  signal.graceful = true;
  const history = await fitAsync(model, data.X, Y, {
    ...(loss ? { loss } : {}),
    optimizer,
    epochs: o.epochs,
    batchSize: o.batchSize,
    seed: o.seed,
    penalty: penalty as never,
    ...(o.validationSplit ? { validationSplit: o.validationSplit } : {}),
    callbacks,
    signal,
  }).finally(() => {
    signal.graceful = false;
  });
  if (o.out) saveModelFile(o.out, model, { optimizer });
  if (o.history) writeHistory(o.history, history);
  const last = history.epochs.at(-1);
  if (o.json) {
    io.out(
      `${JSON.stringify({ command: 'train', data: data.name, samples: data.X.rows - held, validationSamples: held, model: { inputSize: model.inputSize, outputSize: model.outputSize, parameters: model.parameterCount, layers: layers.length, classes }, optimizer: optimizer.toConfig(), stopReason: history.stopReason, restoredEpoch: history.restoredEpoch ?? null, epochs: history.epochs, warnings: history.warnings ?? [], final: last ?? null, saved: o.out ?? null, history: o.history ?? null })}\n`,
    );
    return;
  }
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
}
