import {
  accuracy,
  classesOf,
  confusionMatrix,
  defaultLoss,
  evaluate,
  precisionRecall,
  predict,
  regressionScores,
  type Sequential,
} from '@backprop/model';
import { Command } from 'commander';
import { positiveInt, SCALE_HELP, scaleText } from '../args';
import {
  BUILT_IN,
  type Dataset,
  isRegressor,
  loadDataset,
  numericTargets,
  requireLabels,
  targetsFor,
} from '../data-source';
import { usage } from '../errors';
import { fixed, percent, table } from '../format';
import type { Io } from '../io';
import { encodeLabels, modelClasses } from '../labels';
import { checkFeatures, readModel } from '../model-file';

interface EvaluateOptions {
  data: string;
  split: 'train' | 'test';
  samples?: number;
  x?: string;
  y?: string;
  label?: string;
  target?: string;
  scale?: string;
  json: boolean;
}

export function evaluateCommand(io: Io): Command {
  return new Command('evaluate')
    .description(
      'loss, accuracy, per-class precision/recall and the confusion matrix of a saved model',
    )
    .argument('<model.json>', 'a model saved by backprop train --out')
    .requiredOption('--data <source>', `${BUILT_IN.join(' | ')} | file.csv | file.mat`)
    .option('--split <train|test>', 'split of mnist/fashion-mnist', 'test')
    .option('--samples <n>', 'use the first n samples', positiveInt('--samples'))
    .option('--x <name>', 'variable holding X in a .mat file', 'X')
    .option('--y <name>', 'variable holding the labels in a .mat file', 'y')
    .option('--label <column>', 'label column of a CSV file')
    .option(
      '--target <column>',
      "a regression model's target column of a .csv (or variable of a .mat)",
    )
    .option('--scale <factor|1/N>', SCALE_HELP, scaleText('--scale'))
    .option('--json', 'print one JSON document on stdout and nothing else', false)
    .addHelpText(
      'after',
      '\nExamples:\n  $ backprop evaluate mnist.json --data mnist\n  $ backprop evaluate model.json --data test.csv --label label --json',
    )
    .action(async (file: string, o: EvaluateOptions) => {
      const model = readModel(file);
      const data = await loadDataset(o.data, {
        split: o.split,
        samples: o.samples,
        x: o.x,
        y: o.y,
        label: o.target ?? o.label,
        scale: o.scale,
      });
      checkFeatures(model, data.X.cols, data.name);
      if (isRegressor(model)) return evaluateRegression(io, file, model, data, o.json);
      if (o.target !== undefined)
        throw usage(
          `--target: ${file} is a classifier (it has classes, or not one linear output); give its label column with --label`,
        );
      const classes = modelClasses(model);
      const Y = targetsFor(encodeLabels(requireLabels(data), classes), model.outputSize);
      const loss = defaultLoss(model);
      const result = evaluate(model, data.X, Y, { loss });
      const outputs = predict(model, data.X);
      const K = Math.max(model.outputSize, 2);
      const cm = confusionMatrix(classesOf(Y), classesOf(outputs), K);
      const perClass = precisionRecall(cm);
      if (o.json) {
        io.out(
          `${JSON.stringify({ command: 'evaluate', model: file, data: data.name, samples: data.X.rows, loss: { name: loss.name, value: result.loss }, accuracy: accuracy(outputs, Y), classes: perClass.map((c, k) => ({ class: k, label: classes.values[k], name: classes.names[k], ...c })), confusionMatrix: cm })}\n`,
        );
        return;
      }
      io.out(
        `${data.name}: ${data.X.rows} samples\n${loss.name} ${fixed(result.loss)}   accuracy ${percent(result.accuracy)}\n\n`,
      );
      io.out(
        table(
          ['class', 'precision', 'recall', 'f1', 'support'],
          perClass.map((c, k) => [
            classes.names[k]!,
            percent(c.precision),
            percent(c.recall),
            percent(c.f1),
            c.support,
          ]),
        ),
      );
      io.out(`\nconfusion matrix (rows: true class, columns: predicted)\n`);
      io.out(
        table(
          ['', ...cm.map((_, k) => classes.names[k]!)],
          cm.map((row, k) => [classes.names[k]!, ...row]),
        ),
      );
    });
}

function evaluateRegression(
  io: Io,
  file: string,
  model: Sequential,
  data: Dataset,
  json: boolean,
): void {
  const Y = numericTargets(requireLabels(data));
  const loss = defaultLoss(model);
  const result = evaluate(model, data.X, Y, { loss });
  const scores = regressionScores(predict(model, data.X), Y);
  if (json) {
    io.out(
      `${JSON.stringify({ command: 'evaluate', model: file, data: data.name, samples: data.X.rows, task: 'regression', loss: { name: loss.name, value: result.loss }, ...scores, r2: Number.isFinite(scores.r2) ? scores.r2 : null })}\n`,
    );
    return;
  }
  io.out(
    `${data.name}: ${data.X.rows} samples (regression)\n${loss.name} ${fixed(result.loss)}   mae ${fixed(scores.mae)}   rmse ${fixed(scores.rmse)}   r² ${Number.isFinite(scores.r2) ? fixed(scores.r2) : '-'}\n`,
  );
}
