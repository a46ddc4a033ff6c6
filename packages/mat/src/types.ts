import type { Matrix } from '@backprop/linalg';
import type { NumericClass } from './constants';

/** The typed array each numeric MATLAB class is returned in (logical: Uint8Array of 0/1). */
export type NumericData =
  | Float64Array
  | Float32Array
  | Int8Array
  | Uint8Array
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | BigInt64Array
  | BigUint64Array;

/** Fields every MAT value has. `dims` are in MATLAB order (rows, cols, pages, ...), at least 2. */
interface MatBase {
  /** Variable name (empty for values inside cells and structs). */
  name: string;
  dims: number[];
  /** Declared `global` in MATLAB. */
  global: boolean;
}

/** A dense numeric or logical array. `data` is column-major, as MATLAB stores it. */
export interface MatNumeric extends MatBase {
  kind: 'numeric';
  /** The MATLAB class — not the type it happened to be stored as on disk. */
  class: NumericClass | 'logical';
  data: NumericData;
  /** Imaginary parts, for complex arrays. */
  imag?: NumericData;
  /** The 2-D array as a row-major float64 Matrix (throws for N-d, complex or 64-bit integers beyond 2^53). */
  toMatrix(): Matrix;
}

/** A sparse 2-D double or logical array, in MATLAB's compressed-column form. */
export interface MatSparse extends MatBase {
  kind: 'sparse';
  class: 'double' | 'logical';
  /** Row index of each stored value. */
  rowIndices: Int32Array;
  /** colPointers[j]..colPointers[j+1]-1 are the stored values of column j (length cols + 1). */
  colPointers: Int32Array;
  values: Float64Array;
  imag?: Float64Array;
  /** The dense row-major Matrix (real part). */
  toMatrix(): Matrix;
}

/** A char array: `value` is the text of a 1xN (or 0x0) array; N-d text is `rows`, one per row. */
export interface MatChar extends MatBase {
  kind: 'char';
  class: 'char';
  value: string;
  /** For an m x n char array, its m rows. */
  rows: string[];
}

/** A cell array; `cells` in column-major order. */
export interface MatCell extends MatBase {
  kind: 'cell';
  class: 'cell';
  cells: MatValue[];
}

/** A struct array (or an object, with its className); `elements` in column-major order. */
export interface MatStruct extends MatBase {
  kind: 'struct';
  class: 'struct' | 'object';
  className?: string;
  fields: string[];
  elements: Record<string, MatValue>[];
}

export type MatValue = MatNumeric | MatSparse | MatChar | MatCell | MatStruct;

/** A parsed MAT-file. */
export interface MatFile {
  /** 'v4' (Level 4) or 'v5' (Level 5, including v6 and v7 compressed files). */
  format: 'v4' | 'v5';
  /** The 116-byte descriptive text of a Level 5 header (trimmed). */
  header: string;
  littleEndian: boolean;
  /** The variables in file order, by name. */
  variables: Record<string, MatValue>;
  /** Which decoder read each variable: 'mat-for-js' or 'native' (see the README). */
  decodedBy: Record<string, 'mat-for-js' | 'native'>;
}
