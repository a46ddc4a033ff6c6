import { Command, CommanderError } from 'commander';
import pkg from '../package.json';
import { costCommand } from './commands/cost';
import { evaluateCommand } from './commands/evaluate';
import { gradcheckCommand } from './commands/gradcheck';
import { inspectCommand } from './commands/inspect';
import { predictCommand } from './commands/predict';
import { trainCommand } from './commands/train';
import { describe, EXIT } from './errors';
import type { Io } from './io';

/** The CLI's version, from its package.json (bundled at build time). */
export const VERSION: string = pkg.version;

/** commander's usage errors as one line, like every other error: `backprop: unknown option '--lrr' (Did you mean --lr?)`. */
function oneLine(io: Io) {
  return {
    writeOut: (s: string) => io.out(s),
    writeErr: (s: string) => io.err(s),
    outputError: (s: string) =>
      io.err(
        `backprop: ${s
          .replace(/^error: /, '')
          .replace(/\s*\n\s*/g, ' ')
          .trim()}\n`,
      ),
  };
}

/** The `backprop` program, writing to `io`; `signal` is set by Ctrl-C to stop training cleanly. */
export function createProgram(io: Io, signal: { aborted: boolean }): Command {
  const program = new Command('backprop')
    .description('Train, evaluate and check neural networks built with backprop.')
    .version(VERSION)
    .option('--verbose', 'print stack traces of errors', false)
    .showSuggestionAfterError(true)
    .configureOutput(oneLine(io))
    .exitOverride();
  for (const command of [
    trainCommand(io, signal),
    evaluateCommand(io),
    predictCommand(io),
    gradcheckCommand(io),
    inspectCommand(io),
    costCommand(io),
  ]) {
    program.addCommand(
      command.exitOverride().configureOutput(oneLine(io)).showSuggestionAfterError(true),
    );
  }
  return program;
}

/** Runs the CLI on `argv` (as process.argv) and returns the exit code; never throws. */
export async function run(argv: string[], io: Io, signal: { aborted: boolean }): Promise<number> {
  const program = createProgram(io, signal);
  try {
    await program.parseAsync(argv);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // commander already printed its message (help and version exit with code 0).
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    const { message, exitCode } = describe(error);
    if (message) io.err(`backprop: ${message}\n`);
    if (argv.includes('--verbose') && error instanceof Error && error.stack)
      io.err(`${error.stack}\n`);
    return exitCode;
  }
}
