import { BackpropError } from '@backprop/linalg';

/** Where in the input a problem is: a byte offset for binary formats, a line and column for text. */
export interface DataLocation {
  /** The file name, or `<buffer>` for bytes passed directly. */
  file?: string;
  /** Byte offset into the file (or into a variable's inflated bytes, see `variable`). */
  offset?: number;
  /** 1-based line (CSV). */
  line?: number;
  /** 1-based column (CSV). */
  column?: number;
  /** The MAT-file variable being read, when known. */
  variable?: string;
  /** For data inside a compressed element: the file offset of that element; `offset` is then within its decompressed bytes. */
  inflatedFrom?: number;
  expected?: string;
  actual?: string;
}

/** Stable machine-readable causes of a DataFormatError. */
export type DataErrorCode =
  | 'TRUNCATED'
  | 'TRAILING_DATA'
  | 'BAD_MAGIC'
  | 'BAD_TYPE'
  | 'BAD_DIMS'
  | 'COUNT_MISMATCH'
  | 'BAD_TAG'
  | 'BAD_STRUCTURE'
  | 'BAD_TEXT'
  | 'INFLATE_FAILED'
  | 'BAD_NUMBER'
  | 'RAGGED_ROW'
  | 'BAD_QUOTE'
  | 'BAD_HEADER'
  | 'BAD_LABEL'
  | 'EMPTY'
  | 'UNSUPPORTED'
  | 'LIMIT_EXCEEDED'
  | 'NOT_FOUND';

function where(loc: DataLocation): string {
  const parts: string[] = [loc.file ?? '<buffer>'];
  if (loc.line !== undefined)
    parts.push(`line ${loc.line}${loc.column !== undefined ? `, column ${loc.column}` : ''}`);
  if (loc.inflatedFrom !== undefined) {
    parts.push(
      `compressed element at byte ${loc.inflatedFrom}${loc.offset !== undefined ? `, byte ${loc.offset} of its decompressed data` : ''}`,
    );
  } else if (loc.offset !== undefined) parts.push(`byte ${loc.offset}`);
  if (loc.variable !== undefined) parts.push(`variable '${loc.variable}'`);
  return parts.join(': ');
}

/**
 * A file (or buffer) that is not what its format requires. The message reads
 * `file: byte 1234: variable 'X': problem (expected …, got …)`, and every part is also a field.
 */
export class DataFormatError extends BackpropError {
  override readonly kind: string = 'DataFormatError';
  readonly code: DataErrorCode;
  readonly file: string;
  readonly offset?: number;
  readonly line?: number;
  readonly column?: number;
  readonly variable?: string;
  readonly expected?: string;
  readonly actual?: string;

  constructor(
    code: DataErrorCode,
    problem: string,
    loc: DataLocation = {},
    options?: { cause?: unknown },
  ) {
    const detail =
      loc.expected !== undefined || loc.actual !== undefined
        ? ` (expected ${loc.expected ?? '?'}, got ${loc.actual ?? '?'})`
        : '';
    super(`${where(loc)}: ${problem}${detail}`, options);
    this.code = code;
    this.file = loc.file ?? '<buffer>';
    if (loc.offset !== undefined) this.offset = loc.offset;
    if (loc.line !== undefined) this.line = loc.line;
    if (loc.column !== undefined) this.column = loc.column;
    if (loc.variable !== undefined) this.variable = loc.variable;
    if (loc.expected !== undefined) this.expected = loc.expected;
    if (loc.actual !== undefined) this.actual = loc.actual;
  }
}

/** Valid data that uses a feature this library does not read (HDF5 v7.3, function handles, ...). */
export class UnsupportedFeatureError extends DataFormatError {
  override readonly kind = 'UnsupportedFeatureError';
  constructor(problem: string, loc: DataLocation = {}) {
    super('UNSUPPORTED', problem, loc);
  }
}

/** The input asks for more than the configured limits allow (size, nesting depth, element count). */
export class LimitExceededError extends DataFormatError {
  override readonly kind = 'LimitExceededError';
  constructor(problem: string, loc: DataLocation = {}) {
    super('LIMIT_EXCEEDED', problem, loc);
  }
}

/** True for a DataFormatError (or subclass) from any copy of this package. */
export function isDataFormatError(value: unknown): value is DataFormatError {
  const kind = (value as DataFormatError)?.kind;
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as Record<symbol, unknown>)[Symbol.for('@backprop/error')] === true &&
    (kind === 'DataFormatError' ||
      kind === 'UnsupportedFeatureError' ||
      kind === 'LimitExceededError')
  );
}
