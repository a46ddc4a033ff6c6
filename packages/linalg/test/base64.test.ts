import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  decodeFloat64,
  encodeFloat64,
  InvalidArgumentError,
  jsonPieces,
  Rng,
} from '../src/index';

describe('encodeFloat64 / decodeFloat64', () => {
  it('round-trips every bit, including −0, NaN, ±Infinity and subnormals', () => {
    const special = Float64Array.of(
      0,
      -0,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      5e-324,
      Number.MAX_VALUE,
      1 / 3,
    );
    const back = decodeFloat64(encodeFloat64(special), special.length);
    expect(new Uint8Array(back.buffer)).toEqual(new Uint8Array(special.buffer));
    const rng = new Rng(1);
    for (const n of [0, 1, 2, 3, 1000]) {
      const values = Float64Array.from({ length: n }, () => rng.normal());
      expect(decodeFloat64(encodeFloat64(values))).toEqual(values);
    }
  });

  it('matches the standard encoding (little-endian bytes of 1.0 = 00 00 00 00 00 00 F0 3F)', () => {
    // btoa is the platform's own base64 of the same 8 bytes.
    expect(encodeFloat64(Float64Array.of(1))).toBe(btoa('\x00\x00\x00\x00\x00\x00\xf0\x3f'));
  });

  it('rejects malformed or wrong-length text, naming what was being decoded', () => {
    const ok = encodeFloat64(Float64Array.of(1, 2));
    expect(() => decodeFloat64(ok, 3, 'layers[0].W')).toThrow(
      /^layers\[0\].W: holds 2 values but 3 are expected$/,
    );
    expect(() => decodeFloat64(`${ok.slice(0, -4)}`, undefined, 'w')).toThrow(
      /not a whole number of float64 values/,
    );
    expect(() => decodeFloat64(`${ok.slice(0, 4)}!${ok.slice(5)}`, 2, 'w')).toThrow(
      /^w: invalid base64 character at position 4$/,
    );
    expect(() => decodeFloat64('abc', undefined, 'w')).toThrow(InvalidArgumentError);
  });
});

describe('encodeFloat64 / decodeFloat64 at size', () => {
  it('round-trips 1e6 values across block boundaries exactly, and matches btoa on the bytes', () => {
    const rng = new Rng(5);
    const values = Float64Array.from({ length: 1_000_003 }, () => rng.normal());
    const text = encodeFloat64(values);
    // Compared as bytes in one call: toEqual walks a million elements one by one (a minute on a busy machine).
    const back = decodeFloat64(text, values.length);
    const raw = (v: Float64Array) => Buffer.from(v.buffer, v.byteOffset, v.byteLength);
    expect(raw(back).equals(raw(values))).toBe(true);
    // A slice that crosses the encoder's first piece boundary (65 538 input bytes).
    const head = values.subarray(0, 8200);
    const bytes = new Uint8Array(head.buffer, head.byteOffset, head.byteLength);
    expect(encodeFloat64(head)).toBe(btoa(String.fromCharCode(...bytes)));
  });

  it('rejects misplaced padding and characters outside the alphabet (even beyond Latin-1)', () => {
    const ok = encodeFloat64(Float64Array.of(1, 2, 3));
    expect(() => decodeFloat64(`${ok.slice(0, 8)}=${ok.slice(9)}`, 3, 'w')).toThrow(
      /^w: invalid base64 character at position 8$/,
    );
    // U+0141 would alias 'A' (0x41) if only the low byte were looked at.
    expect(() => decodeFloat64(`\u0141${ok.slice(1)}`, 3, 'w')).toThrow(/position 0/);
  });
});

describe('jsonPieces', () => {
  it('joins to exactly JSON.stringify and canonicalJson, yielding long strings whole', () => {
    const long = 'A'.repeat(5000);
    const doc = {
      z: [1, -0, 2.5e-300, null, true, 'é"\n\u2028', { b: 1, a: undefined }],
      long,
      a: {},
    };
    expect([...jsonPieces(doc)].join('')).toBe(JSON.stringify(doc));
    expect([...jsonPieces(doc, true)].join('')).toBe(canonicalJson(doc));
    expect([...jsonPieces(doc)]).toContain(long);
    const escaped = `${'B'.repeat(2000)}"`;
    expect([...jsonPieces({ escaped })].join('')).toBe(JSON.stringify({ escaped }));
  });
});
