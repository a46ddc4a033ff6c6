import { DataFormatError, UnsupportedFeatureError } from '@backprop/data';
import { ByteReader } from './bytes';
import { MI } from './constants';
import { readNumeric } from './decode';
import { numericToMatrix } from './to-matrix';
import type { MatFile, MatValue } from './types';

/** Level 4 precision digit P → storage type. */
const PRECISION = [MI.DOUBLE, MI.SINGLE, MI.INT32, MI.INT16, MI.UINT16, MI.UINT8];
const PRECISION_SIZE = [8, 4, 4, 2, 2, 1];

/**
 * Level 4 MAT-files (MATLAB before v5, and `save -v4`): a sequence of matrices, each a 20-byte
 * header (type MOPT, rows, cols, imagf, namlen), the name, then the real and imaginary parts in
 * column-major order. Every value loads as class double (text as char), as MATLAB does.
 */
export function parseLevel4(
  bytes: Uint8Array,
  options: { file: string; copy: boolean; variables?: string[] | undefined },
): MatFile {
  const { file } = options;
  const le = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 20)
    throw new DataFormatError('TRUNCATED', 'too short to be a MAT-file', {
      file,
      offset: 0,
      expected: 'at least 20 bytes',
      actual: `${bytes.length}`,
    });
  const first = le.getInt32(0, true);
  const littleEndian = first >= 0 && first < 1000;
  if (!littleEndian && Math.floor(le.getInt32(0, false) / 1000) !== 1) {
    throw new DataFormatError(
      'BAD_MAGIC',
      'not a MAT-file (neither a Level 5 header nor a Level 4 matrix type)',
      { file, offset: 0 },
    );
  }
  const r = new ByteReader(bytes, littleEndian, { file });
  const variables: Record<string, MatValue> = {};
  let offset = 0;
  while (offset < bytes.length) {
    const mopt = r.i32(offset, 'matrix type');
    const [m, o, p, t] = [
      Math.floor(mopt / 1000),
      Math.floor(mopt / 100) % 10,
      Math.floor(mopt / 10) % 10,
      mopt % 10,
    ];
    if (mopt < 0 || m > 4 || o !== 0 || p > 5 || t > 2)
      throw r.error('BAD_TYPE', `invalid Level 4 matrix type ${mopt}`, offset);
    if (m !== (littleEndian ? 0 : 1))
      throw new UnsupportedFeatureError(
        `uses the ${['', '', 'VAX D', 'VAX G', 'Cray'][m] ?? 'mixed'} number format`,
        { file, offset },
      );
    if (t === 2)
      throw new UnsupportedFeatureError(
        'holds a Level 4 sparse matrix, which this reader does not read',
        { file, offset },
      );
    const rows = r.i32(offset + 4, 'row count');
    const cols = r.i32(offset + 8, 'column count');
    const imagf = r.i32(offset + 12, 'imaginary flag');
    const namlen = r.i32(offset + 16, 'name length');
    if (rows < 0 || cols < 0 || namlen < 1 || (imagf !== 0 && imagf !== 1)) {
      throw r.error(
        'BAD_DIMS',
        `invalid Level 4 header (rows ${rows}, cols ${cols}, imagf ${imagf}, namlen ${namlen})`,
        offset,
      );
    }
    r.need(offset + 20, namlen, 'variable name');
    const name = String.fromCharCode(...bytes.subarray(offset + 20, offset + 20 + namlen - 1));
    const count = rows * cols;
    const size = count * PRECISION_SIZE[p]!;
    let at = offset + 20 + namlen;
    r.need(at, size * (imagf + 1), `values of '${name}'`);
    const ref = { type: PRECISION[p]!, offset: at, size };
    const dims = [rows, cols];
    if (options.variables === undefined || options.variables.includes(name)) {
      const data = readNumeric(r, ref, 'double', { copy: true });
      if (t === 1) {
        const text = String.fromCharCode(...(data as Float64Array));
        const rowsText = Array.from({ length: rows }, (_, i) =>
          Array.from({ length: cols }, (_, j) => text[i + rows * j]).join(''),
        );
        variables[name] = {
          name,
          dims,
          global: false,
          kind: 'char',
          class: 'char',
          rows: rowsText,
          value: rows === 1 ? text : rowsText.join('\n'),
        };
      } else {
        const imag = imagf
          ? readNumeric(r, { ...ref, offset: at + size }, 'double', { copy: true })
          : undefined;
        const value = {
          name,
          dims,
          global: false,
          kind: 'numeric' as const,
          class: 'double' as const,
          data,
          ...(imag ? { imag } : {}),
        };
        variables[name] = { ...value, toMatrix: () => numericToMatrix(value, name) };
      }
    }
    at += size * (imagf + 1);
    offset = at;
  }
  const decodedBy = Object.fromEntries(Object.keys(variables).map((k) => [k, 'native' as const]));
  return { format: 'v4', header: '', littleEndian, variables, decodedBy };
}
