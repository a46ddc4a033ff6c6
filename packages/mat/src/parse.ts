import {
  DataFormatError,
  type Inflater,
  LimitExceededError,
  UnsupportedFeatureError,
  webInflater,
} from '@backprop/data';
import { ByteReader } from './bytes';
import { MI, MI_NAME } from './constants';
import { decodeMatrix } from './decode';
import { describeMatrix, type MatrixInfo, readTag } from './describe';
import { parseLevel4 } from './level4';
import { decodeWithMatForJs, matForJsCanDecode } from './mat-for-js';
import type { MatFile, MatValue } from './types';

export interface ParseMatOptions {
  /** Name used in error messages (default `<buffer>`). */
  file?: string;
  /** Decompression (default: the platform's DecompressionStream, bounded). */
  inflater?: Inflater;
  /** Read only these variables; the others are still validated but not decoded. */
  variables?: string[];
  /** Largest decompressed size of one variable, in bytes (default 2 GiB). */
  maxBytes?: number;
  /** Deepest nesting of cells and structs (default 32). */
  maxDepth?: number;
  /** Let mat-for-js decode the variables it reads correctly (default true; false = native only). */
  useMatForJs?: boolean;
  /**
   * Copy values out of `bytes` (default true). With false, large aligned arrays may be views into
   * `bytes` — zero-copy, but writing to them writes the input. `loadMat` passes false.
   */
  copy?: boolean;
}

const DEFAULTS = { maxBytes: 2 ** 31, maxDepth: 32 };

/** Detects the MAT-file level from the first bytes (as scipy does: a 0 in the first 4 bytes means Level 4). */
function detectLevel(bytes: Uint8Array, file: string): 'v4' | 'v5' {
  if (bytes.length === 0) throw new DataFormatError('EMPTY', 'the file is empty', { file });
  if (bytes.length < 4 || bytes.subarray(0, 4).includes(0)) return 'v4';
  if (bytes.length < 128) {
    throw new DataFormatError('TRUNCATED', 'a Level 5 MAT-file needs a 128-byte header', {
      file,
      offset: 0,
      expected: '128 bytes',
      actual: `${bytes.length}`,
    });
  }
  return 'v5';
}

interface Header {
  littleEndian: boolean;
  text: string;
  subsystemOffset: number;
}

function readHeader(bytes: Uint8Array, file: string): Header {
  const text = String.fromCharCode(...bytes.subarray(0, 116)).replace(/[\s\0]+$/, '');
  const endian = String.fromCharCode(bytes[126]!, bytes[127]!);
  if (endian !== 'IM' && endian !== 'MI') {
    throw new DataFormatError('BAD_MAGIC', 'not a MAT-file: the endian indicator is missing', {
      file,
      offset: 126,
      expected: "'IM' or 'MI'",
      actual: JSON.stringify(endian),
    });
  }
  const littleEndian = endian === 'IM';
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint16(124, littleEndian);
  if (version === 0x0200) {
    throw new UnsupportedFeatureError(
      "is a MATLAB v7.3 file (HDF5), which this reader does not read; re-save it with save(..., '-v7')",
      { file, offset: 124 },
    );
  }
  if (version !== 0x0100) {
    throw new DataFormatError('BAD_MAGIC', 'unknown MAT-file version', {
      file,
      offset: 124,
      expected: '0x0100',
      actual: `0x${version.toString(16)}`,
    });
  }
  const sub = view.getBigUint64(116, littleEndian);
  const allSpaces = bytes.subarray(116, 124).every((b) => b === 32);
  return { littleEndian, text, subsystemOffset: allSpaces || sub === 0n ? -1 : Number(sub) };
}

