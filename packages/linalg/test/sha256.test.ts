import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Rng, Sha256, sha256 } from '../src/index';

describe('sha256', () => {
  it('matches the FIPS 180-4 test vectors', () => {
    expect(sha256('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });

  it("matches Node's crypto on random data fed in pieces of every size", () => {
    const rng = new Rng(3);
    const data = Uint8Array.from({ length: 10_007 }, () => rng.int(256));
    const hasher = new Sha256();
    for (let at = 0, n = 1; at < data.length; at += n, n = (n * 7) % 131 || 1)
      hasher.update(data.subarray(at, Math.min(at + n, data.length)));
    expect(hasher.hex()).toBe(createHash('sha256').update(data).digest('hex'));
    const million = new Uint8Array(1_000_000).fill(97);
    expect(sha256(million)).toBe(
      'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0',
    );
  });
});
