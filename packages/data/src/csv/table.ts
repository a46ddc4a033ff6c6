import { Matrix } from '@backprop/linalg';
import { DataFormatError, LimitExceededError } from '../errors';
import { parseStrictNumber } from './number';
import { type CsvRecord, cellText } from './scanner';

export interface CsvOptions {
  /** Name used in error messages (default `<buffer>`). */
  file?: string;
  /** One character (default ','). */
  delimiter?: string;
  /**
   * Whether the first row names the columns. 'auto' (default): yes when none of its cells is a
   * number in the strict grammar (Kaggle's `label,pixel1,...`), no otherwise.
   */
  header?: boolean | 'auto';
  /** The label column, by header name or 0-based index (default: none — every column is a feature). */
  labelColumn?: string | number | null;
  /** 'class' (default): labels are integers (Int32Array); 'value': any number (Float64Array). */
  labelType?: 'class' | 'value';
  /** With class labels: each must lie in [0, numClasses). */
  numClasses?: number;
  /** Most data rows accepted (default 10 million). */
  maxRows?: number;
}

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

/** A numeric CSV table: features X (one row per record), labels y when a label column was named. */
export interface CsvTable {
  X: Matrix;
  y: Int32Array | Float64Array | null;
  /** Feature column names (from the header, or `column1`, `column2`, ...). */
  columns: string[];
  /** The label column's name, or null. */
  label: string | null;
  header: boolean;
  /** The 1-based line each data row starts on (for messages about a row found later). */
  lines: Int32Array;
}

/**
 * Builds a CsvTable from records in two passes over the same input: `count` sizes the output
 * exactly (so it is allocated once, at its final size), `fill` parses every cell into it.
 */
export class CsvTableBuilder {
  private records = 0;
  private names: string[] | null = null;
  private width = -1;
  private firstLine = 0;
  private hasHeader = false;
  private labelIndex = -1;
  private X: Matrix | null = null;
  private lines: Int32Array | null = null;
  private y: Int32Array | Float64Array | null = null;
  private row = 0;
  private seen = 0;
  private readonly file: string;

  constructor(private readonly options: CsvOptions) {
    this.file = options.file ?? '<buffer>';
  }

  /** Pass 1: called for every record. */
  count = (r: CsvRecord): void => {
    if (this.records === 0) this.readFirst(r);
    this.records++;
    const rows = this.records - (this.hasHeader ? 1 : 0);
    if (rows > (this.options.maxRows ?? 10_000_000)) {
      throw new LimitExceededError(
        `more than ${this.options.maxRows ?? 10_000_000} rows (maxRows)`,
        { file: this.file, line: r.line },
      );
    }
  };

  private readFirst(r: CsvRecord): void {
    const header = this.options.header ?? 'auto';
    const cells = Array.from({ length: r.count }, (_, k) => cellText(r, k));
    // 'auto': a header only when no cell is a number, so a data row with one bad cell is reported
    // as a bad number rather than silently taken for column names.
    this.hasHeader =
      header === 'auto'
        ? cells.every(
            (c, k) => c !== '' && Number.isNaN(parseStrictNumber(r.text, r.starts[k]!, r.ends[k]!)),
          )
        : header;
    this.width = r.count;
    this.firstLine = r.line;
    this.names = this.hasHeader ? cells : cells.map((_, k) => `column${k + 1}`);
    const label = this.options.labelColumn ?? null;
    if (label === null) return;
    this.labelIndex = typeof label === 'number' ? label : this.names.indexOf(label);
    if (typeof label === 'string' && !this.hasHeader) {
      throw new DataFormatError(
        'BAD_HEADER',
        `labelColumn '${label}' is a name but the file has no header row; give its 0-based index`,
        { file: this.file, line: r.line },
      );
    }
    if (
      !(Number.isInteger(this.labelIndex) && this.labelIndex >= 0 && this.labelIndex < this.width)
    ) {
      throw new DataFormatError('BAD_HEADER', `no label column ${JSON.stringify(label)}`, {
        file: this.file,
        line: r.line,
        expected:
          typeof label === 'number'
            ? `an index in 0..${this.width - 1}`
            : `one of ${this.names.slice(0, 8).join(', ')}${this.width > 8 ? ', ...' : ''}`,
      });
    }
  }

