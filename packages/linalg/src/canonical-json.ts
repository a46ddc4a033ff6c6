import { base64Pieces, littleEndianBytes } from './base64';
import type { FloatArray } from './dtype';

/**
 * JSON with every object's keys sorted: two documents with the same content give the same text
 * whatever their key order (for checksums and config comparisons).
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

const STREAMED: unique symbol = Symbol.for('@backprop/streamed-string') as never;

/**
 * A JSON string value given piece by piece, whose characters need no escaping: the base64 of a
 * large tensor, encoded only as it is written, or read straight from a file's bytes. jsonPieces
 * yields its pieces between quotes, so neither writer nor checksum ever builds the whole text.
 */
export interface StreamedString {
  readonly [STREAMED]: true;
  /** The characters, as strings or as their ASCII bytes. */
  pieces(): Iterable<string | Uint8Array>;
  /** The ASCII bytes, when the text is already bytes (read from a file). */
  readonly bytes?: Uint8Array;
}

export function isStreamedString(value: unknown): value is StreamedString {
  return (
    typeof value === 'object' && value !== null && (value as StreamedString)[STREAMED] === true
  );
}

/** The base64 of `values`' little-endian bytes (encodeFloat64's text), encoded as it is consumed. */
export function streamedBase64(values: FloatArray): StreamedString {
  return { [STREAMED]: true, pieces: () => base64Pieces(littleEndianBytes(values)) };
}

/** A string whose text is these ASCII bytes (a base64 run of a file read as bytes). */
export function streamedBytes(bytes: Uint8Array): StreamedString {
  return { [STREAMED]: true, bytes, pieces: () => [bytes] };
}

/** Strings longer than this are checked for characters that need escaping instead of copied. */
const LONG_STRING = 1024;
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly the characters JSON escapes.
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

function* stringPieces(s: string): Generator<string> {
  if (s.length > LONG_STRING && !NEEDS_ESCAPE.test(s)) {
    // The text of a long plain string (a base64 tensor) is yielded as it is: no copy.
    yield '"';
    yield s;
    yield '"';
  } else yield JSON.stringify(s);
}

const byKey = ([a]: [string, unknown], [b]: [string, unknown]) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The text of `JSON.stringify(value)` — or, with `sorted`, of `canonicalJson(value)` — as
 * consecutive pieces, for plain JSON data (objects, arrays, strings, finite numbers, booleans,
 * null) and StreamedStrings. Long strings are yielded whole rather than copied, and streamed ones
 * piece by piece (some as ASCII bytes), so a writer or a checksum can stream a document holding
 * gigabytes of base64 without building its text.
 */
export function* jsonPieces(value: unknown, sorted = false): Generator<string | Uint8Array> {
  if (typeof value === 'string') {
    yield* stringPieces(value);
    return;
  }
  if (isStreamedString(value)) {
    yield '"';
    yield* value.pieces();
    yield '"';
    return;
  }
  if (value === null || typeof value !== 'object') {
    yield JSON.stringify(value) ?? 'null';
    return;
  }
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    yield* jsonPieces((value as { toJSON(): unknown }).toJSON(), sorted);
    return;
  }
  if (Array.isArray(value)) {
    yield '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) yield ',';
      const item = value[i];
      if (item === undefined || typeof item === 'function') yield 'null';
      else yield* jsonPieces(item, sorted);
    }
    yield ']';
    return;
  }
  const entries = Object.entries(value).filter(
    ([, v]) => v !== undefined && typeof v !== 'function',
  );
  if (sorted) entries.sort(byKey);
  yield '{';
  for (let i = 0; i < entries.length; i++) {
    const [key, item] = entries[i]!;
    yield `${i > 0 ? ',' : ''}${JSON.stringify(key)}:`;
    yield* jsonPieces(item, sorted);
  }
  yield '}';
}
