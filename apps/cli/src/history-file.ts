import { readBytes } from '@backprop/data/node';
import { failure } from './errors';

/** The per-epoch columns of a history file: `epoch` and `loss` always, the others where logged. */
export interface HistoryTable {
  /** Numeric columns in file order (the text `fingerprint` column is left out). */
  columns: string[];
  /** One entry per column: its value at every epoch (NaN where the file has none). */
  values: Record<string, number[]>;
}

/** Histories larger than this are not a per-epoch log: refused before they are parsed. */
const MAX_BYTES = 256 * 1024 * 1024;
const TEXT_COLUMNS = new Set(['fingerprint']);

/**
 * Reads a history that `train --history` wrote: CSV (`epoch,loss,accuracy,…`) or JSON (the
 * History object, `{ epochs: [{ epoch, loss, … }] }`). A malformed file is a failure naming the
 * file, the line (or epoch) and the problem.
 */
export async function readHistory(path: string): Promise<HistoryTable> {
  const bytes = await readBytes(path).catch((e) => {
    throw failure(`${path}: ${(e as Error).message.replace(/^.*?: /, '')}`, e);
  });
  if (bytes.length > MAX_BYTES)
    throw failure(`${path}: ${bytes.length} bytes is too large for a training history`);
  const text = new TextDecoder().decode(bytes);
  const table = path.toLowerCase().endsWith('.json') ? fromJson(path, text) : fromCsv(path, text);
  for (const need of ['epoch', 'loss'])
    if (!table.columns.includes(need))
      throw failure(
        `${path}: no '${need}' column (it has ${table.columns.join(', ') || 'none'}); give a file that train --history wrote`,
      );
  if (table.values.epoch!.length === 0) throw failure(`${path}: no epochs`);
  return table;
}

function fromCsv(path: string, text: string): HistoryTable {
  const lines = text.split(/\r?\n/);
  while (lines.length && lines.at(-1) === '') lines.pop();
  const header = (lines[0] ?? '').split(',').map((c) => c.trim());
  const keep = header
    .map((c, k) => (TEXT_COLUMNS.has(c) || c === '' ? -1 : k))
    .filter((k) => k >= 0);
  const values: Record<string, number[]> = Object.fromEntries(keep.map((k) => [header[k]!, []]));
  for (let i = 1; i < lines.length; i++) {
    const cells = lines[i]!.split(',');
    if (cells.length !== header.length)
      throw failure(
        `${path}: line ${i + 1} has ${cells.length} cells but the header has ${header.length}`,
      );
    for (const k of keep) {
      const cell = cells[k]!.trim();
      const v = cell === '' ? Number.NaN : Number(cell);
      if (cell !== '' && Number.isNaN(v))
        throw failure(`${path}: line ${i + 1}, column '${header[k]}': '${cell}' is not a number`);
      values[header[k]!]!.push(v);
    }
  }
  return { columns: keep.map((k) => header[k]!), values };
}

function fromJson(path: string, text: string): HistoryTable {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw failure(`${path}: not valid JSON (${(e as Error).message})`, e);
  }
  const epochs = (doc as { epochs?: unknown })?.epochs;
  if (!Array.isArray(epochs))
    throw failure(`${path}: no 'epochs' list; give a history that train --history wrote`);
  const columns: string[] = [];
  for (const e of epochs)
    for (const [key, v] of Object.entries((e ?? {}) as object))
      if (typeof v === 'number' && !columns.includes(key)) columns.push(key);
  const values: Record<string, number[]> = Object.fromEntries(columns.map((c) => [c, []]));
  epochs.forEach((e, i) => {
    for (const c of columns) {
      const v = (e as Record<string, unknown>)?.[c];
      if (v !== undefined && v !== null && typeof v !== 'number')
        throw failure(`${path}: epochs[${i}].${c} is ${JSON.stringify(v)}, not a number`);
      values[c]!.push(typeof v === 'number' ? v : Number.NaN);
    }
  });
  return { columns, values };
}
