import { getLoss } from '@backprop/losses';
import { type Conventions, lecture222, trace, withConventions } from '@backprop/model';
import { getOptimizer } from '@backprop/optim';
import { Command } from 'commander';
import { nonNegative, PENALTY_FORM_FLAG, type PenaltyForm, penaltyFromFlags } from '../args';
import { fromFlags, usage } from '../errors';
import { fixed } from '../format';
import type { Io } from '../io';
import { modelAndProblem, type ProblemOptions, problemFlags } from '../problem';
import { traceJson, traceText } from '../trace-format';

interface TraceOptions extends ProblemOptions {
  loss?: string;
  l2?: number;
  l1?: number;
  penaltyForm?: PenaltyForm;
  optimizer: string;
  lr?: number;
  example?: string;
  format: 'table' | 'markdown' | 'json';
  full: boolean;
  layout: 'rows' | 'columns';
  bias: 'separate' | 'column';
  reduction: 'mean' | 'sum';
  derivative: 'z' | 'a';
  json: boolean;
}

const EXAMPLES = ['lecture-222'] as const;

/** The lecture notes' worked example, traced from its outputs under both conventions. */
function exampleText(format: TraceOptions['format']): string {
  const e = lecture222();
  const show = (v: number[]) => `[${v.map((x) => fixed(Number(x.toPrecision(12)))).join(', ')}]`;
  if (format === 'json')
    return `${JSON.stringify({ command: 'trace', example: e.id, ...e, thetas: e.thetas.map((t) => t.toArray()) })}\n`;
  const lines = [
    `${e.id}: ${e.source}`,
    `  Θ¹ = ${JSON.stringify(e.thetas[0]!.toArray())}   Θ² = ${JSON.stringify(e.thetas[1]!.toArray())}   (sigmoid units, squared error, no bias)`,
    `  output a³ = ${show(e.output)}   target y = ${show(e.target)}`,
    '',
    `  δ³ standard (g′ at the output)      ${e.deltas.standardFormula.padEnd(46)} = ${show(e.deltas.standard)}`,
    `  δ³ as the notes write it            ${'δ = (a − y)·y(1 − y)'.padEnd(46)} = ${show(e.deltas.document)}`,
    '  δ² = (Θ²ᵀ·δ³) ⊙ a²(1 − a²)         (symbolic: the notes give no a²)',
    '',
    ...e.notes.map((n) => `  - ${n}`),
  ];
  return `${lines.join('\n')}\n`;
}

export function traceCommand(io: Io): Command {
  return problemFlags(
    new Command('trace')
      .description('one step of backpropagation: every value with the formula that made it')
      .argument('[model.json]', 'a saved model (otherwise --layers builds one)'),
    4,
  )
    .option('--loss <name>', 'loss (default: from the output activation)')
    .option('--l2 <lambda>', 'add an L2 penalty', nonNegative('--l2'))
    .option('--l1 <lambda>', 'add an L1 penalty', nonNegative('--l1'))
    .option(...PENALTY_FORM_FLAG)
    .option('--optimizer <name>', "the optimizer whose step to show ('none' for no step)", 'adam')
    .option('--lr <rate>', 'its learning rate', nonNegative('--lr'))
    .option('--example <name>', `a worked example of the course: ${EXAMPLES.join(', ')}`)
    .option('--format <table|markdown|json>', 'output format', 'table')
    .option('--full', 'every entry of every tensor, at full precision', false)
    .option(
      '--layout <rows|columns>',
      'examples as rows (Z = A·W + b) or columns (Z = Wᵀ·A + b)',
      'rows',
    )
    .option(
      '--bias <separate|column>',
      "b apart, or the course's Θ with the bias in column 0",
      'separate',
    )
    .option(
      '--reduction <mean|sum>',
      'J as a mean over the examples, or a sum (the thesis)',
      'mean',
    )
    .option(
      '--derivative <z|a>',
      "g′ from Z (δ = ∂J/∂A ⊙ g′(Z)) or from the output A (⊙ A(1 − A) for sigmoid: the course's form)",
      'z',
    )
    .option('--json', 'same as --format json', false)
    .addHelpText(
      'after',
      '\nExamples:\n  $ backprop trace --layers 3:tanh,2:softmax --inputs 2 --samples 2\n  $ backprop trace mnist.json --data mnist --samples 1 --format markdown\n  $ backprop trace --example lecture-222\n  $ backprop trace --layers 3:sigmoid,1:sigmoid --inputs 2 --derivative a --l2 1 --penalty-form keras --reduction sum',
    )
    .action(async (file: string | undefined, o: TraceOptions) => {
      const format = o.json ? 'json' : o.format;
      if (!['table', 'markdown', 'json'].includes(format))
        throw usage(`--format must be table, markdown or json, got '${o.format}'`);
      if (o.example !== undefined) {
        if (!(EXAMPLES as readonly string[]).includes(o.example))
          throw usage(
            `--example: unknown example '${o.example}'; examples: ${EXAMPLES.join(', ')}`,
          );
        io.out(exampleText(format));
        return;
      }
      const { model, X, Y } = await modelAndProblem('trace', file, o);
      const optimizer =
        o.optimizer === 'none'
          ? null
          : fromFlags('--optimizer', () =>
              getOptimizer(
                o.lr === undefined
                  ? o.optimizer
                  : { name: o.optimizer, config: { learningRate: o.lr } },
              ),
            );
      const conventions: Conventions = {
        layout: o.layout,
        bias: o.bias,
        reduction: o.reduction,
        derivative: o.derivative,
      };
      const result = fromFlags('trace', () =>
        withConventions(
          trace(model, X, Y, {
            ...(o.loss ? { loss: fromFlags('--loss', () => getLoss(o.loss!)) } : {}),
            penalty: penaltyFromFlags(o) as never,
            optimizer,
            seed: o.seed,
          }),
          conventions,
          (i) => {
            const layer = model.layers[i] as { W?: never; b?: never; type: string };
            return layer.type === 'dense' ? { W: layer.W, b: layer.b } : {};
          },
        ),
      );
      io.out(
        format === 'json'
          ? `${JSON.stringify({ command: 'trace', summary: model.summary().split('\n')[0], conventions, ...(traceJson(result, o.full) as object) })}\n`
          : `${model.summary().split('\n')[0]} on ${X.rows} sample${X.rows === 1 ? '' : 's'}\n${traceText(result, format, o.full)}`,
      );
    });
}
