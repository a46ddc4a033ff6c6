import type { ByteReader } from './bytes';
import {
  FLAG_GLOBAL,
  FLAG_LOGICAL,
  MI,
  MI_SIZE,
  MX,
  NUMERIC_CLASS,
  type NumericClass,
} from './constants';
import type { DataRef, MatrixInfo } from './describe';
import { numericToMatrix, sparseToMatrix } from './to-matrix';
import type { MatValue, NumericData } from './types';

const HOST_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

type Ctor = {
  new (n: number): NumericData;
  new (b: ArrayBufferLike, o: number, n: number): NumericData;
  BYTES_PER_ELEMENT: number;
};

/** The typed array each MATLAB class is decoded into (shared by both decoders). */
export const CLASS_ARRAY: Record<NumericClass | 'logical', Ctor> = {
  double: Float64Array,
  single: Float32Array,
  int8: Int8Array,
  uint8: Uint8Array,
  int16: Int16Array,
  uint16: Uint16Array,
  int32: Int32Array,
  uint32: Uint32Array,
  int64: BigInt64Array as unknown as Ctor,
  uint64: BigUint64Array as unknown as Ctor,
  logical: Uint8Array,
};

/** The storage type whose bytes are exactly a class's typed array. */
const NATIVE_STORAGE: Record<NumericClass | 'logical', number> = {
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
  logical: MI.UINT8,
};

/** Reads one stored value of storage type `type` at byte `o` (the slow, general path). */
function reader(view: DataView, type: number, le: boolean): (o: number) => number | bigint {
  switch (type) {
    case MI.INT8:
      return (o) => view.getInt8(o);
    case MI.UINT8:
      return (o) => view.getUint8(o);
    case MI.INT16:
      return (o) => view.getInt16(o, le);
    case MI.UINT16:
      return (o) => view.getUint16(o, le);
    case MI.INT32:
      return (o) => view.getInt32(o, le);
    case MI.UINT32:
      return (o) => view.getUint32(o, le);
    case MI.SINGLE:
      return (o) => view.getFloat32(o, le);
    case MI.DOUBLE:
      return (o) => view.getFloat64(o, le);
    case MI.INT64:
      return (o) => view.getBigInt64(o, le);
    default:
      return (o) => view.getBigUint64(o, le);
  }
}

export interface DecodeOptions {
  /** Copy values out of the input even when a zero-copy view would do (default true). */
  copy: boolean;
}

/**
 * The values of a numeric data element as the typed array of `cls`. When the bytes already are
 * that array (same storage type, host byte order, aligned) and copying is not required, the
 * result is a view — no allocation, which is how a 376 MB variable loads at 1x memory.
 */
export function readNumeric(
  r: ByteReader,
  ref: DataRef,
  cls: NumericClass | 'logical',
  options: DecodeOptions,
): NumericData {
  const unit = MI_SIZE[ref.type]!;
  const count = ref.size / unit;
  const Array_ = CLASS_ARRAY[cls];
  const absolute = r.bytes.byteOffset + ref.offset;
  if (
    ref.type === NATIVE_STORAGE[cls] &&
    r.littleEndian === HOST_LITTLE_ENDIAN &&
    absolute % unit === 0
  ) {
    const view = new Array_(r.bytes.buffer, absolute, count);
    if (!options.copy && cls !== 'logical') return view;
    const out = new Array_(count);
    (out as Float64Array).set(view as Float64Array);
    if (cls === 'logical') for (let i = 0; i < count; i++) out[i] = out[i] ? 1 : 0;
    return out;
  }
  const out = new Array_(count);
  const get = reader(r.view, ref.type, r.littleEndian);
  const bigTarget = cls === 'int64' || cls === 'uint64';
  for (let i = 0, o = ref.offset; i < count; i++, o += unit) {
    const v = get(o);
    if (bigTarget) (out as BigInt64Array)[i] = typeof v === 'bigint' ? v : BigInt(v);
    else if (cls === 'logical') out[i] = v ? 1 : 0;
    else (out as Float64Array)[i] = Number(v);
  }
  return out;
}

