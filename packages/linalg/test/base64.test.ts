import { describe, expect, it } from 'vitest';
import { decodeFloat64, encodeFloat64, InvalidArgumentError, Rng } from '../src/index';

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
