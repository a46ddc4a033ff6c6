import { Command, CommanderError } from 'commander';
import { costCommand } from './commands/cost';
import { doctorCommand } from './commands/doctor';
import { evaluateCommand } from './commands/evaluate';
import { exportCommand } from './commands/export';
import { gradcheckCommand } from './commands/gradcheck';
import { importCommand } from './commands/import';
import { inspectCommand } from './commands/inspect';
import { plotCommand } from './commands/plot';
import { predictCommand } from './commands/predict';
import { reproduceCommand } from './commands/reproduce';
import { traceCommand } from './commands/trace';
import { trainCommand } from './commands/train';
import { verifyCommand } from './commands/verify';
import { describe, EXIT, errorDocument } from './errors';
import type { Io } from './io';
import type { StopSignal } from './stop';

import { VERSION } from './version';

export { VERSION };

/** commander's usage errors as one line, like every other error: `backprop: unknown option '--lrr' (Did you mean --lr?)`. */
function oneLine(io: Io, last: { message?: string }) {
  return {
    writeOut: (s: string) => io.out(s),
    writeErr: (s: string) => io.err(s),
    outputError: (s: string) => {
      last.message = s
        .replace(/^error: /, '')
        .replace(/\s*\n\s*/g, ' ')
        .trim();
      io.err(`backprop: ${last.message}\n`);
    },
  };
}

/** The `backprop` program, writing to `io`; `signal` is set by Ctrl-C to stop training cleanly. */
export function createProgram(
  io: Io,
  signal: StopSignal,
  last: { message?: string } = {},
): Command {
  const program = new Command('backprop')
    .description('Train, evaluate and check neural networks built with backprop.')
    .version(VERSION)
    .option('--verbose', 'print stack traces of errors', false)
    .showSuggestionAfterError(true)
    .configureOutput(oneLine(io, last))
    .exitOverride();
  for (const command of [
    trainCommand(io, signal),
    evaluateCommand(io),
    predictCommand(io),
    gradcheckCommand(io),
    inspectCommand(io),
    costCommand(io),
    traceCommand(io),
    doctorCommand(io),
    verifyCommand(io, signal),
    reproduceCommand(io),
    exportCommand(io),
    importCommand(io),
    plotCommand(io),
  ]) {
    program.addCommand(
      command.exitOverride().configureOutput(oneLine(io, last)).showSuggestionAfterError(true),
    );
  }
  return program;
}

/**
 * Runs the CLI on `argv` (as process.argv) and returns the exit code; never throws. Every error is
 * one line on stderr; with --json it is also a JSON document on stdout, so a script that parses
 * stdout always gets JSON: `{"error":{"code","message","exitCode",…}}`.
 */
export async function run(argv: string[], io: Io, signal: StopSignal): Promise<number> {
  const usageLine: { message?: string } = {};
  const program = createProgram(io, signal, usageLine);
  const json = argv.includes('--json');
  try {
    await program.parseAsync(argv);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // commander already printed its message (help and version exit with code 0).
      if (error.exitCode === 0) return EXIT.ok;
      if (json) io.out(`${JSON.stringify(errorDocument(error, EXIT.usage, usageLine.message))}\n`);
      return EXIT.usage;
    }
    const { message, exitCode } = describe(error);
    if (message) io.err(`backprop: ${message}\n`);
    if (json && message) io.out(`${JSON.stringify(errorDocument(error, exitCode))}\n`);
    if (argv.includes('--verbose') && error instanceof Error && error.stack)
      io.err(`${error.stack}\n`);
    return exitCode;
  }
}
