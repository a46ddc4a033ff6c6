/**
 * A small MAT-file Level 5 writer for tests and benchmarks: it produces valid files of every
 * shape the reader supports (and, through its options, the broken ones of the corpus). Written
 * from the MathWorks "MAT-File Format" specification; independent of the reader.
 */
import { deflateSync } from 'node:zlib';

export const MI = {
  INT8: 1,
  UINT8: 2,
  INT16: 3,
  UINT16: 4,
  INT32: 5,
  UINT32: 6,
  SINGLE: 7,
  DOUBLE: 9,
  INT64: 12,
  UINT64: 13,
  MATRIX: 14,
  COMPRESSED: 15,
  UTF8: 16,
  UTF16: 17,
  UTF32: 18,
};
const SIZE: Record<number, number> = {
  1: 1,
  2: 1,
  3: 2,
  4: 2,
  5: 4,
  6: 4,
  7: 4,
  9: 8,
  12: 8,
  13: 8,
  16: 1,
  17: 2,
  18: 4,
};
const CLASS: Record<string, number> = {
  cell: 1,
  struct: 2,
  char: 4,
  sparse: 5,
  double: 6,
  single: 7,
  int8: 8,
  uint8: 9,
  int16: 10,
  uint16: 11,
  int32: 12,
  uint32: 13,
  int64: 14,
  uint64: 15,
  function: 16,
};

export type WValue =
  | {
      class:
        | 'double'
        | 'single'
        | 'int8'
        | 'uint8'
        | 'int16'
        | 'uint16'
        | 'int32'
        | 'uint32'
        | 'int64'
        | 'uint64';
      dims: number[];
      data: ArrayLike<number | bigint>;
      storage?: number;
      imag?: ArrayLike<number>;
      logical?: boolean;
      global?: boolean;
    }
  | { class: 'char'; dims?: number[]; text: string; storage?: number }
  | { class: 'cell'; dims: number[]; cells: WValue[] }
  | { class: 'struct'; dims: number[]; fields: string[]; elements: Record<string, WValue>[] }
  | {
      class: 'sparse';
      dims: [number, number];
      ir: number[];
      jc: number[];
      pr: number[];
      logical?: boolean;
    }
  | { class: 'function' };