function decodeText(r: ByteReader, ref: DataRef, info: MatrixInfo, label: string): string {
  const bytes = r.bytes.subarray(ref.offset, ref.offset + ref.size);
  let text: string;
  try {
    if (ref.type === MI.UTF8) text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    else if (ref.type === MI.UINT8 || ref.type === MI.INT8)
      text = new TextDecoder('latin1').decode(bytes);
    else if (ref.type === MI.UTF32) {
      const get = reader(r.view, MI.UINT32, r.littleEndian);
      text = String.fromCodePoint(
        ...Array.from({ length: ref.size / 4 }, (_, k) => get(ref.offset + 4 * k) as number),
      );
    } else {
      const get = reader(r.view, MI.UINT16, r.littleEndian);
      const units = new Uint16Array(ref.size / 2);
      for (let k = 0; k < units.length; k++) units[k] = get(ref.offset + 2 * k) as number;
      text = new TextDecoder('utf-16le').decode(new Uint8Array(units.buffer));
    }
  } catch {
    throw r.error(
      'BAD_TEXT',
      'character data is not valid text in its declared encoding',
      ref.offset,
      { variable: label },
    );
  }
  if (text.length !== info.count) {
    throw r.error(
      'COUNT_MISMATCH',
      `character data holds ${text.length} characters but the dimensions need ${info.count}`,
      ref.offset,
      {
        variable: label,
      },
    );
  }
  return text;
}

function charRows(text: string, dims: number[]): string[] {
  const m = dims[0]!;
  const n = m === 0 ? 0 : text.length / m;
  return Array.from({ length: m }, (_, i) =>
    Array.from({ length: n }, (_, j) => text[i + m * j]).join(''),
  );
}

/** Decodes a validated descriptor into a value. */
export function decodeMatrix(
  r: ByteReader,
  info: MatrixInfo,
  label: string,
  options: DecodeOptions,
): MatValue {
  const base = { name: info.name, dims: info.dims, global: (info.flags & FLAG_GLOBAL) !== 0 };
  const numericClass = NUMERIC_CLASS[info.mxClass];
  if (numericClass !== undefined) {
    const cls: NumericClass | 'logical' =
      (info.flags & FLAG_LOGICAL) !== 0 ? 'logical' : numericClass;
    const data = readNumeric(r, info.real!, cls, options);
    const imag = info.imag ? readNumeric(r, info.imag, cls, options) : undefined;
    const value = {
      ...base,
      kind: 'numeric' as const,
      class: cls,
      data,
      ...(imag ? { imag } : {}),
    };
    return { ...value, toMatrix: () => numericToMatrix(value, label) };
  }
  switch (info.mxClass) {
    case MX.CHAR: {
      const text = decodeText(r, info.real!, info, label);
      const rows = charRows(text, info.dims);
      return {
        ...base,
        kind: 'char',
        class: 'char',
        rows,
        value: info.dims[0] === 1 ? text : rows.join('\n'),
      };
    }
    case MX.SPARSE: {
      const nnz = info.count;
      const cols = info.dims[1]!;
      const rowIndices = (readNumeric(r, info.ir!, 'int32', { copy: true }) as Int32Array).slice(
        0,
        nnz,
      );
      const colPointers = readNumeric(r, info.jc!, 'int32', { copy: true }) as Int32Array;
      const values = (readNumeric(r, info.real!, 'double', { copy: true }) as Float64Array).slice(
        0,
        nnz,
      );
      const imag = info.imag
        ? (readNumeric(r, info.imag, 'double', { copy: true }) as Float64Array).slice(0, nnz)
        : undefined;
      const cls = (info.flags & FLAG_LOGICAL) !== 0 ? ('logical' as const) : ('double' as const);
      const value = {
        ...base,
        kind: 'sparse' as const,
        class: cls,
        rowIndices,
        colPointers: colPointers.subarray(0, cols + 1),
        values,
        ...(imag ? { imag } : {}),
      };
      return { ...value, toMatrix: () => sparseToMatrix(value, label) };
    }
    case MX.CELL:
      return {
        ...base,
        kind: 'cell',
        class: 'cell',
        cells: info.cells!.map((c, k) => decodeMatrix(r, c, `${label}{${k + 1}}`, options)),
      };
    default: {
      const fields = info.fields!;
      const elements = info.elements!.map((element, k) =>
        Object.fromEntries(
          element.map((v, f) => [
            fields[f]!,
            decodeMatrix(r, v, `${label}(${k + 1}).${fields[f]}`, options),
          ]),
        ),
      );
      return {
        ...base,
        kind: 'struct',
        class: info.mxClass === MX.OBJECT ? 'object' : 'struct',
        fields,
        elements,
        ...(info.className !== undefined ? { className: info.className } : {}),
      };
    }
  }
}
