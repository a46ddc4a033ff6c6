import { writeFileSync } from 'node:fs';
import { getLoss } from '@backprop/losses';
import {
  type Callback,
  earlyStopping,
  fitAsync,
  type History,
  save,
  sequential,
} from '@backprop/model';
import { getOptimizer } from '@backprop/optim';
import { Command } from 'commander';
import {
  batchSize,
  fraction,
  nonNegative,
  nonNegativeInt,
  penaltyFromFlags,
  positiveInt,
} from '../args';
import { withConfigFile } from '../config-file';
import { BUILT_IN, loadDataset, targetsFor } from '../data-source';
import { fromFlags } from '../errors';
import { percent } from '../format';
import type { Io } from '../io';
import { parseLayers } from '../layers';
import { progressDisplay } from '../progress-display';

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
  out?: string;
  history?: string;
  quiet: boolean;
  json: boolean;
  config?: string;
}

export function trainCommand(io: Io, signal: { aborted: boolean }): Command {
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
      'seed for initialisation, shuffling and synthetic data',
      nonNegativeInt('--seed'),
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
    .option('--out <model.json>', 'save the trained model (and optimizer state) here')
    .option('--history <file.csv|file.json>', 'write the per-epoch history here')
    .option('--quiet', 'no progress bar: plain periodic lines', false)
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

function writeHistory(path: string, history: History): void {
  if (path.endsWith('.json')) {
    writeFileSync(path, `${JSON.stringify(history, null, 2)}\n`);
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
  writeFileSync(
    path,
    `${used.join(',')}\n${history.epochs.map((e) => used.map((k) => e[k] ?? '').join(',')).join('\n')}\n`,
  );
}

async function train(io: Io, signal: { aborted: boolean }, o: TrainOptions): Promise<void> {
  const data = await loadDataset(o.data, {
    split: 'train',
    samples: o.samples,
    noise: o.noise,
    seed: o.seed,
    x: o.x,
    y: o.y,
    label: o.label,
  });
  const layers = parseLayers(o.layers ?? data.defaultLayers, { dropout: o.dropout, init: o.init });
  const model = fromFlags('--layers', () => sequential(data.X.cols, layers, { seed: o.seed }));
  const Y = targetsFor(data, model.outputSize);
  const loss = o.loss === undefined ? undefined : fromFlags('--loss', () => getLoss(o.loss!));
  const optimizer = fromFlags('--optimizer', () =>
    getOptimizer(
      o.lr === undefined || o.optimizer === 'lbfgs'
        ? o.optimizer
        : { name: o.optimizer, config: { learningRate: o.lr } },
    ),
  );
  const penalty = penaltyFromFlags(o);
  const callbacks: Callback[] = o.json ? [] : [progressDisplay(io, { quiet: o.quiet })];
  if (o.earlyStopping)
    callbacks.push(
      earlyStopping({ monitor: o.validationSplit ? 'valLoss' : 'loss', patience: o.earlyStopping }),
    );
  if (!o.json)
    io.err(
      `training ${model.summary().split('\n')[0]} on ${data.name}: ${data.X.rows} samples, ${optimizer.name}, batch ${o.batchSize}, ${o.epochs} epochs\n`,
    );
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
  });
  if (o.out) writeFileSync(o.out, `${JSON.stringify(save(model, { optimizer }))}\n`);
  if (o.history) writeHistory(o.history, history);
  const last = history.epochs.at(-1);
  if (o.json) {
    io.out(
      `${JSON.stringify({ command: 'train', data: data.name, samples: data.X.rows, model: { inputSize: model.inputSize, outputSize: model.outputSize, parameters: model.parameterCount, layers: layers.length }, optimizer: optimizer.toConfig(), stopReason: history.stopReason, restoredEpoch: history.restoredEpoch ?? null, epochs: history.epochs, final: last ?? null, saved: o.out ?? null, history: o.history ?? null })}\n`,
    );
    return;
  }
  const why =
    history.stopReason === 'aborted'
      ? ' (stopped by Ctrl-C)'
      : history.stopReason === 'earlyStopping'
        ? ` (early stopping; weights of epoch ${history.restoredEpoch ?? last?.epoch})`
        : '';
  io.out(
    `done after ${history.epochs.length} epochs${why}: loss ${last ? last.loss.toFixed(4) : '-'}${last?.accuracy !== undefined ? `, accuracy ${percent(last.accuracy)}` : ''}${last?.valAccuracy !== undefined ? `, val_accuracy ${percent(last.valAccuracy)}` : ''}\n`,
  );
  if (o.out) io.out(`saved the model to ${o.out}\n`);
  if (o.history) io.out(`wrote the history to ${o.history}\n`);
}