export interface WriteOptions {
  bigEndian?: boolean;
  compress?: boolean;
  /** Header version word (0x0100 normally; 0x0200 marks v7.3). */
  version?: number;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** One data element: tag + payload + padding to 8 bytes (the small form for ≤ 4 bytes). */
export function element(type: number, payload: Uint8Array, le: boolean, small = true): Uint8Array {
  if (small && payload.length <= 4 && type !== MI.MATRIX) {
    const b = new Uint8Array(8);
    const v = new DataView(b.buffer);
    v.setUint32(0, (payload.length << 16) | type, le);
    b.set(payload, 4);
    return b;
  }
  const pad = (8 - (payload.length % 8)) % 8;
  const b = new Uint8Array(8 + payload.length + pad);
  const v = new DataView(b.buffer);
  v.setUint32(0, type, le);
  v.setUint32(4, payload.length, le);
  b.set(payload, 8);
  return b;
}

export function values(type: number, data: ArrayLike<number | bigint>, le: boolean): Uint8Array {
  const unit = SIZE[type]!;
  const b = new Uint8Array(data.length * unit);
  const v = new DataView(b.buffer);
  for (let i = 0; i < data.length; i++) {
    const x = data[i]!;
    const o = i * unit;
    switch (type) {
      case MI.INT8:
        v.setInt8(o, Number(x));
        break;
      case MI.UINT8:
      case MI.UTF8:
        v.setUint8(o, Number(x));
        break;
      case MI.INT16:
        v.setInt16(o, Number(x), le);
        break;
      case MI.UINT16:
      case MI.UTF16:
        v.setUint16(o, Number(x), le);
        break;
      case MI.INT32:
        v.setInt32(o, Number(x), le);
        break;
      case MI.UINT32:
      case MI.UTF32:
        v.setUint32(o, Number(x), le);
        break;
      case MI.SINGLE:
        v.setFloat32(o, Number(x), le);
        break;
      case MI.DOUBLE:
        v.setFloat64(o, Number(x), le);
        break;
      case MI.INT64:
        v.setBigInt64(o, BigInt(x), le);
        break;
      default:
        v.setBigUint64(o, BigInt(x), le);
    }
  }
  return b;
}

const NATIVE: Record<string, number> = {
  double: MI.DOUBLE,
  single: MI.SINGLE,
  int8: MI.INT8,
  uint8: MI.UINT8,
  int16: MI.INT16,
  uint16: MI.UINT16,
  int32: MI.INT32,
  uint32: MI.UINT32,
  int64: MI.INT64,
  uint64: MI.UINT64,
};

/** The miMATRIX element for a value. */
export function matrix(name: string, v: WValue, le: boolean): Uint8Array {
  const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
  const flagsFor = (cls: number, flags: number, nzmax = 0) =>
    element(MI.UINT32, values(MI.UINT32, [cls | (flags << 8), nzmax], le), le);
  const dimsOf = (d: number[]) => element(MI.INT32, values(MI.INT32, d, le), le);
  const nameEl = element(MI.INT8, ascii(name), le);
  let parts: Uint8Array[];
  switch (v.class) {
    case 'char': {
      const storage = v.storage ?? MI.UINT16;
      const dims = v.dims ?? [1, v.text.length];
      const payload =
        storage === MI.UTF8
          ? new TextEncoder().encode(v.text)
          : values(
              storage,
              Array.from(v.text, (c) => c.codePointAt(0)!),
              le,
            );
      parts = [flagsFor(4, 0), dimsOf(dims), nameEl, element(storage, payload, le)];
      break;
    }
    case 'cell':
      parts = [flagsFor(1, 0), dimsOf(v.dims), nameEl, ...v.cells.map((c) => matrix('', c, le))];
      break;
    case 'struct': {
      const width = Math.max(...v.fields.map((f) => f.length + 1), 1);
      const names = new Uint8Array(width * v.fields.length);
      for (const [k, f] of v.fields.entries()) names.set(ascii(f), k * width);
      parts = [
        flagsFor(2, 0),
        dimsOf(v.dims),
        nameEl,
        element(MI.INT32, values(MI.INT32, [width], le), le),
        element(MI.INT8, names, le),
        ...v.elements.flatMap((el) => v.fields.map((f) => matrix('', el[f]!, le))),
      ];
      break;
    }
    case 'sparse':
      parts = [
        flagsFor(5, v.logical ? 0x02 : 0, v.pr.length),
        dimsOf(v.dims),
        nameEl,
        element(MI.INT32, values(MI.INT32, v.ir, le), le),
        element(MI.INT32, values(MI.INT32, v.jc, le), le),
        element(
          v.logical ? MI.UINT8 : MI.DOUBLE,
          values(v.logical ? MI.UINT8 : MI.DOUBLE, v.pr, le),
          le,
        ),
      ];
      break;
    case 'function':
      parts = [flagsFor(16, 0), dimsOf([1, 1]), nameEl];
      break;
    default: {
      const storage = v.storage ?? NATIVE[v.class]!;
      const flags = (v.imag ? 0x08 : 0) | (v.logical ? 0x02 : 0) | (v.global ? 0x04 : 0);
      parts = [
        flagsFor(CLASS[v.class]!, flags),
        dimsOf(v.dims),
        nameEl,
        element(storage, values(storage, v.data, le), le),
      ];
      if (v.imag) parts.push(element(storage, values(storage, v.imag, le), le));
    }
  }
  return element(MI.MATRIX, concat(parts), le, false);
}

/** The 128-byte Level 5 header. */
export function header(le: boolean, version = 0x0100): Uint8Array {
  const b = new Uint8Array(128).fill(32);
  const text = 'MATLAB 5.0 MAT-file, written by the @backprop/data test writer';
  for (let i = 0; i < text.length; i++) b[i] = text.charCodeAt(i);
  const v = new DataView(b.buffer);
  v.setBigUint64(116, 0n, le);
  v.setUint16(124, version, le);
  b[126] = le ? 0x49 : 0x4d;
  b[127] = le ? 0x4d : 0x49;
  return b;
}

/** A whole file: header, then each variable (compressed as miCOMPRESSED when asked). */
export function matFile(vars: Record<string, WValue>, options: WriteOptions = {}): Uint8Array {
  const le = !options.bigEndian;
  const parts = [header(le, options.version)];
  for (const [name, v] of Object.entries(vars)) {
    const m = matrix(name, v, le);
    if (!options.compress) parts.push(m);
    else {
      const z = deflateSync(m);
      const tag = new Uint8Array(8);
      const dv = new DataView(tag.buffer);
      dv.setUint32(0, MI.COMPRESSED, le);
      dv.setUint32(4, z.length, le);
      parts.push(tag, z);
    }
  }
  return concat(parts);
}

/** A compressed element from arbitrary (possibly wrong) inflated content. */
export function compressedElement(content: Uint8Array, le = true): Uint8Array {
  const z = deflateSync(content);
  const tag = new Uint8Array(8);
  const dv = new DataView(tag.buffer);
  dv.setUint32(0, MI.COMPRESSED, le);
  dv.setUint32(4, z.length, le);
  return concat([tag, z]);
}

export { concat };
