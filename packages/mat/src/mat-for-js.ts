/// <reference path="./vendor-types.d.ts" />

import { DataFormatError } from '@backprop/data';
import { read } from 'mat-for-js';
import type { ByteReader } from './bytes';
import { FLAG_GLOBAL, FLAG_LOGICAL, MX, NUMERIC_CLASS, type NumericClass } from './constants';
import { CLASS_ARRAY } from './decode';
import type { MatrixInfo } from './describe';
import { numericToMatrix } from './to-matrix';
import type { MatNumeric } from './types';

/**
 * mat-for-js (the MAT reader the product's owner chose) decodes ordinary little-endian 2-D numeric
 * arrays correctly, but it mis-indexes N-d arrays, garbles big-endian files and UTF-16 text, drops
 * the class and exact dims, and builds nested JS arrays (12 s and ~2 GB for 60000x784). So it reads
 * exactly the variables it gets right — dense, real or complex, 2-D, classes double/single/
 * int8..uint32, little-endian, at most MAX_ELEMENTS values — after our own walker validated them;
 * class, logical flag and dims always come from the walker.
 */
export const MAT_FOR_JS_MAX_ELEMENTS = 65_536;

const ELIGIBLE: ReadonlySet<number> = new Set([
  MX.DOUBLE,
  MX.SINGLE,
  MX.INT8,
  MX.UINT8,
  MX.INT16,
  MX.UINT16,
  MX.INT32,
  MX.UINT32,
]);

/** True when mat-for-js decodes this (validated) variable correctly. */
export function matForJsCanDecode(r: ByteReader, info: MatrixInfo): boolean {
  return (
    r.littleEndian &&
    ELIGIBLE.has(info.mxClass) &&
    info.dims.length === 2 &&
    info.count <= MAT_FOR_JS_MAX_ELEMENTS &&
    info.name !== ''
  );
}

/** A one-variable Level 5 file around the element: 128-byte little-endian header + the element. */
function wrap(r: ByteReader, info: MatrixInfo): ArrayBuffer {
  const element = r.bytes.subarray(info.start, info.end);
  const out = new Uint8Array(128 + element.length + ((8 - (element.length % 8)) % 8));
  const text = 'MATLAB 5.0 MAT-file, re-wrapped by @backprop/data for mat-for-js';
  for (let i = 0; i < 116; i++) out[i] = i < text.length ? text.charCodeAt(i) : 32;
  out[124] = 0x00;
  out[125] = 0x01;
  out[126] = 0x49; // 'I'
  out[127] = 0x4d; // 'M'
  out.set(element, 128);
  return out.buffer;
}

/** mat-for-js's value (number, 1-D array for vectors, nested rows otherwise) in column-major order. */
function columnMajor(value: unknown, rows: number, cols: number): unknown[] {
  const at = (i: number, j: number): unknown => {
    if (!Array.isArray(value)) return value;
    if (rows === 1 || cols === 1) return value[rows === 1 ? j : i];
    return (value[i] as unknown[])[j];
  };
  const out: unknown[] = [];
  for (let j = 0; j < cols; j++) for (let i = 0; i < rows; i++) out.push(at(i, j));
  return out;
}

/** Decodes an eligible variable with mat-for-js. */
export function decodeWithMatForJs(r: ByteReader, info: MatrixInfo): MatNumeric {
  const [rows, cols] = info.dims as [number, number];
  const cls: NumericClass | 'logical' =
    (info.flags & FLAG_LOGICAL) !== 0 ? 'logical' : NUMERIC_CLASS[info.mxClass]!;
  let decoded: unknown;
  try {
    decoded = read(wrap(r, info)).data[info.name];
  } catch (cause) {
    throw new DataFormatError(
      'BAD_STRUCTURE',
      'mat-for-js could not decode this variable',
      { ...r.loc, offset: r.origin + info.start, variable: info.name },
      { cause },
    );
  }
  const flat = info.count === 0 ? [] : columnMajor(decoded, rows, cols);
  if (flat.length !== info.count) {
    throw new DataFormatError('COUNT_MISMATCH', 'mat-for-js returned the wrong number of values', {
      ...r.loc,
      variable: info.name,
    });
  }
  const Ctor = CLASS_ARRAY[cls];
  const data = new Ctor(info.count);
  const imag = info.imag ? new Ctor(info.count) : undefined;
  for (let k = 0; k < flat.length; k++) {
    const v = flat[k] as number | { r: number; i: number };
    const re = typeof v === 'object' ? v.r : v;
    data[k] = cls === 'logical' ? (re ? 1 : 0) : re;
    if (imag) imag[k] = typeof v === 'object' ? v.i : 0;
  }
  const value = {
    name: info.name,
    dims: info.dims,
    global: (info.flags & FLAG_GLOBAL) !== 0,
    kind: 'numeric' as const,
    class: cls,
    data,
    ...(imag ? { imag } : {}),
  };
  return { ...value, toMatrix: () => numericToMatrix(value, info.name) };
}
