import { Matrix } from '@backprop/linalg';
import { DataFormatError, LimitExceededError } from './errors';
import { type Inflater, webInflater } from './inflate';

/** IDX element types (third magic byte) and their sizes. */
const TYPES = {
  8: ['uint8', 1],
  9: ['int8', 1],
  11: ['int16', 2],
  12: ['int32', 4],
  13: ['float32', 4],
  14: ['float64', 8],
} as const;

export type IdxType = (typeof TYPES)[keyof typeof TYPES][0];
export type IdxArray =
  | Uint8Array
  | Int8Array
  | Int16Array
  | Int32Array
  | Float32Array
  | Float64Array;

/** A parsed IDX file: element type, dims (e.g. [60000, 28, 28]) and the values in C (row-major) order. */
export interface IdxData {
  type: IdxType;
  dims: number[];
  data: IdxArray;
  /**
   * The values as a Matrix of dims[0] rows and the product of the other dims as columns (an image
   * per row), optionally multiplied by `scale` (e.g. 1/255 for MNIST pixels).
   */
  toMatrix(options?: { scale?: number }): Matrix;
}

export interface ParseIdxOptions {
  file?: string;
  inflater?: Inflater;
  /**
   * Largest data accepted, in bytes, counted as what it costs once read: the float64 matrix of
   * its values (8 bytes each), not the compressed or uint8 bytes (default 2 GiB). A 762 KB gzip
   * bomb declaring 1M 28x28 images (6.3 GB as float64) is refused before anything is inflated.
   */
  maxBytes?: number;
}

function isGzip(b: Uint8Array): boolean {
  return b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;
}

/** Reads the header: magic 00 00 type ndims, then ndims big-endian uint32 dims. */
function readHeader(b: Uint8Array, file: string) {
  if (b.length < 4)
    throw new DataFormatError('TRUNCATED', 'an IDX file needs a 4-byte magic number', {
      file,
      offset: 0,
      expected: '4 bytes',
      actual: `${b.length}`,
    });
  if (b[0] !== 0 || b[1] !== 0) {
    throw new DataFormatError(
      'BAD_MAGIC',
      'not an IDX file: the magic number must start with two zero bytes',
      {
        file,
        offset: 0,
        actual: `0x${b[0]!.toString(16).padStart(2, '0')}${b[1]!.toString(16).padStart(2, '0')}`,
      },
    );
  }
  const spec = TYPES[b[2] as keyof typeof TYPES];
  if (spec === undefined) {
    throw new DataFormatError(
      'BAD_TYPE',
      `unknown IDX element type 0x${b[2]!.toString(16).padStart(2, '0')}`,
      { file, offset: 2, expected: '0x08, 0x09, 0x0b, 0x0c, 0x0d or 0x0e' },
    );
  }
  const ndims = b[3]!;
  if (ndims === 0)
    throw new DataFormatError('BAD_DIMS', 'an IDX file needs at least one dimension', {
      file,
      offset: 3,
    });
  const headerSize = 4 + 4 * ndims;
  if (b.length < headerSize) {
    throw new DataFormatError(
      'TRUNCATED',
      `the header declares ${ndims} dimensions but the file ends inside them`,
      { file, offset: b.length, expected: `${headerSize} bytes`, actual: `${b.length}` },
    );
  }
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const dims = Array.from({ length: ndims }, (_, k) => view.getUint32(4 + 4 * k, false));
  let count = 1;
  for (const d of dims) count *= d;
  if (!Number.isSafeInteger(count * spec[1]))
    throw new LimitExceededError(`dimensions [${dims.join('x')}] overflow`, { file, offset: 4 });
  return { type: spec[0], size: spec[1], dims, count, headerSize, payload: count * spec[1] };
}

const CTORS = {
  uint8: Uint8Array,
  int8: Int8Array,
  int16: Int16Array,
  int32: Int32Array,
  float32: Float32Array,
  float64: Float64Array,
};

function decode(b: Uint8Array, h: ReturnType<typeof readHeader>): IdxArray {
  const out = new CTORS[h.type](h.count);
  if (h.size === 1) {
    out.set(b.subarray(h.headerSize, h.headerSize + h.count) as never);
    return out;
  }
  const view = new DataView(b.buffer, b.byteOffset + h.headerSize, h.payload);
  const get = {
    int16: view.getInt16,
    int32: view.getInt32,
    float32: view.getFloat32,
    float64: view.getFloat64,
  }[h.type as 'int16']!;
  for (let i = 0; i < h.count; i++) out[i] = get.call(view, i * h.size, false);
  return out;
}

