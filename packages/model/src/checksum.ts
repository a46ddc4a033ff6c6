import { jsonPieces } from '@backprop/linalg';

/**
 * CRC-32 (IEEE 802.3, the zlib/PNG polynomial) lookup tables for "slicing by 4": T0 is the
 * classic byte table, Tk[n] is n's CRC followed by k zero bytes, so four bytes fold in one step.
 */
const [T0, T1, T2, T3] = (() => {
  const t = Array.from({ length: 4 }, () => new Int32Array(256));
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[0]![n] = c;
  }
  for (let n = 0; n < 256; n++)
    for (let k = 1; k < 4; k++) t[k]![n] = t[0]![t[k - 1]![n]! & 0xff]! ^ (t[k - 1]![n]! >>> 8);
  return t as [Int32Array, Int32Array, Int32Array, Int32Array];
})();

const utf8 = new TextEncoder();

const CHUNK = 1 << 16;
const LITTLE_ENDIAN_HOST = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

/** An incremental CRC-32 of the UTF-8 bytes of the strings given to `update`. */
export class Crc32 {
  private c = -1;
  /** UTF-8 bytes of the current piece of text. */
  private readonly buffer = new Uint8Array(CHUNK);
  private readonly words = new Int32Array(this.buffer.buffer);

  /** Adds a string's UTF-8 bytes, or bytes as they are. */
  update(text: string | Uint8Array): this {
    if (typeof text !== 'string') return this.updateBytes(text);
    for (let start = 0; start < text.length; ) {
      let end = Math.min(start + CHUNK, text.length);
      // Never cut between the two halves of a surrogate pair (it would encode as U+FFFD).
      if (end < text.length && (text.charCodeAt(end - 1) & 0xfc00) === 0xd800) end--;
      const { read, written } = utf8.encodeInto(
        text.slice(start, end),
        this.buffer.subarray(0, CHUNK),
      );
      this.bytes(written);
      start += read!;
    }
    return this;
  }

  private updateBytes(bytes: Uint8Array): this {
    // Copied a chunk at a time into the aligned buffer, where four bytes fold at once.
    for (let start = 0; start < bytes.length; start += CHUNK) {
      const chunk = bytes.subarray(start, Math.min(start + CHUNK, bytes.length));
      this.buffer.set(chunk);
      this.bytes(chunk.length);
    }
    return this;
  }

  /** Folds this.buffer[0, n) into the CRC, four bytes at a time where it can. */
  private bytes(n: number): void {
    const b = this.buffer;
    let c = this.c;
    let i = 0;
    if (LITTLE_ENDIAN_HOST) {
      const w = this.words;
      for (; i + 3 < n; i += 4) {
        c ^= w[i >>> 2]!;
        c = T3[c & 0xff]! ^ T2[(c >>> 8) & 0xff]! ^ T1[(c >>> 16) & 0xff]! ^ T0[c >>> 24]!;
      }
    }
    for (; i < n; i++) c = T0[(c ^ b[i]!) & 0xff]! ^ (c >>> 8);
    this.c = c;
  }

  /** The checksum as 8 lowercase hex digits. */
  digest(): string {
    return ((this.c ^ -1) >>> 0).toString(16).padStart(8, '0');
  }
}

/** CRC-32 of a string's UTF-8 bytes, as 8 hex digits. */
export function crc32(text: string): string {
  return new Crc32().update(text).digest();
}

/**
 * CRC-32 of `canonicalJson(value)`, computed piece by piece: the document's text is never built,
 * so checking a model with hundreds of megabytes of weights costs no extra memory.
 */
export function canonicalCrc32(value: unknown): string {
  const crc = new Crc32();
  for (const piece of jsonPieces(value, true)) crc.update(piece);
  return crc.digest();
}