/** The bytes of one top-level variable: the miMATRIX element itself, inflated if it was compressed. */
async function variableBytes(
  r: ByteReader,
  offset: number,
  options: Required<Pick<ParseMatOptions, 'maxBytes'>> & { inflater: Inflater },
): Promise<{ reader: ByteReader; start: number; next: number }> {
  const tag = readTag(r, offset, r.length, 'data element', false);
  if (tag.type === MI.MATRIX) {
    const padded = readTag(r, offset, r.length, 'data element', true);
    return { reader: r, start: offset, next: padded.next };
  }
  if (tag.type !== MI.COMPRESSED) {
    throw r.error(
      'BAD_TYPE',
      `top-level elements must be miMATRIX or miCOMPRESSED, found ${MI_NAME[tag.type] ?? `type ${tag.type}`}`,
      offset,
    );
  }
  const compressed = r.bytes.subarray(tag.data, tag.data + tag.size);
  const fail = (cause: unknown) =>
    new DataFormatError(
      'INFLATE_FAILED',
      `compressed variable is not valid zlib data: ${cause instanceof Error ? cause.message : String(cause)}`,
      { ...r.loc, offset: tag.data },
      { cause },
    );
  const head = await options.inflater
    .peek(compressed, 8, 'deflate')
    .catch((e) => Promise.reject(fail(e)));
  if (head.length < 8) throw fail(new Error(`inflates to only ${head.length} bytes`));
  const inner = new ByteReader(head, r.littleEndian, r.loc, 0);
  const declared = inner.u32(4, 'compressed element tag');
  const expected = 8 + declared + ((8 - (declared % 8)) % 8);
  if (expected > options.maxBytes) {
    throw new LimitExceededError(
      `compressed variable declares ${declared} bytes, more than maxBytes (${options.maxBytes})`,
      { ...r.loc, offset: tag.data },
    );
  }
  const result = await options.inflater
    .inflate(compressed, expected, 'deflate')
    .catch((e) => Promise.reject(fail(e)));
  if (!result.ok) {
    throw new DataFormatError(
      'COUNT_MISMATCH',
      `compressed data inflates to more than the ${expected} bytes its element declares`,
      { ...r.loc, offset: tag.data },
    );
  }
  if (result.bytes.length < 8 + declared) {
    throw new DataFormatError('TRUNCATED', 'compressed data ends before the element it declares', {
      ...r.loc,
      offset: tag.data,
      expected: `${8 + declared} bytes`,
      actual: `${result.bytes.length}`,
    });
  }
  return {
    reader: new ByteReader(result.bytes, r.littleEndian, { ...r.loc, inflatedFrom: offset }),
    start: 0,
    next: tag.next,
  };
}

/**
 * Parses a MAT-file (Level 4, or Level 5 — v6 and v7, compressed or not, either byte order) into
 * its variables. Pure: bytes in, values out; runs in Node and browsers. The whole structure of
 * each variable is validated (every tag length against the bytes present, dims against the
 * payload, nesting depth, decompressed size) before anything is allocated or decoded.
 */
export async function parseMat(bytes: Uint8Array, options: ParseMatOptions = {}): Promise<MatFile> {
  if (!(bytes instanceof Uint8Array))
    throw new DataFormatError('BAD_MAGIC', 'parseMat expects a Uint8Array of the file bytes', {
      file: options.file,
    });
  const file = options.file ?? '<buffer>';
  if (detectLevel(bytes, file) === 'v4')
    return parseLevel4(bytes, { file, copy: options.copy ?? true, variables: options.variables });
  const header = readHeader(bytes, file);
  const r = new ByteReader(bytes, header.littleEndian, { file });
  const settings = {
    maxBytes: options.maxBytes ?? DEFAULTS.maxBytes,
    inflater: options.inflater ?? webInflater,
  };
  const limits = { maxDepth: options.maxDepth ?? DEFAULTS.maxDepth };
  const variables: Record<string, MatValue> = {};
  const decodedBy: MatFile['decodedBy'] = {};
  let offset = 128;
  while (offset < bytes.length) {
    if (offset === header.subsystemOffset) break; // subsystem data (MATLAB object internals) ends the variables
    if (bytes.length - offset < 8) {
      // scipy refuses these too: a tag needs 8 bytes, so this is a cut-off file or appended junk.
      throw new DataFormatError(
        offset === 128 ? 'TRUNCATED' : 'TRAILING_DATA',
        offset === 128
          ? 'the file ends inside the tag of its first variable'
          : `${bytes.length - offset} bytes after the last variable are not a data element (a tag needs 8 bytes)`,
        {
          file,
          offset,
          expected: 'an 8-byte data element tag',
          actual: `${bytes.length - offset} bytes`,
        },
      );
    }
    const element = await variableBytes(r, offset, settings);
    const info: MatrixInfo = describeMatrix(
      element.reader,
      element.start,
      element.reader.length,
      '',
      0,
      limits,
    );
    if (options.variables === undefined || options.variables.includes(info.name)) {
      const viaMatForJs = (options.useMatForJs ?? true) && matForJsCanDecode(element.reader, info);
      variables[info.name] = viaMatForJs
        ? decodeWithMatForJs(element.reader, info)
        : decodeMatrix(element.reader, info, info.name, {
            copy: element.reader === r ? (options.copy ?? true) : false,
          });
      decodedBy[info.name] = viaMatForJs ? 'mat-for-js' : 'native';
    }
    offset = element.next;
  }
  return {
    format: 'v5',
    header: header.text,
    littleEndian: header.littleEndian,
    variables,
    decodedBy,
  };
}
