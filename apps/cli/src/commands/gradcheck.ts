import { getLoss } from '@backprop/losses';
import { gradientCheck } from '@backprop/model';
import { Command } from 'commander';
import {
  nonNegative,
  number,
  PENALTY_FORM_FLAG,
  type PenaltyForm,
  penaltyFromFlags,
  positiveInt,
} from '../args';
import { CliError, EXIT, fromFlags } from '../errors';
import { fixed, table } from '../format';
import type { Io } from '../io';
import { modelAndProblem, type ProblemOptions, problemFlags } from '../problem';

interface GradcheckOptions extends ProblemOptions {
  loss?: string;
  l2?: number;
  l1?: number;
  penaltyForm?: PenaltyForm;
  epsilon: number;
  threshold: number;
  maxEntries?: number | 'all';
  json: boolean;
}

/** "gradcheck: 1200/4000 entries" on stderr about every 2 s, for checks that take a while. */
function progressLines(io: Io): (done: number, total: number) => void {
  let last = performance.now();
  let printed = false;
  return (done, total) => {
    const now = performance.now();
    // The last line only when earlier ones were printed: quick checks stay quiet.
    if (done === total ? !printed : now - last < 2000) return;
    last = now;
    printed = true;
    io.err(`gradcheck: ${done}/${total} entries\n`);
  };
}

export function gradcheckCommand(io: Io): Command {
  return problemFlags(
    new Command('gradcheck')
      .description('check backpropagation against central differences; exit code 1 on FAIL')
      .argument('[model.json]', 'a saved model (otherwise --layers builds one)'),
    8,
  )
    .option('--loss <name>', 'loss (default: from the output activation)')
    .option('--l2 <lambda>', 'add an L2 penalty', nonNegative('--l2'))
    .option('--l1 <lambda>', 'add an L1 penalty', nonNegative('--l1'))
    .option(...PENALTY_FORM_FLAG)
    .option(
      '--epsilon <h>',
      'central-difference step',
      number('--epsilon', (v) => v > 0, 'a number > 0'),
      1e-5,
    )
    .option(
      '--threshold <t>',
      'PASS when every tensor’s relative error is below this',
      number('--threshold', (v) => v > 0, 'a number > 0'),
      1e-7,
    )
    .option(
      '--max-entries <n|all>',
      'check at most n entries per tensor, a seeded subset (default: all for models up to 10000 parameters, else 200)',
      (raw: string) => (raw === 'all' ? 'all' : positiveInt('--max-entries')(raw)),
    )
    .option('--json', 'print one JSON document on stdout and nothing else', false)
    .addHelpText(
      'after',
      '\nExamples:\n  $ backprop gradcheck --layers 5:tanh,4:sigmoid,3:softmax --l2 0.5\n  $ backprop gradcheck mnist.json --data mnist --samples 4 --max-entries 50',
    )
    .action(async (file: string | undefined, o: GradcheckOptions) => {
      const { model, ...problem } = await modelAndProblem('gradcheck', file, o);
      const penalty = penaltyFromFlags(o);
      const reporter = o.json ? undefined : progressLines(io);
      const result = fromFlags('gradcheck', () =>
        gradientCheck(model, problem.X, problem.Y, {
          ...(o.loss ? { loss: fromFlags('--loss', () => getLoss(o.loss!)) } : {}),
          penalty: penalty as never,
          epsilon: o.epsilon,
          seed: o.seed,
          ...(o.maxEntries
            ? {
                maxEntriesPerTensor:
                  o.maxEntries === 'all' ? Number.POSITIVE_INFINITY : o.maxEntries,
              }
            : {}),
          ...(reporter ? { onProgress: reporter } : {}),
        }),
      );
      const subset = result.tensors.some((t) => t.checked < t.entries);
      if (subset && !o.json)
        io.err(
          `checked a seeded subset of ${result.tensors.reduce((n, t) => n + t.checked, 0)} of ${model.parameterCount} entries (--max-entries all checks every one)\n`,
        );
      const pass = result.maxRelativeError < o.threshold;
      if (result.float64Copy && !o.json)
        io.err(
          'the model is float32: checked a float64 copy of its weights (float32 rounding would swamp the differences; both run the same backward pass)\n',
        );
      if (o.json) {
        io.out(
          `${JSON.stringify({ command: 'gradcheck', pass, threshold: o.threshold, maxRelativeError: result.maxRelativeError, float64Copy: result.float64Copy, tensors: result.tensors, worst: result.worst })}\n`,
        );
      } else {
        const params = model.params();
        io.out(
          table(
            ['layer', 'param', 'shape', 'checked', 'relative error', ''],
            result.tensors.map((t, k) => [
              String(t.layer),
              t.param,
              params[k]!.value.shape.join('x'),
              t.checked,
              t.relativeError.toExponential(2),
              t.relativeError < o.threshold ? 'ok' : 'FAIL',
            ]),
          ),
        );
        io.out(
          `\nworst entries:\n${table(
            ['layer', 'param', 'i', 'j', 'analytic', 'numeric', '|difference|'],
            result.worst.map((w) => [
              String(w.layer),
              w.param,
              w.i,
              w.j,
              fixed(w.analytic),
              fixed(w.numeric),
              w.absoluteError.toExponential(2),
            ]),
          )}`,
        );
        io.out(
          `\n${pass ? 'PASS' : 'FAIL'}: max relative error ${result.maxRelativeError.toExponential(2)} ${pass ? '<' : '>='} threshold ${o.threshold}\n`,
        );
      }
      if (!pass) throw new CliError('', EXIT.failure);
    });
}
