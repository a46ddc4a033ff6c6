import { InvalidArgumentError, type Matrix } from '@backprop/linalg';

/** MATLAB Level 5 data types and the one array class written here. */
const MI_INT8 = 1;
const MI_INT32 = 5;
const MI_UINT32 = 6;
const MI_DOUBLE = 9;
const MI_MATRIX = 14;
const MX_DOUBLE_CLASS = 6;

const pad8 = (n: number) => (n + 7) & ~7;

/** A little-endian byte buffer that grows as elements are appended. */
class Bytes {
  private buffer = new Uint8Array(1024);
  private view = new DataView(this.buffer.buffer);
  length = 0;

  private reserve(n: number): void {
    if (this.length + n <= this.buffer.length) return;
    const bigger = new Uint8Array(Math.max(this.buffer.length * 2, this.length + n));
    bigger.set(this.buffer.subarray(0, this.length));
    this.buffer = bigger;
    this.view = new DataView(bigger.buffer);
  }

  uint32(v: number): void {
    this.reserve(4);
    this.view.setUint32(this.length, v, true);
    this.length += 4;
  }

  int32(v: number): void {
    this.reserve(4);
    this.view.setInt32(this.length, v, true);
    this.length += 4;
  }

  float64(v: number): void {
    this.reserve(8);
    this.view.setFloat64(this.length, v, true);
    this.length += 8;
  }

  raw(bytes: Uint8Array): void {
    this.reserve(bytes.length);
    this.buffer.set(bytes, this.length);
    this.length += bytes.length;
  }

  /** Zero bytes up to the next multiple of 8 (elements start on 8-byte boundaries). */
  align(): void {
    const n = pad8(this.length) - this.length;
    this.reserve(n);
    this.buffer.fill(0, this.length, this.length + n);
    this.length += n;
  }

  /** Writes a 32-bit value at an earlier position (a size known only afterwards). */
  patch(at: number, v: number): void {
    this.view.setUint32(at, v, true);
  }

  bytes(): Uint8Array {
    return this.buffer.slice(0, this.length);
  }
}

/** The 128-byte header: descriptive text, no subsystem data, version 0x0100, 'IM' little-endian. */
function header(out: Bytes): void {
  const text = 'MATLAB 5.0 MAT-file, written by backprop (@backprop/interop)'.padEnd(116, ' ');
  out.raw(new TextEncoder().encode(text));
  out.raw(new Uint8Array(8));
  out.raw(Uint8Array.of(0x00, 0x01, 0x49, 0x4d));
}

const NAME = /^[A-Za-z][A-Za-z0-9_]{0,62}$/;

/** One real double matrix as a miMATRIX element, its values column-major as MATLAB keeps them. */
function matrixElement(out: Bytes, name: string, m: Matrix): void {
  out.uint32(MI_MATRIX);
  const sizeAt = out.length;
  out.uint32(0);
  const start = out.length;
  out.uint32(MI_UINT32);
  out.uint32(8);
  out.uint32(MX_DOUBLE_CLASS);
  out.uint32(0);
  out.uint32(MI_INT32);
  out.uint32(8);
  out.int32(m.rows);
  out.int32(m.cols);
  const nameBytes = new TextEncoder().encode(name);
  out.uint32(MI_INT8);
  out.uint32(nameBytes.length);
  out.raw(nameBytes);
  out.align();
  out.uint32(MI_DOUBLE);
  out.uint32(m.rows * m.cols * 8);
  for (let c = 0; c < m.cols; c++)
    for (let r = 0; r < m.rows; r++) out.float64(m.data[r * m.cols + c]!);
  out.align();
  out.patch(sizeAt, out.length - start);
}

/**
 * A MATLAB Level 5 MAT-file (uncompressed, little-endian) holding real double matrices by name —
 * what MATLAB's `save -v6`, Octave's `save -mat` and scipy's `savemat` write, and all of them read.
 */
export function writeMat(variables: Record<string, Matrix>): Uint8Array {
  const out = new Bytes();
  header(out);
  for (const [name, m] of Object.entries(variables)) {
    if (!NAME.test(name))
      throw new InvalidArgumentError(
        'variables',
        `writeMat: '${name}' is not a MATLAB variable name (a letter, then letters, digits or _; at most 63)`,
      );
    if (m.rows * m.cols * 8 > 0xffff_ff00)
      throw new InvalidArgumentError(
        'variables',
        `writeMat: ${name} is ${m.rows} x ${m.cols}, too large for an uncompressed Level 5 element (4 GB)`,
      );
    matrixElement(out, name, m);
  }
  return out.bytes();
}
