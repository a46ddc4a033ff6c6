import { isStreamedString, type StreamedString, streamedBytes } from '@backprop/linalg';

const QUOTE = 34;
const BACKSLASH = 92;
/** Strings at least this long are lifted out of the text before JSON.parse sees it. */
const LONG = 4096;
const PLACEHOLDER = '\u0000tensor:';
const utf8 = new TextDecoder('utf-8', { fatal: false });
const ascii = new TextEncoder();

/** The index of the quote that closes the string whose opening quote is at `open`, or −1. */
function closingQuote(bytes: Uint8Array, open: number): number {
  let at = bytes.indexOf(QUOTE, open + 1);
  while (at >= 0) {
    let slashes = 0;
    while (bytes[at - 1 - slashes] === BACKSLASH) slashes++;
    if (slashes % 2 === 0) return at;
    at = bytes.indexOf(QUOTE, at + 1);
  }
  return -1;
}

/**
 * Parses a saved model's bytes without ever making its long strings JS strings: each string of
 * 4096 bytes or more (a tensor's base64) is cut out of the text, the small rest goes to
 * JSON.parse, and the long strings come back as StreamedStrings over the original bytes, which
 * decodeFloat64 and the checksum read directly. So a file of any size loads (V8 strings stop at
 * 512 MB) and the peak memory is the file's bytes plus the decoded weights. Quotes are found with
 * indexOf (memchr), so the scan itself costs little.
 */
export function parseDocumentBytes(bytes: Uint8Array): unknown {
  const parts: Uint8Array[] = [];
  const long: Uint8Array[] = [];
  let copied = 0;
  for (let open = bytes.indexOf(QUOTE); open >= 0; ) {
    const close = closingQuote(bytes, open);
    if (close < 0) break; // an unclosed string: JSON.parse reports it
    if (close - open - 1 >= LONG) {
      parts.push(bytes.subarray(copied, open + 1), ascii.encode(`\\u0000tensor:${long.length}`));
      long.push(bytes.subarray(open + 1, close));
      copied = close;
    }
    open = bytes.indexOf(QUOTE, close + 1);
  }
  parts.push(bytes.subarray(copied));
  const text = parts.length === 1 ? utf8.decode(bytes) : utf8.decode(concat(parts));
  return restore(JSON.parse(text), long);
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Puts the long strings back where their placeholders are, as StreamedStrings. */
function restore(value: unknown, long: Uint8Array[]): unknown {
  if (typeof value === 'string' && value.startsWith(PLACEHOLDER))
    return streamedBytes(long[Number(value.slice(PLACEHOLDER.length))]!);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = restore(value[i], long);
    return value;
  }
  if (typeof value === 'object' && value !== null) {
    const o = value as Record<string, unknown>;
    for (const key of Object.keys(o)) o[key] = restore(o[key], long);
  }
  return value;
}

/** The base64 text of a tensor or slot entry: a string, or the bytes of a streamed one. */
export function base64Text(value: unknown): string | Uint8Array | undefined {
  if (typeof value === 'string') return value;
  if (isStreamedString(value)) return (value as StreamedString).bytes;
  return undefined;
}
