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
 * null). Long strings are yielded whole rather than copied, so a writer or a checksum can stream
 * a document holding hundreds of megabytes of base64 without building its text.
 */
export function* jsonPieces(value: unknown, sorted = false): Generator<string> {
  if (typeof value === 'string') {
    yield* stringPieces(value);
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
