import { LimitExceededError, UnsupportedFeatureError } from '@backprop/data';
import type { ByteReader } from './bytes';
import { MI, MI_NAME, MI_SIZE, MX, NUMERIC_CLASS } from './constants';

/** A data element inside the bytes: its storage type and where its payload is. */
export interface DataRef {
  type: number;
  offset: number;
  size: number;
}

/** A validated miMATRIX: everything needed to decode it, with every size already checked. */
export interface MatrixInfo {
  name: string;
  mxClass: number;
  flags: number;
  dims: number[];
  count: number;
  /** Offset of the miMATRIX tag (for errors and for re-wrapping the element). */
  start: number;
  end: number;
  real?: DataRef;
  imag?: DataRef;
  ir?: DataRef;
  jc?: DataRef;
  cells?: MatrixInfo[];
  fields?: string[];
  /** elements[k][f]: field f of struct element k (column-major k). */
  elements?: MatrixInfo[][];
  className?: string;
}

export interface WalkLimits {
  maxDepth: number;
}

export interface Tag {
  type: number;
  size: number;
  data: number;
  /** Offset just past this element (8-byte aligned for all but top-level compressed elements). */
  next: number;
}

/** Reads the tag at `offset`, handling the 4-byte "small data element" form; checks it fits in `end`. */
export function readTag(
  r: ByteReader,
  offset: number,
  end: number,
  what: string,
  padded = true,
): Tag {
  if (offset + 8 > end) {
    throw r.error(
      'TRUNCATED',
      `${what}: needs an 8-byte tag but only ${Math.max(end - offset, 0)} bytes remain`,
      offset,
    );
  }
  const first = r.u32(offset, what);
  if (first >>> 16 !== 0) {
    const size = first >>> 16;
    if (size > 4)
      throw r.error(
        'BAD_TAG',
        `${what}: small data element claims ${size} bytes (at most 4)`,
        offset,
      );
    return { type: first & 0xffff, size, data: offset + 4, next: offset + 8 };
  }
  const size = r.u32(offset + 4, what);
  const padding = padded ? (8 - (size % 8)) % 8 : 0;
  if (offset + 8 + size > end) {
    throw r.error(
      'TRUNCATED',
      `${what}: element claims ${size} bytes but only ${end - offset - 8} remain`,
      offset,
      {
        expected: `${size} bytes`,
        actual: `${end - offset - 8}`,
      },
    );
  }
  return { type: first, size, data: offset + 8, next: Math.min(offset + 8 + size + padding, end) };
}

function isNumericType(type: number): boolean {
  return (
    (type >= MI.INT8 && type <= MI.DOUBLE && type !== 8) || type === MI.INT64 || type === MI.UINT64
  );
}

/** The product of dims, or an error when it overflows the safe-integer range. */
function product(r: ByteReader, dims: number[], offset: number): number {
  let n = 1;
  for (const d of dims) {
    n *= d;
    if (n > Number.MAX_SAFE_INTEGER)
      throw new LimitExceededError(`dimensions [${dims.join('x')}] overflow`, {
        ...r.loc,
        offset: r.origin + offset,
      });
  }
  return n;
}

/** Checks a data element's type and that it holds exactly `count` values of its storage type. */
function checkData(
  r: ByteReader,
  tag: Tag,
  count: number,
  what: string,
  types: (t: number) => boolean,
  at: number,
): DataRef {
  if (!types(tag.type)) {
    throw r.error(
      'BAD_TYPE',
      `${what} has storage type ${MI_NAME[tag.type] ?? tag.type}, which is not valid here`,
      at,
    );
  }
  const unit = MI_SIZE[tag.type]!;
  if (tag.size % unit !== 0 || (count >= 0 && tag.size / unit !== count)) {
    throw r.error(
      'COUNT_MISMATCH',
      `${what} holds ${tag.size / unit} values but the dimensions need ${count}`,
      at,
      {
        expected: `${count} values (${count * unit} bytes)`,
        actual: `${tag.size} bytes`,
      },
    );
  }
  return { type: tag.type, offset: tag.data, size: tag.size };
}

/**
 * Validates the miMATRIX element whose tag is at `offset` and returns its descriptor. `path` names
 * the value for errors (`X`, `s.field`, `c{3}`).
 */
