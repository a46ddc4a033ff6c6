import { type Dtype, dtypeOfArray, type FloatArray } from './dtype';
import { InvalidArgumentError, ShapeError } from './errors';

function checkDim(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0) {
    throw new InvalidArgumentError(
      name,
      `Matrix: ${name} must be a non-negative integer, got ${value}`,
    );
  }
}

/** Tolerances for {@link Matrix.equals}: |a - b| <= atol + rtol * |b| element by element. */
export interface Tolerance {
  atol?: number;
  rtol?: number;
}

/**
 * A dense `rows x cols` matrix stored row-major in `data` — a Float64Array (dtype 'float64', the
 * default) or a Float32Array ('float32'): entry (i, j) is `data[i * cols + j]`. Samples are rows
 * throughout backprop. Operations keep their inputs' dtype and refuse to mix the two.
 *
 * Operations are free functions (`matmul(a, b)`, `add(a, b, out)`) that read only `rows`,
 * `cols` and `data`, so any object of that shape works with them.
 */
export class Matrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: FloatArray;

  /**
   * A `rows x cols` matrix over `data` (not copied; a Float64Array or a Float32Array), or a new
   * float64 zero matrix when `data` is omitted.
   */
  constructor(rows: number, cols: number, data?: FloatArray) {
    checkDim('rows', rows);
    checkDim('cols', cols);
    if (data === undefined) {
      data = new Float64Array(rows * cols);
    } else if (dtypeOfArray(data) === undefined) {
      throw new InvalidArgumentError(
        'data',
        'Matrix: data must be a Float64Array or a Float32Array',
      );
    } else if (data.length !== rows * cols) {
      throw new ShapeError(
        'Matrix',
        { data: [data.length], shape: [rows, cols] },
        `Matrix: data has length ${data.length} but ${rows}x${cols} needs rows*cols = ${rows * cols}`,
      );
    }
    this.rows = rows;
    this.cols = cols;
    this.data = data;
  }

  /** 'float64' (data is a Float64Array) or 'float32' (a Float32Array). */
  get dtype(): Dtype {
    return this.data instanceof Float32Array ? 'float32' : 'float64';
  }

  /** `[rows, cols]`. */
  get shape(): [number, number] {
    return [this.rows, this.cols];
  }

  /** Entry (i, j), bounds-checked. */
  get(i: number, j: number): number {
    return this.data[this.index(i, j)]!;
  }

  /** Sets entry (i, j), bounds-checked. Returns this matrix. */
  set(i: number, j: number, value: number): this {
    this.data[this.index(i, j)] = value;
    return this;
  }

  /**
   * Row `i` as a **view** (of data's type) into `data` (no copy): writing to it writes the matrix.
   * Use `row(i).slice()` for a copy.
   */
  row(i: number): FloatArray {
    this.index(i, 0, true);
    return this.data.subarray(i * this.cols, (i + 1) * this.cols);
  }

  /** Nested arrays, one per row. */
  toArray(): number[][] {
    const out: number[][] = [];
    for (let i = 0; i < this.rows; i++) out.push(Array.from(this.row(i)));
    return out;
  }

  /** A deep copy (same dtype). */
  clone(): Matrix {
    return new Matrix(this.rows, this.cols, this.data.slice());
  }

  /**
   * True when `other` has the same shape and every pair satisfies |a - b| <= atol + rtol*|b|
   * (defaults 0 and 0: exact equality; NaN never equals anything).
   */
  equals(other: { rows: number; cols: number; data: FloatArray }, tol: Tolerance = {}): boolean {
    const atol = tol.atol ?? 0;
    const rtol = tol.rtol ?? 0;
    if (other.rows !== this.rows || other.cols !== this.cols) return false;
    const a = this.data;
    const b = other.data;
    for (let i = 0; i < a.length; i++) {
      const diff = Math.abs(a[i]! - b[i]!);
      if (!(diff <= atol + rtol * Math.abs(b[i]!)) && a[i] !== b[i]) return false;
    }
    return true;
  }

  /** A short human-readable rendering (at most 8 rows and 8 columns). */
  toString(): string {
    const lines: string[] = [];
    for (let i = 0; i < Math.min(this.rows, 8); i++) {
      const cells = Array.from(this.row(i).subarray(0, 8), (v) => v.toPrecision(6));
      lines.push(`  [${cells.join(', ')}${this.cols > 8 ? ', …' : ''}]`);
    }
    if (this.rows > 8) lines.push('  …');
    return `Matrix ${this.rows}x${this.cols}\n${lines.join('\n')}`;
  }

  private index(i: number, j: number, rowOnly = false): number {
    if (!Number.isInteger(i) || i < 0 || i >= this.rows) {
      throw new InvalidArgumentError(
        'i',
        `Matrix ${this.rows}x${this.cols}: row index ${i} is out of range`,
      );
    }
    if (!rowOnly && (!Number.isInteger(j) || j < 0 || j >= this.cols)) {
      throw new InvalidArgumentError(
        'j',
        `Matrix ${this.rows}x${this.cols}: column index ${j} is out of range`,
      );
    }
    return i * this.cols + j;
  }
}
