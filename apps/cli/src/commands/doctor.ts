import { examine } from '@backprop/model';
import { Command } from 'commander';
import { positiveInt } from '../args';
import { BUILT_IN, loadDataset, modelTargets } from '../data-source';
import { warningLine } from '../doctor-lines';
import { fixed, percent, table } from '../format';
import type { Io } from '../io';
import { checkFeatures, readModel } from '../model-file';

interface DoctorCommandOptions {
  data: string;
  split: 'train' | 'test';
  samples?: number;
  label?: string;
  x?: string;
  y?: string;
  json: boolean;
}

export function doctorCommand(io: Io): Command {
  return new Command('doctor')
    .description(
      "a saved model's health on data: gradient and weight norms, dead or saturated units, and warnings with fixes",
    )
    .argument('<model.json>', 'a model saved by backprop train --out')
    .requiredOption('--data <source>', `${BUILT_IN.join(' | ')} | file.csv | file.mat`)
    .option('--split <train|test>', 'split of mnist/fashion-mnist', 'train')
    .option('--samples <n>', 'use the first n samples', positiveInt('--samples'))
    .option('--label <column>', 'label column of a CSV file')
    .option('--x <name>', 'variable holding X in a .mat file', 'X')
    .option('--y <name>', 'variable holding the labels in a .mat file', 'y')
    .option('--json', 'print one JSON document on stdout and nothing else', false)
    .addHelpText(
      'after',
      '\nExamples:\n  $ backprop doctor mnist.json --data mnist --samples 10000',
    )
    .action(async (file: string, o: DoctorCommandOptions) => {
      const model = readModel(file);
      const data = await loadDataset(o.data, {
        split: o.split,
        samples: o.samples,
        x: o.x,
        y: o.y,
        label: o.label,
      });
      checkFeatures(model, data.X.cols, data.name);
      const Y = modelTargets(model, data);
      const result = examine(model, data.X, Y);
      if (o.json) {
        io.out(
          `${JSON.stringify({ command: 'doctor', model: file, data: data.name, samples: data.X.rows, ...result })}\n`,
        );
        return;
      }
      io.out(`${file} on ${data.name} (${data.X.rows} samples): loss ${fixed(result.loss)}\n\n`);
      io.out(
        table(
          ['layer', '', 'gradient norm', 'weight norm', 'dead', 'saturated'],
          result.health.map((h) => [
            String(h.layer),
            model.layers[h.layer]!.describe(),
            h.gradientNorm,
            h.weightNorm,
            h.dead === undefined ? '' : percent(h.dead),
            h.saturated === undefined ? '' : percent(h.saturated),
          ]),
        ),
      );
      io.out(
        result.warnings.length
          ? `\n${result.warnings.map((w) => warningLine(w, true)).join('')}`
          : '\nno warnings\n',
      );
    });
}
