/**
 * The corpus of broken MAT-files: each entry is the bytes of a file broken in one specific way and
 * the DataFormatError code the reader must report. Generated from valid files by the test writer,
 * so every case is reproducible; `pnpm --filter @backprop/data corpus <dir>` writes them to disk.
 */
import {
  compressedElement,
  concat,
  element,
  header,
  MI,
  matFile,
  matrix,
  values,
} from './mat-writer';

export interface BrokenCase {
  name: string;
  bytes: Uint8Array;
  code: string;
  /** A fragment the message must contain. */
  message: RegExp;
}

const le = true;
const good = () => matFile({ X: { class: 'double', dims: [2, 3], data: [1, 2, 3, 4, 5, 6] } });

/** A copy of `bytes` with a 32-bit little-endian value written at `offset`. */
function patch32(bytes: Uint8Array, offset: number, value: number): Uint8Array {
  const copy = bytes.slice();
  new DataView(copy.buffer).setUint32(offset, value >>> 0, true);
  return copy;
}

/** A hand-built miMATRIX from raw sub-elements (to break its inner structure). */
function rawMatrix(...parts: Uint8Array[]): Uint8Array {
  return concat([header(le), element(MI.MATRIX, concat(parts), le, false)]);
}
const flags = (cls: number, f = 0) =>
  element(MI.UINT32, values(MI.UINT32, [cls | (f << 8), 0], le), le);
const dims = (...d: number[]) => element(MI.INT32, values(MI.INT32, d, le), le);
const name = (s: string) =>
  element(
    MI.INT8,
    Uint8Array.from(s, (c) => c.charCodeAt(0)),
    le,
  );
const doubles = (n: number) =>
  element(
    MI.DOUBLE,
    values(
      MI.DOUBLE,
      Array.from({ length: n }, (_, i) => i),
      le,
    ),
    le,
  );

function nestedCells(depth: number): Uint8Array {
  let inner = matrix('', { class: 'double', dims: [1, 1], data: [1] }, le);
  for (let d = 0; d < depth; d++)
    inner = element(MI.MATRIX, concat([flags(1), dims(1, 1), name(''), inner]), le, false);
  return concat([
    header(le),
    element(MI.MATRIX, concat([flags(1), dims(1, 1), name('deep'), inner]), le, false),
  ]);
}

