import { isBackpropError } from '@backprop/linalg';

/** Exit codes: 0 ok, 1 failure (bad file, shape mismatch, divergence, gradcheck FAIL), 2 usage. */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

/** An error the CLI reports as one line on stderr, with its exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'CliError';
  }
}

/** A usage error: a wrong flag or value, an unknown part name, a missing option. */
export const usage = (message: string, cause?: unknown) =>
  new CliError(message, EXIT.usage, { cause });
/** A failure: the command could not do its job with valid flags. */
export const failure = (message: string, cause?: unknown) =>
  new CliError(message, EXIT.failure, { cause });

/**
 * Runs `f`, turning a library error into a usage error: for resolving what the user named on the
 * command line (activations, optimizers, losses), where a bad name is a usage mistake.
 */
export function fromFlags<T>(flag: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (isBackpropError(e)) throw usage(`${flag}: ${e.message}`, e);
    throw e;
  }
}

/** The one line to print for any error (library errors already say what and where). */
export function describe(error: unknown): { message: string; exitCode: number } {
  if (error instanceof CliError) return { message: error.message, exitCode: error.exitCode };
  if (isBackpropError(error)) return { message: error.message, exitCode: EXIT.failure };
  return {
    message: `unexpected error: ${error instanceof Error ? error.message : String(error)} (run with --verbose for details)`,
    exitCode: EXIT.failure,
  };
}
