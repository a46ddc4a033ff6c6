import { DataFormatError } from '../errors';

/** One record's cells, as offsets into the text the scanner was given. */
export interface CsvRecord {
  text: string;
  /** Number of cells. */
  count: number;
  starts: Int32Array;
  ends: Int32Array;
  /** 1 when the cell was quoted: its content is text[start..end) with "" meaning ". */
  quoted: Uint8Array;
  /** 1-based line of the record's first character, and 1-based column of each cell. */
  line: number;
  columns: Int32Array;
  /** 1-based line of each cell (differs from `line` after a quoted line break). */
  lines: Int32Array;
}

/** The text of a cell, unescaping a quoted one. */
export function cellText(r: CsvRecord, k: number): string {
  const raw = r.text.slice(r.starts[k], r.ends[k]);
  return r.quoted[k] ? raw.replaceAll('""', '"') : raw;
}

const QUOTE = 34;
const LF = 10;
const CR = 13;
/** Returned by parseRecord when the text ends before the record does (more text may follow). */
const INCOMPLETE = -1;

/**
 * An incremental RFC 4180 scanner: `push` text as it arrives (chunks may split records anywhere)
 * and it calls `onRecord` for every complete record; `finish` flushes the last one. Handles quoted
 * cells (with delimiters, "" and line breaks inside), CRLF and LF line ends, a leading BOM, and
 * skips blank lines. Quoting errors throw DataFormatError('BAD_QUOTE') with line and column.
 * The record passed to onRecord is reused: copy what you keep.
 */
export class CsvScanner {
  private carry = '';
  private line = 1;
  private first = true;
  private readonly record: CsvRecord;
  private readonly delimiter: number;
  // Position state while parsing one record.
  private curLine = 1;
  private lineStart = 0;

  constructor(
    delimiter: string,
    private readonly file: string,
    private readonly onRecord: (record: CsvRecord) => void,
  ) {
    if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r') {
      throw new DataFormatError(
        'BAD_HEADER',
        `delimiter must be one character other than a quote or line break, got ${JSON.stringify(delimiter)}`,
        { file },
      );
    }
    this.delimiter = delimiter.charCodeAt(0);
    const n = 64;
    this.record = {
      text: '',
      count: 0,
      starts: new Int32Array(n),
      ends: new Int32Array(n),
      quoted: new Uint8Array(n),
      line: 1,
      columns: new Int32Array(n),
      lines: new Int32Array(n),
    };
  }

  push(chunk: string): void {
    let text = this.carry + chunk;
    if (this.first && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      this.first = false;
    }
    this.carry = text.slice(this.scan(text, false));
  }

  finish(): void {
    if (this.carry.length > 0) this.scan(this.carry, true);
    this.carry = '';
  }

  /** Scans complete records; returns the offset of the first unconsumed character. */
  private scan(text: string, final: boolean): number {
    let i = 0;
    while (i < text.length) {
      const next = this.parseRecord(text, i, final);
      if (next === INCOMPLETE) return i;
      const r = this.record;
      const blank = r.count === 1 && r.starts[0] === r.ends[0] && !r.quoted[0];
      if (!blank) this.onRecord(r);
      this.line = this.curLine;
      i = next;
    }
    return i;
  }

  private addCell(start: number, end: number, quoted: boolean, column: number, line: number): void {
    const r = this.record;
    if (r.count === r.starts.length) {
      r.starts = grow(r.starts);
      r.ends = grow(r.ends);
      r.quoted = grow(r.quoted);
      r.columns = grow(r.columns);
      r.lines = grow(r.lines);
    }
    r.starts[r.count] = start;
    r.ends[r.count] = end;
    r.quoted[r.count] = quoted ? 1 : 0;
    r.columns[r.count] = column;
    r.lines[r.count] = line;
    r.count++;
  }

  private error(problem: string, line: number, column: number): DataFormatError {
    return new DataFormatError('BAD_QUOTE', problem, { file: this.file, line, column });
  }

  /** One record from `i`: fills this.record and returns the offset after it, or INCOMPLETE. */
  private parseRecord(text: string, i: number, final: boolean): number {
    const r = this.record;
    r.text = text;
    r.count = 0;
    r.line = this.line;
    this.curLine = this.line;
    this.lineStart = i;
    for (;;) {
      const end =
        text.charCodeAt(i) === QUOTE
          ? this.quotedCell(text, i, final)
          : this.plainCell(text, i, final);
      if (end === INCOMPLETE) return INCOMPLETE;
      // `end` is where the cell stopped: at a delimiter, a line end, or the end of the text.
      if (end === text.length) return end;
      const c = text.charCodeAt(end);
      if (c === this.delimiter) {
        i = end + 1;
        if (i === text.length) {
          if (!final) return INCOMPLETE;
          this.addCell(i, i, false, i - this.lineStart + 1, this.curLine);
          return i;
        }
        continue;
      }
      // A line end: LF or CRLF.
      this.curLine++;
      return end + (c === CR ? 2 : 1);
    }
  }

  /** An unquoted cell from `i`; returns where it stops (delimiter, line end or end of text). */
  private plainCell(text: string, i: number, final: boolean): number {
    const n = text.length;
    for (let j = i; ; j++) {
      if (j === n) {
        if (!final) return INCOMPLETE;
        this.addCell(i, j, false, i - this.lineStart + 1, this.curLine);
        return j;
      }
      const c = text.charCodeAt(j);
      if (c === this.delimiter || c === LF || (c === CR && text.charCodeAt(j + 1) === LF)) {
        this.addCell(i, j, false, i - this.lineStart + 1, this.curLine);
        return j;
      }
      if (c === CR && j + 1 === n && !final) return INCOMPLETE;
      if (c === QUOTE) {
        throw this.error(
          'a quote inside an unquoted cell (quote the whole cell and double the quote)',
          this.curLine,
          j - this.lineStart + 1,
        );
      }
    }
  }

  /** A quoted cell whose opening quote is at `i`; returns where it stops. */
  private quotedCell(text: string, i: number, final: boolean): number {
    const n = text.length;
    const openLine = this.curLine;
    const openColumn = i - this.lineStart + 1;
    let line = this.curLine;
    let lineStart = this.lineStart;
    let j = i + 1;
    for (;;) {
      if (j >= n) {
        if (!final) return INCOMPLETE;
        throw this.error('a quoted cell is never closed', openLine, openColumn);
      }
      const c = text.charCodeAt(j);
      if (c === QUOTE) {
        if (j + 1 === n && !final) return INCOMPLETE; // cannot tell "" from a closing quote yet
        if (text.charCodeAt(j + 1) === QUOTE) {
          j += 2;
          continue;
        }
        break;
      }
      if (c === LF) {
        line++;
        lineStart = j + 1;
      }
      j++;
    }
    const after = j + 1;
    if (after < n) {
      const c = text.charCodeAt(after);
      const lineEnd = c === LF || (c === CR && text.charCodeAt(after + 1) === LF);
      if (c === CR && after + 1 === n && !final) return INCOMPLETE;
      if (c !== this.delimiter && !lineEnd)
        throw this.error('unexpected character after a closing quote', line, after - lineStart + 1);
    }
    this.addCell(i + 1, j, true, openColumn, openLine);
    this.curLine = line;
    this.lineStart = lineStart;
    return after;
  }
}

function grow<T extends Int32Array | Uint8Array>(a: T): T {
  const b = new (a.constructor as new (n: number) => T)(a.length * 2);
  b.set(a);
  return b;
}
