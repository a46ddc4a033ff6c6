/**
 * Bounded decompression. Parsers never inflate blindly: they first `peek` at the start of the
 * stream (where the format declares its own size), check that size against their limits, then
 * `inflate` into a buffer of exactly that size — a stream that produces more is reported, not
 * followed. Output goes straight into one preallocated buffer, so peak memory is the output
 * itself (plus the compressed input).
 */
export type CompressionFormat = 'deflate' | 'gzip';

export type InflateResult = { ok: true; bytes: Uint8Array } | { ok: false; reason: 'exceeded' };

export interface Inflater {
  /** Up to `length` bytes from the start of the decompressed stream (fewer if it is shorter). */
  peek(data: Uint8Array, length: number, format: CompressionFormat): Promise<Uint8Array>;
  /**
   * The whole decompressed stream when it is at most `maxOutputLength` bytes; otherwise
   * `{ ok: false }` as soon as it passes that size. Corrupt input rejects (callers wrap it).
   */
  inflate(
    data: Uint8Array,
    maxOutputLength: number,
    format: CompressionFormat,
  ): Promise<InflateResult>;
}

interface Chunks {
  next(): Promise<Uint8Array | null>;
  stop(): Promise<void>;
}

function decompress(data: Uint8Array, format: CompressionFormat): Chunks {
  const Stream = (
    globalThis as {
      DecompressionStream?: new (f: string) => TransformStream<Uint8Array, Uint8Array>;
    }
  ).DecompressionStream;
  if (Stream === undefined) {
    throw new Error('this platform has no DecompressionStream; pass an inflater in the options');
  }
  const stream = new Stream(format);
  const writer = stream.writable.getWriter();
  // Errors surface on the readable side; the writable side's promises must not go unhandled.
  writer.write(data).catch(() => undefined);
  writer.close().catch(() => undefined);
  const reader = stream.readable.getReader();
  return {
    async next() {
      const { value, done } = await reader.read();
      return done ? null : value;
    },
    async stop() {
      await reader.cancel().catch(() => undefined);
    },
  };
}

/** The platform's DecompressionStream (Node ≥ 18 and every current browser), bounded as described. */
export const webInflater: Inflater = {
  async peek(data, length, format) {
    const chunks = decompress(data, format);
    const out = new Uint8Array(length);
    let filled = 0;
    while (filled < length) {
      const chunk = await chunks.next();
      if (chunk === null) break;
      const take = Math.min(chunk.length, length - filled);
      out.set(chunk.subarray(0, take), filled);
      filled += take;
    }
    await chunks.stop();
    return out.subarray(0, filled);
  },

  async inflate(data, maxOutputLength, format) {
    const chunks = decompress(data, format);
    const out = new Uint8Array(maxOutputLength);
    let filled = 0;
    for (;;) {
      const chunk = await chunks.next();
      if (chunk === null) break;
      if (filled + chunk.length > maxOutputLength) {
        await chunks.stop();
        return { ok: false, reason: 'exceeded' };
      }
      out.set(chunk, filled);
      filled += chunk.length;
    }
    return { ok: true, bytes: filled === maxOutputLength ? out : out.subarray(0, filled) };
  },
};