export function describeMatrix(
  r: ByteReader,
  offset: number,
  end: number,
  path: string,
  depth: number,
  limits: WalkLimits,
): MatrixInfo {
  if (depth > limits.maxDepth) {
    throw new LimitExceededError(`nesting deeper than ${limits.maxDepth} levels`, {
      ...r.loc,
      offset: r.origin + offset,
      variable: path,
    });
  }
  const tag = readTag(r, offset, end, `${path || 'element'}`);
  if (tag.type !== MI.MATRIX) {
    throw r.error(
      'BAD_TYPE',
      `expected an miMATRIX element, found ${MI_NAME[tag.type] ?? `type ${tag.type}`}`,
      offset,
      { variable: path },
    );
  }
  const stop = tag.data + tag.size;
  if (tag.size === 0) {
    return {
      name: '',
      mxClass: MX.DOUBLE,
      flags: 0,
      dims: [0, 0],
      count: 0,
      start: offset,
      end: tag.next,
      real: { type: MI.DOUBLE, offset: tag.data, size: 0 },
    };
  }
  const flagsTag = readTag(r, tag.data, stop, `${path}: array flags`);
  if (flagsTag.type !== MI.UINT32 || flagsTag.size !== 8) {
    throw r.error('BAD_STRUCTURE', 'array flags must be an 8-byte miUINT32 element', tag.data, {
      variable: path,
    });
  }
  const word = r.u32(flagsTag.data, 'array flags');
  const mxClass = word & 0xff;
  const flags = (word >>> 8) & 0xff;
  const dimsTag = readTag(r, flagsTag.next, stop, `${path}: dimensions`);
  if (dimsTag.type !== MI.INT32 || dimsTag.size % 4 !== 0 || dimsTag.size < 8) {
    throw r.error(
      'BAD_DIMS',
      'dimensions must be an miINT32 element with at least 2 values',
      flagsTag.next,
      { variable: path },
    );
  }
  const dims: number[] = [];
  for (let k = 0; k < dimsTag.size / 4; k++) {
    const d = r.i32(dimsTag.data + 4 * k, 'dimension');
    if (d < 0)
      throw r.error('BAD_DIMS', `dimension ${k + 1} is negative (${d})`, dimsTag.data + 4 * k, {
        variable: path,
      });
    dims.push(d);
  }
  const nameTag = readTag(r, dimsTag.next, stop, `${path}: array name`);
  if (nameTag.type !== MI.INT8 && nameTag.type !== MI.UINT8) {
    throw r.error('BAD_STRUCTURE', 'array name must be an miINT8 element', dimsTag.next, {
      variable: path,
    });
  }
  const name = String.fromCharCode(...r.bytes.subarray(nameTag.data, nameTag.data + nameTag.size));
  const label = path || name;
  const count = product(r, dims, dimsTag.data);
  const info: MatrixInfo = { name, mxClass, flags, dims, count, start: offset, end: tag.next };
  const body = describeBody(r, info, nameTag.next, stop, label, depth, limits);
  if (stop - body > 7) {
    throw r.error(
      'BAD_STRUCTURE',
      `${stop - body} unexpected bytes after the array's contents`,
      body,
      { variable: label },
    );
  }
  return info;
}

/** Validates the class-specific part; returns the offset where it ended. */
function describeBody(
  r: ByteReader,
  info: MatrixInfo,
  offset: number,
  stop: number,
  label: string,
  depth: number,
  limits: WalkLimits,
): number {
  const { mxClass, count } = info;
  const complex = (info.flags & 0x08) !== 0;
  if (NUMERIC_CLASS[mxClass] !== undefined) {
    const re = readTag(r, offset, stop, `${label}: real part`);
    info.real = checkData(r, re, count, `${label}: real part`, isNumericType, offset);
    if (!complex) return re.next;
    const im = readTag(r, re.next, stop, `${label}: imaginary part`);
    info.imag = checkData(r, im, count, `${label}: imaginary part`, isNumericType, re.next);
    return im.next;
  }
  switch (mxClass) {
    case MX.CHAR: {
      const t = readTag(r, offset, stop, `${label}: characters`);
      const textTypes = (x: number) =>
        x === MI.UINT16 ||
        x === MI.UTF8 ||
        x === MI.UTF16 ||
        x === MI.UTF32 ||
        x === MI.UINT8 ||
        x === MI.INT8;
      // UTF-8 is variable-width: its character count is checked when it is decoded.
      info.real = checkData(
        r,
        t,
        t.type === MI.UTF8 ? -1 : count,
        `${label}: characters`,
        textTypes,
        offset,
      );
      return t.next;
    }
    case MX.SPARSE:
      return describeSparse(r, info, offset, stop, label, complex);
    case MX.CELL: {
      info.cells = [];
      let at = offset;
      for (let k = 0; k < count; k++) {
        const cell = describeMatrix(r, at, stop, `${label}{${k + 1}}`, depth + 1, limits);
        info.cells.push(cell);
        at = cell.end;
      }
      return at;
    }
    case MX.STRUCT:
    case MX.OBJECT:
      return describeStruct(r, info, offset, stop, label, depth, limits);
    case MX.FUNCTION:
    case MX.OPAQUE:
      throw new UnsupportedFeatureError(
        `is a MATLAB ${mxClass === MX.FUNCTION ? 'function handle' : 'opaque object (e.g. a string or table)'}, which cannot be read; save it as numeric, char, cell or struct data`,
        { ...r.loc, offset: r.origin + info.start, variable: label },
      );
    default:
      throw r.error('BAD_TYPE', `unknown array class ${mxClass}`, info.start, { variable: label });
  }
}

