import { closeSync, openSync, readSync } from 'node:fs';
import { type CsvOptions, type CsvTable, parseCsv } from '@backprop/data';
import { loadCsv } from '@backprop/data/node';
import { failure, usage } from './errors';

/** All of standard input as text (for `--data -` and `--input -`). */
export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** The first line of a text file (its CSV header), reading at most 1 MB. */
function firstLine(path: string): string {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw failure(`${path}: ${code === 'ENOENT' ? 'no such file' : `cannot be read (${code})`}`, e);
  }
  try {
    const buffer = Buffer.alloc(1 << 20);
    const n = readSync(fd, buffer, 0, buffer.length, 0);
    const text = buffer.subarray(0, n).toString('utf8');
    const end = text.search(/\r?\n/);
    return end < 0 ? text : text.slice(0, end);
  } finally {
    closeSync(fd);
  }
}

/**
 * A CSV file (or `-`: standard input) with its label column: `label` names it (a name or a
 * 0-based index), else a column called 'label' is used when there is one. Label values are read
 * as numbers; the model's classes decide what they mean.
 */
export async function readCsvInput(
  path: string,
  label: string | undefined,
  requireLabels: boolean,
): Promise<CsvTable> {
  const stdin = path === '-';
  const text = stdin ? await readStdin() : null;
  const file = stdin ? '<stdin>' : path;
  const head = stdin ? text!.split(/\r?\n/, 1)[0]! : firstLine(path);
  const probe = parseCsv(head, { file, header: 'auto' });
  const column = label ?? (probe.header && probe.columns.includes('label') ? 'label' : undefined);
  if (column === undefined && requireLabels)
    throw usage(
      `--label: ${file} has no 'label' column; name the label column with --label <name or index>`,
    );
  const options: CsvOptions = {
    file,
    ...(column === undefined
      ? {}
      : { labelColumn: /^\d+$/.test(column) ? Number(column) : column, labelType: 'value' }),
  };
  return stdin ? parseCsv(text!, options) : loadCsv(path, options);
}
