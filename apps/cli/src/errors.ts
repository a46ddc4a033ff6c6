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

/** Fields of library errors worth passing to a script (where in a file, which epoch, ...). */
const DETAILS = [
  'file',
  'line',
  'column',
  'offset',
  'variable',
  'path',
  'epoch',
  'batch',
  'layer',
  'row',
  'argument',
];

/**
 * The JSON form of an error, for --json: `code` is stable for scripts — a data error's code
 * (BAD_LABEL, TRUNCATED, …), a library error's kind (TrainingDivergedError, …), USAGE or FAILURE
 * for the CLI's own, commander's code for a bad command line.
 */
export function errorDocument(
  error: unknown,
  exitCode: number,
  commanderMessage?: string,
): { error: Record<string, unknown> } {
  const cause = error instanceof CliError ? error.cause : error;
  const library = isBackpropError(cause) ? (cause as unknown as Record<string, unknown>) : null;
  const own = (error as { code?: unknown })?.code;
  const code = library
    ? typeof library.code === 'string' && /^[A-Z_]+$/.test(library.code)
      ? library.code
      : library.kind
    : error instanceof CliError
      ? exitCode === EXIT.usage
        ? 'USAGE'
        : 'FAILURE'
      : typeof own === 'string'
        ? own
        : 'UNEXPECTED';
  const message = commanderMessage ?? describe(error).message;
  const details: Record<string, unknown> = {};
  for (const key of DETAILS)
    if (library?.[key] !== undefined && library[key] !== null) details[key] = library[key];
  return { error: { code, message, exitCode, ...details } };
}
