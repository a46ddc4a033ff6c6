/** Writes IDX files (big-endian, as the format requires) for tests and the broken-file corpus. */
import { gzipSync } from 'node:zlib';

const CODE = {
  uint8: 0x08,
  int8: 0x09,
  int16: 0x0b,
  int32: 0x0c,
  float32: 0x0d,
  float64: 0x0e,
} as const;
const SIZE = { uint8: 1, int8: 1, int16: 2, int32: 4, float32: 4, float64: 8 } as const;

export type IdxWriteType = keyof typeof CODE;

export function idxFile(
  type: IdxWriteType,
  dims: number[],
  values: ArrayLike<number>,
  options: { gzip?: boolean } = {},
): Uint8Array {
  const head = 4 + 4 * dims.length;
  const b = new Uint8Array(head + values.length * SIZE[type]);
  const v = new DataView(b.buffer);
  b[2] = CODE[type];
  b[3] = dims.length;
  for (const [k, d] of dims.entries()) v.setUint32(4 + 4 * k, d, false);
  for (let i = 0; i < values.length; i++) {
    const o = head + i * SIZE[type];
    const x = values[i]!;
    if (type === 'uint8') v.setUint8(o, x);
    else if (type === 'int8') v.setInt8(o, x);
    else if (type === 'int16') v.setInt16(o, x, false);
    else if (type === 'int32') v.setInt32(o, x, false);
    else if (type === 'float32') v.setFloat32(o, x, false);
    else v.setFloat64(o, x, false);
  }
  return options.gzip ? new Uint8Array(gzipSync(b)) : b;
}

export function gzip(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(gzipSync(bytes));
}