export function matCorpus(): BrokenCase[] {
  const g = good();
  // Offsets in `good()`: header 0..127; miMATRIX tag at 128 (size at 132); flags at 136;
  // dims element at 152 (values at 160); name at 168; real part tag at 176 (size at 180).
  return [
    { name: 'empty file', bytes: new Uint8Array(0), code: 'EMPTY', message: /the file is empty/ },
    {
      name: 'header cut short',
      bytes: g.subarray(0, 100),
      code: 'TRUNCATED',
      message: /needs a 128-byte header/,
    },
    {
      name: 'no endian indicator',
      bytes: patch32(g, 124, 0x41414141),
      code: 'BAD_MAGIC',
      message: /endian indicator/,
    },
    {
      name: 'unknown version',
      bytes: (() => {
        const b = g.slice();
        b[124] = 0x00;
        b[125] = 0x03;
        return b;
      })(),
      code: 'BAD_MAGIC',
      message: /unknown MAT-file version/,
    },
    {
      name: 'negative (huge) element length',
      bytes: patch32(g, 132, -8),
      code: 'TRUNCATED',
      message: /element claims 4294967288 bytes/,
    },
    {
      name: 'element longer than the file',
      bytes: patch32(g, 132, 4096),
      code: 'TRUNCATED',
      message: /element claims 4096 bytes/,
    },
    {
      name: 'top-level element of the wrong type',
      bytes: patch32(g, 128, MI.DOUBLE),
      code: 'BAD_TYPE',
      message: /top-level elements must be miMATRIX or miCOMPRESSED, found miDOUBLE/,
    },
    {
      name: 'negative dimension',
      bytes: patch32(g, 160, -2),
      code: 'BAD_DIMS',
      message: /dimension 1 is negative \(-2\)/,
    },
    {
      name: 'dims claim far more than the payload',
      bytes: patch32(patch32(g, 160, 1e5), 164, 1e5),
      code: 'COUNT_MISMATCH',
      message: /holds 6 values but the dimensions need 10000000000/,
    },
    {
      name: 'dims whose product overflows',
      bytes: patch32(patch32(g, 160, 2e9), 164, 2e9),
      code: 'LIMIT_EXCEEDED',
      message: /dimensions \[2000000000x2000000000\] overflow/,
    },
    {
      name: 'payload shorter than dims',
      bytes: patch32(g, 164, 4),
      code: 'COUNT_MISMATCH',
      message: /holds 6 values but the dimensions need 8/,
    },
    {
      name: 'unknown array class',
      bytes: patch32(g, 144, 99),
      code: 'BAD_TYPE',
      message: /unknown array class 99/,
    },
    {
      name: 'real part of a non-numeric type',
      bytes: rawMatrix(
        flags(6),
        dims(1, 1),
        name('X'),
        element(MI.MATRIX, new Uint8Array(8), le, false),
      ),
      code: 'BAD_TYPE',
      message: /real part has storage type miMATRIX/,
    },
    {
      name: 'missing data (runs into the next variable)',
      bytes: concat([
        rawMatrix(flags(6), dims(1, 4), name('X')),
        matrix('Y', { class: 'double', dims: [1, 1], data: [1] }, le),
      ]),
      code: 'TRUNCATED',
      message: /real part/,
    },
    {
      name: 'dimensions element of the wrong type',
      bytes: rawMatrix(
        flags(6),
        element(MI.DOUBLE, values(MI.DOUBLE, [1, 1], le), le),
        name('X'),
        doubles(1),
      ),
      code: 'BAD_DIMS',
      message: /dimensions must be an miINT32 element/,
    },
    {
      name: 'array flags of the wrong size',
      bytes: rawMatrix(
        element(MI.UINT32, values(MI.UINT32, [6], le), le),
        dims(1, 1),
        name('X'),
        doubles(1),
      ),
      code: 'BAD_STRUCTURE',
      message: /array flags must be an 8-byte miUINT32 element/,
    },
    {
      name: 'small element claiming more than 4 bytes',
      bytes: patch32(g, 168, (7 << 16) | MI.INT8),
      code: 'BAD_TAG',
      message: /small data element claims 7 bytes/,
    },
    {
      name: 'junk after the array contents',
      bytes: rawMatrix(flags(6), dims(1, 1), name('X'), doubles(1), doubles(1)),
      code: 'BAD_STRUCTURE',
      message: /16 unexpected bytes after the array's contents/,
    },
    {
      name: 'sparse column pointers decreasing',
      bytes: rawMatrix(
        flags(5),
        dims(2, 2),
        name('S'),
        element(MI.INT32, values(MI.INT32, [0, 1], le), le),
        element(MI.INT32, values(MI.INT32, [0, 2, 1], le), le),
        doubles(2),
      ),
      code: 'BAD_STRUCTURE',
      message: /column pointers must start at 0 and never decrease/,
    },
    {
      name: 'sparse row index out of range',
      bytes: rawMatrix(
        flags(5),
        dims(2, 2),
        name('S'),
        element(MI.INT32, values(MI.INT32, [0, 5], le), le),
        element(MI.INT32, values(MI.INT32, [0, 1, 2], le), le),
        doubles(2),
      ),
      code: 'BAD_STRUCTURE',
      message: /row index 5 is outside 0..1/,
    },
    {
      name: 'struct field names not a whole number of names',
      bytes: rawMatrix(
        flags(2),
        dims(1, 1),
        name('s'),
        element(MI.INT32, values(MI.INT32, [4], le), le),
        element(MI.INT8, new Uint8Array(6), le),
      ),
      code: 'BAD_STRUCTURE',
      message: /field names \(6 bytes\) are not a whole number of 4-byte names/,
    },
    {
      name: 'invalid UTF-8 text',
      bytes: rawMatrix(
        flags(4),
        dims(1, 2),
        name('t'),
        element(MI.UTF8, Uint8Array.of(0xc3, 0x28), le),
      ),
      code: 'BAD_TEXT',
      message: /not valid text/,
    },
    {
      name: 'UTF-8 text shorter than its dims',
      bytes: rawMatrix(
        flags(4),
        dims(1, 5),
        name('t'),
        element(MI.UTF8, Uint8Array.of(0x61, 0x62), le),
      ),
      code: 'COUNT_MISMATCH',
      message: /holds 2 characters but the dimensions need 5/,
    },
    {
      name: 'function handle',
      bytes: matFile({ f: { class: 'function' } }),
      code: 'UNSUPPORTED',
      message: /variable 'f': is a MATLAB function handle/,
    },
    {
      name: 'cells nested 100 deep',
      bytes: nestedCells(100),
      code: 'LIMIT_EXCEEDED',
      message: /nesting deeper than 32 levels/,
    },
    {
      name: 'compressed data that is not zlib',
      bytes: concat(
        [
          header(le),
          patch32(new Uint8Array(8), 0, MI.COMPRESSED),
          new Uint8Array(24).fill(0x55),
        ].map((b, i) => (i === 1 ? patch32(b, 4, 24) : b)),
      ),
      code: 'INFLATE_FAILED',
      message: /not valid zlib data/,
    },
    {
      name: 'zlib stream cut short',
      bytes: (() => {
        const f = matFile(
          {
            X: {
              class: 'double',
              dims: [50, 50],
              data: new Float64Array(2500).map((_, i) => Math.sin(i)),
            },
          },
          { compress: true },
        );
        return patch32(f.subarray(0, f.length - 200), 132, f.length - 200 - 136);
      })(),
      code: 'INFLATE_FAILED',
      message: /not valid zlib data: /,
    },
    {
      name: 'zlib inflating to more than its element declares',
      bytes: concat([
        header(le),
        compressedElement(
          concat([
            patch32(matrix('X', { class: 'double', dims: [1, 1], data: [1] }, le), 4, 8),
            new Uint8Array(4096),
          ]),
        ),
      ]),
      code: 'COUNT_MISMATCH',
      message: /inflates to more than the 16 bytes its element declares/,
    },
    {
      name: 'compressed element declaring 2^32 bytes',
      bytes: concat([
        header(le),
        compressedElement(
          patch32(matrix('X', { class: 'double', dims: [1, 1], data: [1] }, le), 4, 0xfffffff0),
        ),
      ]),
      code: 'LIMIT_EXCEEDED',
      message: /declares 4294967280 bytes, more than maxBytes/,
    },
    {
      name: 'Level 4 file cut inside its values',
      bytes: (() => {
        const b = new Uint8Array(20 + 2 + 8);
        const v = new DataView(b.buffer);
        v.setInt32(4, 2, true);
        v.setInt32(8, 2, true);
        v.setInt32(16, 2, true);
        b[20] = 0x41;
        return b;
      })(),
      code: 'TRUNCATED',
      message: /values of 'A' needs 32 bytes/,
    },
    {
      name: 'Level 4 file with an invalid type',
      bytes: (() => {
        const b = new Uint8Array(24);
        new DataView(b.buffer).setInt32(0, 77, true);
        return b;
      })(),
      code: 'BAD_TYPE',
      message: /invalid Level 4 matrix type 77/,
    },
  ];
}
