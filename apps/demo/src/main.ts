import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { runDemo } from './demo';

const USAGE =
  'usage: pnpm demo [-- --epochs N] [--only xor|mnist] [--seed S] [--out DIR] [--samples N]';

function fail(message: string): never {
  process.stderr.write(`demo: ${message}\n${USAGE}\n`);
  process.exit(2);
}

function parse() {
  try {
    return parseArgs({
      options: {
        epochs: { type: 'string' },
        only: { type: 'string' },
        seed: { type: 'string' },
        out: { type: 'string' },
        samples: { type: 'string' },
        help: { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (e) {
    fail((e as Error).message);
  }
}

const args = parse();
if (args.help) {
  process.stdout.write(
    `${USAGE}\n  --epochs N   MNIST epochs (default 20)\n  --only X     run only the xor or the mnist demo\n  --seed S     seed of everything random (default 0)\n  --out DIR    where the report goes (default ./report)\n  --samples N  use only the first N MNIST training images\n`,
  );
  process.exit(0);
}
const integer = (name: 'epochs' | 'seed' | 'samples', fallback: number, min: number) => {
  const raw = args[name];
  if (raw === undefined) return fallback;
  const v = Number(raw);
  if (!Number.isInteger(v) || v < min) fail(`--${name} must be an integer >= ${min}, got '${raw}'`);
  return v;
};
if (args.only !== undefined && args.only !== 'xor' && args.only !== 'mnist')
  fail(`--only must be xor or mnist, got '${args.only}'`);

const signal = { aborted: false };
process.once('SIGINT', () => {
  signal.aborted = true;
  process.stderr.write(
    '\nstopping MNIST training after the current batch; the report is still written\n',
  );
  process.once('SIGINT', () => process.exit(130));
});

const print = (line: string) => process.stdout.write(`${line}\n`);
const seed = integer('seed', 0, 0);
const samples = args.samples === undefined ? undefined : integer('samples', 0, 1000);
print(`backprop demo — seed ${seed}\n`);
const result = await runDemo({
  epochs: integer('epochs', 20, 1),
  seed,
  out: resolve(args.out ?? 'report'),
  ...(args.only ? { only: args.only as 'xor' | 'mnist' } : {}),
  ...(samples ? { samples } : {}),
  print,
  signal,
});
print(`\nreport: ${result.report.html}`);
print(
  `charts: ${result.report.dir}/charts (${result.report.svgs.length} SVG and PNG)${result.report.model ? `; the trained MNIST model: ${result.report.model}` : ''}`,
);
print(`total time: ${result.seconds.toFixed(1)} s`);