  /** Between the passes: allocates the output. */
  allocate(): void {
    if (this.records === 0) throw new DataFormatError('EMPTY', 'no data rows', { file: this.file });
    const rows = this.records - (this.hasHeader ? 1 : 0);
    const features = this.width - (this.labelIndex >= 0 ? 1 : 0);
    this.X = new Matrix(rows, features);
    this.lines = new Int32Array(rows);
    if (this.labelIndex >= 0)
      this.y =
        (this.options.labelType ?? 'class') === 'class'
          ? new Int32Array(rows)
          : new Float64Array(rows);
  }

  /** Pass 2: called for every record again. */
  fill = (r: CsvRecord): void => {
    const index = this.seen++;
    if (index === 0 && this.hasHeader) return;
    if (r.count !== this.width) {
      throw new DataFormatError(
        'RAGGED_ROW',
        `has ${r.count} cells but ${this.hasHeader ? 'the header' : 'the first row'} (line ${this.firstLine}) has ${this.width}`,
        {
          file: this.file,
          line: r.line,
        },
      );
    }
    const x = this.X!.data;
    this.lines![this.row] = r.line;
    let o = this.row * this.X!.cols;
    for (let k = 0; k < r.count; k++) {
      const value = parseStrictNumber(r.text, r.starts[k]!, r.ends[k]!);
      if (Number.isNaN(value)) this.badNumber(r, k);
      if (k === this.labelIndex) this.setLabel(r, k, value);
      else x[o++] = value;
    }
    this.row++;
  };

  private badNumber(r: CsvRecord, k: number): never {
    const text = cellText(r, k);
    const shown = text.length > 24 ? `${text.slice(0, 24)}…` : text;
    const where = this.hasHeader ? ` (column '${this.names![k]}')` : '';
    const problem =
      text.trim() === ''
        ? `empty cell${where}: every cell must be a number`
        : `${JSON.stringify(shown)}${where} is not a number`;
    throw new DataFormatError('BAD_NUMBER', problem, {
      file: this.file,
      line: r.lines[k]!,
      column: r.columns[k]!,
    });
  }

  private setLabel(r: CsvRecord, k: number, value: number): void {
    const loc = { file: this.file, line: r.lines[k]!, column: r.columns[k]! };
    if ((this.options.labelType ?? 'class') === 'class') {
      if (!Number.isInteger(value))
        throw new DataFormatError(
          'BAD_LABEL',
          `class label ${cellText(r, k).trim()} is not an integer`,
          loc,
        );
      // Int32Array storage would wrap 4294967297 to 1 and 1e300 to 0: refuse instead.
      if (!(value >= INT32_MIN && value <= INT32_MAX))
        throw new DataFormatError(
          'BAD_LABEL',
          `class label ${cellText(r, k).trim()} is outside the 32-bit integer range of class labels`,
          loc,
        );
      const K = this.options.numClasses;
      if (K !== undefined && !(value >= 0 && value < K)) {
        throw new DataFormatError('BAD_LABEL', `class label ${value} is outside 0..${K - 1}`, {
          ...loc,
          expected: `0..${K - 1}`,
          actual: `${value}`,
        });
      }
    }
    this.y![this.row] = value;
  }

  result(): CsvTable {
    const names = this.names!;
    return {
      X: this.X!,
      y: this.y,
      columns: names.filter((_, k) => k !== this.labelIndex),
      label: this.labelIndex >= 0 ? names[this.labelIndex]! : null,
      header: this.hasHeader,
      lines: this.lines!,
    };
  }
}