function describeSparse(
  r: ByteReader,
  info: MatrixInfo,
  offset: number,
  stop: number,
  label: string,
  complex: boolean,
): number {
  if (info.dims.length !== 2)
    throw r.error(
      'BAD_DIMS',
      `a sparse array must be 2-D, has ${info.dims.length} dimensions`,
      info.start,
      { variable: label },
    );
  const [rows, cols] = info.dims as [number, number];
  const irTag = readTag(r, offset, stop, `${label}: row indices`);
  info.ir = checkData(r, irTag, -1, `${label}: row indices`, (t) => t === MI.INT32, offset);
  const jcTag = readTag(r, irTag.next, stop, `${label}: column pointers`);
  info.jc = checkData(
    r,
    jcTag,
    cols + 1,
    `${label}: column pointers`,
    (t) => t === MI.INT32,
    irTag.next,
  );
  let previous = 0;
  for (let j = 0; j <= cols; j++) {
    const p = r.i32(jcTag.data + 4 * j, 'column pointer');
    if (p < previous || (j === 0 && p !== 0)) {
      throw r.error(
        'BAD_STRUCTURE',
        `column pointers must start at 0 and never decrease (jc[${j}] = ${p})`,
        jcTag.data + 4 * j,
        { variable: label },
      );
    }
    previous = p;
  }
  const nnz = previous;
  if (nnz > info.ir.size / 4) {
    throw r.error(
      'COUNT_MISMATCH',
      `${nnz} stored values but only ${info.ir.size / 4} row indices`,
      offset,
      { variable: label },
    );
  }
  for (let k = 0; k < nnz; k++) {
    const i = r.i32(info.ir.offset + 4 * k, 'row index');
    if (i < 0 || i >= rows)
      throw r.error(
        'BAD_STRUCTURE',
        `row index ${i} is outside 0..${rows - 1}`,
        info.ir.offset + 4 * k,
        { variable: label },
      );
  }
  info.count = nnz;
  const prTag = readTag(r, jcTag.next, stop, `${label}: values`);
  info.real = checkData(r, prTag, -1, `${label}: values`, isNumericType, jcTag.next);
  if (info.real.size / MI_SIZE[prTag.type]! < nnz) {
    throw r.error(
      'COUNT_MISMATCH',
      `${nnz} stored values expected but the values element holds fewer`,
      jcTag.next,
      { variable: label },
    );
  }
  if (!complex) return prTag.next;
  const piTag = readTag(r, prTag.next, stop, `${label}: imaginary values`);
  info.imag = checkData(r, piTag, -1, `${label}: imaginary values`, isNumericType, prTag.next);
  return piTag.next;
}

function describeStruct(
  r: ByteReader,
  info: MatrixInfo,
  offset: number,
  stop: number,
  label: string,
  depth: number,
  limits: WalkLimits,
): number {
  let at = offset;
  if (info.mxClass === MX.OBJECT) {
    const cn = readTag(r, at, stop, `${label}: class name`);
    info.className = String.fromCharCode(...r.bytes.subarray(cn.data, cn.data + cn.size));
    at = cn.next;
  }
  const lenTag = readTag(r, at, stop, `${label}: field name length`);
  if (lenTag.type !== MI.INT32 || lenTag.size !== 4)
    throw r.error('BAD_STRUCTURE', 'field name length must be one miINT32 value', at, {
      variable: label,
    });
  const width = r.i32(lenTag.data, 'field name length');
  const namesTag = readTag(r, lenTag.next, stop, `${label}: field names`);
  if (namesTag.size > 0 && (width <= 0 || namesTag.size % width !== 0)) {
    throw r.error(
      'BAD_STRUCTURE',
      `field names (${namesTag.size} bytes) are not a whole number of ${width}-byte names`,
      lenTag.next,
      { variable: label },
    );
  }
  const fields: string[] = [];
  for (let f = 0; namesTag.size > 0 && f < namesTag.size / width; f++) {
    const raw = r.bytes.subarray(namesTag.data + f * width, namesTag.data + (f + 1) * width);
    const nul = raw.indexOf(0);
    fields.push(String.fromCharCode(...(nul < 0 ? raw : raw.subarray(0, nul))));
  }
  info.fields = fields;
  info.elements = [];
  at = namesTag.next;
  for (let k = 0; k < info.count; k++) {
    const element: MatrixInfo[] = [];
    for (const field of fields) {
      const value = describeMatrix(r, at, stop, `${label}(${k + 1}).${field}`, depth + 1, limits);
      element.push(value);
      at = value.end;
    }
    info.elements.push(element);
  }
  return at;
}