/** Refuses data whose float64 matrix would exceed maxBytes, saying what it would cost. */
function checkCost(h: ReturnType<typeof readHeader>, file: string, maxBytes: number): void {
  const cost = h.count * 8;
  if (cost <= maxBytes) return;
  const mb = (n: number) => `${(n / 1e6).toFixed(n < 1e7 ? 1 : 0)} MB`;
  throw new LimitExceededError(
    `declares [${h.dims.join('x')}] ${h.type} values: ${mb(h.payload)} of data, ${mb(cost)} as float64 — more than maxBytes (${mb(maxBytes)})`,
    { file, offset: 4 },
  );
}

/** The decompressed bytes of a gzipped IDX file, bounded by the size its own header declares. */
async function gunzip(
  b: Uint8Array,
  file: string,
  inflater: Inflater,
  maxBytes: number,
): Promise<Uint8Array> {
  const fail = (cause: unknown) =>
    new DataFormatError(
      'INFLATE_FAILED',
      `not valid gzip data: ${cause instanceof Error ? cause.message : String(cause)}`,
      { file, offset: 0 },
      { cause },
    );
  const head4 = await inflater.peek(b, 4, 'gzip').catch((e) => Promise.reject(fail(e)));
  if (head4.length < 4) return head4; // readHeader reports it
  const head = await inflater
    .peek(b, 4 + 4 * head4[3]!, 'gzip')
    .catch((e) => Promise.reject(fail(e)));
  const h = readHeader(head, file);
  checkCost(h, file, maxBytes);
  const total = h.headerSize + h.payload;
  const result = await inflater.inflate(b, total, 'gzip').catch((e) => Promise.reject(fail(e)));
  if (!result.ok) {
    throw new DataFormatError(
      'TRAILING_DATA',
      `decompresses to more than the ${total} bytes its header declares`,
      { file, expected: `${total} bytes` },
    );
  }
  return result.bytes;
}

/**
 * Parses an IDX file (the MNIST format), gzipped or not (detected by the gzip magic bytes;
 * multi-member gzip is read whole). The payload must be exactly what the header declares: any
 * shortfall or excess is an error, never a silent padding or truncation.
 */
export async function parseIdx(bytes: Uint8Array, options: ParseIdxOptions = {}): Promise<IdxData> {
  const file = options.file ?? '<buffer>';
  if (!(bytes instanceof Uint8Array))
    throw new DataFormatError('BAD_MAGIC', 'parseIdx expects a Uint8Array', { file });
  if (bytes.length === 0) throw new DataFormatError('EMPTY', 'the file is empty', { file });
  const maxBytes = options.maxBytes ?? 2 ** 31;
  const b = isGzip(bytes)
    ? await gunzip(bytes, file, options.inflater ?? webInflater, maxBytes)
    : bytes;
  const h = readHeader(b, file);
  const have = b.length - h.headerSize;
  if (have < h.payload) {
    throw new DataFormatError(
      'TRUNCATED',
      `the header declares [${h.dims.join('x')}] ${h.type} values but the data ends early`,
      {
        file,
        offset: b.length,
        expected: `${h.payload} bytes of data`,
        actual: `${have}`,
      },
    );
  }
  if (have > h.payload) {
    throw new DataFormatError(
      'TRAILING_DATA',
      `${have - h.payload} bytes follow the ${h.payload} bytes of data the header declares`,
      {
        file,
        offset: h.headerSize + h.payload,
      },
    );
  }
  // After the length checks: a tiny file declaring huge dims is reported as truncated.
  checkCost(h, file, maxBytes);
  const data = decode(b, h);
  const dims = h.dims;
  return {
    type: h.type,
    dims,
    data,
    toMatrix(opts = {}) {
      const rows = dims[0]!;
      const cols = rows === 0 ? 0 : data.length / rows;
      const out = new Matrix(rows, cols);
      const s = opts.scale ?? 1;
      const z = out.data;
      if (s === 1) z.set(data);
      else for (let i = 0; i < z.length; i++) z[i] = data[i]! * s;
      return out;
    },
  };
}
