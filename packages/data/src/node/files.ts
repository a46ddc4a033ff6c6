import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
// The package's own public entry (kept external by tsup), so the Node helpers share one copy of
// the parsers with `@backprop/data` in both the ESM and CommonJS builds.
import {
  type CsvOptions,
  CsvScanner,
  type CsvTable,
  CsvTableBuilder,
  DataFormatError,
  type IdxData,
  type ParseIdxOptions,
  parseCsv,
  parseIdx,
} from '@backprop/data';

/** The file's bytes; a missing or unreadable file is a DataFormatError('NOT_FOUND') naming it. */
export async function readBytes(path: string): Promise<Uint8Array> {
  try {
    const buffer = await readFile(path);
    return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    const problem =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'is a directory, not a file'
          : `cannot be read (${code ?? String(cause)})`;
    throw new DataFormatError('NOT_FOUND', problem, { file: path }, { cause });
  }
}

/** Reads and parses an IDX file, gzipped or not (see parseIdx). */
export async function loadIdx(
  path: string,
  options: Omit<ParseIdxOptions, 'file'> = {},
): Promise<IdxData> {
  return parseIdx(await readBytes(path), { ...options, file: basename(path) });
}

async function streamRecords(
  path: string,
  options: CsvOptions,
  onRecord: ConstructorParameters<typeof CsvScanner>[2],
): Promise<void> {
  const scanner = new CsvScanner(
    options.delimiter ?? ',',
    options.file ?? basename(path),
    onRecord,
  );
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 });
  try {
    for await (const chunk of stream) scanner.push(chunk as string);
  } catch (cause) {
    if (cause instanceof DataFormatError) throw cause;
    throw new DataFormatError(
      'NOT_FOUND',
      `cannot be read (${(cause as NodeJS.ErrnoException).code ?? String(cause)})`,
      { file: path },
      { cause },
    );
  } finally {
    stream.destroy();
  }
  scanner.finish();
}

/**
 * Reads a numeric CSV file (see parseCsv) without holding its text in memory: it streams the file
 * twice — once to count rows, once to parse them straight into a matrix allocated at its final
 * size — so memory stays near the size of the result.
 */
export async function loadCsv(path: string, options: CsvOptions = {}): Promise<CsvTable> {
  const info = await stat(path).catch((cause) => {
    throw new DataFormatError(
      'NOT_FOUND',
      (cause as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : 'cannot be read',
      { file: path },
      { cause },
    );
  });
  if (!info.isFile()) throw new DataFormatError('NOT_FOUND', 'is not a file', { file: path });
  const opts = { ...options, file: options.file ?? basename(path) };
  if (info.size < 1 << 20) return parseCsv(await readFile(path, 'utf8'), opts);
  const builder = new CsvTableBuilder(opts);
  await streamRecords(path, opts, builder.count);
  builder.allocate();
  await streamRecords(path, opts, builder.fill);
  return builder.result();
}
