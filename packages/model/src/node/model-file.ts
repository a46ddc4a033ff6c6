import { readFileSync } from 'node:fs';
// The package's own public entry (kept external by tsup): one copy of the model code.
import {
  documentPieces,
  type LoadOptions,
  load,
  ModelFormatError,
  type SaveOptions,
  type Sequential,
} from '@backprop/model';
import { type AtomicWriteOptions, writeFileAtomic } from './atomic-write';
import { FileReadError } from './file-errors';

/**
 * Saves a model (and optionally its optimizer, to resume training) as JSON at `path`, atomically:
 * the file is always the previous one or the new one, whole (see writeFileAtomic). The text is
 * streamed to disk piece by piece, so saving costs little memory beyond the encoded weights.
 */
export function saveModelFile(
  path: string,
  model: Sequential,
  options: SaveOptions & AtomicWriteOptions = {},
): void {
  const { optimizer, run, ...write } = options;
  writeFileAtomic(
    path,
    withNewline(
      documentPieces(model, { ...(optimizer ? { optimizer } : {}), ...(run ? { run } : {}) }),
    ),
    write,
  );
}

function* withNewline(pieces: Iterable<string | Uint8Array>): Generator<string | Uint8Array> {
  yield* pieces;
  yield '\n';
}

/** The bytes of a model file; a missing or unreadable file is a FileReadError naming it. */
export function readModelBytes(path: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch (cause) {
    throw new FileReadError(path, (cause as NodeJS.ErrnoException).code, { cause });
  }
}

/** Loads a model saved by saveModelFile (or save + JSON.stringify); errors name the file. */
export function loadModelFile(path: string, options: LoadOptions = {}): Sequential {
  // Bytes, not text: load lifts the tensors' base64 out without making them strings.
  const bytes = readModelBytes(path);
  try {
    return load(bytes, options);
  } catch (cause) {
    if ((cause as { kind?: string })?.kind === 'ModelFormatError')
      throw new ModelFormatError(
        (cause as ModelFormatError).path,
        (cause as ModelFormatError).problem,
        {
          cause,
          file: path,
        },
      );
    throw cause;
  }
}
