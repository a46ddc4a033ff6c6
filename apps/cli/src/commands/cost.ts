import { evaluate, fromThetas } from '@backprop/model';
import { Command } from 'commander';
import { nonNegative } from '../args';
import { loadDataset, requireLabels, targetsFor } from '../data-source';
import { fixed } from '../format';
import type { Io } from '../io';
import { courseClasses, encodeLabels } from '../labels';
import { checkFeatures } from '../model-file';
import { readThetas } from '../thetas-file';

interface CostOptions {
  weights: string;
  data: string;
  x: string;
  y: string;
  lambda: number;
  json: boolean;
}

export function costCommand(io: Io): Command {
  return new Command('cost')
    .description(
      "the course's regularised cost for Coursera-layout weights (Theta1, Theta2, …, bias in column 0)",
    )
    .requiredOption('--weights <file.mat>', 'a .mat with Theta1, Theta2, … (e.g. ex4weights.mat)')
    .requiredOption(
      '--data <file.mat>',
      'a .mat with X and y (labels 1..K, K = digit 0 for ex4data1.mat)',
    )
    .option('--x <name>', 'variable holding X', 'X')
    .option('--y <name>', 'variable holding the labels', 'y')
    .option(
      '--lambda <L>',
      'regularisation λ (cost adds λ/(2m) Σ Θ², bias columns excluded)',
      nonNegative('--lambda'),
      0,
    )
    .option('--json', 'print one JSON document on stdout and nothing else', false)
    .addHelpText(
      'after',
      '\nExamples:\n  $ backprop cost --weights ex4weights.mat --data ex4data1.mat            # 0.287629 in the course\n  $ backprop cost --weights ex4weights.mat --data ex4data1.mat --lambda 1 # 0.383770 in the course',
    )
    .action(async (o: CostOptions) => {
      const model = fromThetas(await readThetas(o.weights));
      const data = await loadDataset(o.data, { x: o.x, y: o.y });
      checkFeatures(model, data.X.cols, data.name);
      // The course's layout: labels 1..K, output k standing for label k+1 (K = digit 0).
      const classes = courseClasses(Math.max(model.outputSize, 2));
      const Y = targetsFor(encodeLabels(requireLabels(data), classes), model.outputSize);
      const penalty = o.lambda > 0 ? { name: 'l2', config: { lambda: o.lambda } } : null;
      const { loss } = evaluate(model, data.X, Y, {
        loss: 'binaryCrossEntropy',
        penalty: penalty as never,
      });
      io.out(
        o.json
          ? `${JSON.stringify({ command: 'cost', weights: o.weights, data: o.data, samples: data.X.rows, lambda: o.lambda, cost: loss })}\n`
          : `cost ${fixed(loss)} (λ = ${o.lambda}, m = ${data.X.rows})\n`,
      );
    });
}
