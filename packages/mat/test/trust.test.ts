import type { DataFormatError } from '@backprop/data';
import { describe, expect, it } from 'vitest';
import { parseMat } from '../src/index';
import { concat, matFile } from './helpers/mat-writer';

async function rejection(p: Promise<unknown>): Promise<DataFormatError> {
  try {
    await p;
  } catch (e) {
    return e as DataFormatError;
  }
  throw new Error('expected a rejection');
}

describe('MAT', () => {
  const file = matFile({ X: { class: 'double', dims: [2, 2], data: [1, 2, 3, 4] } });

  it('a file cut inside its first tag is an error, not "no variables" (scipy raises too)', async () => {
    const e = await rejection(parseMat(file.subarray(0, 132), { file: 'cut.mat' }));
    expect(e.code).toBe('TRUNCATED');
    expect(e.message).toBe(
      'cut.mat: byte 128: the file ends inside the tag of its first variable (expected an 8-byte data element tag, got 4 bytes)',
    );
    expect(Object.keys((await parseMat(file.subarray(0, 128))).variables)).toEqual([]);
  });

  it('junk after the last variable is an error (scipy raises too)', async () => {
    const e = await rejection(
      parseMat(concat([file, Uint8Array.of(1, 2, 3, 4)]), { file: 'junk.mat' }),
    );
    expect(e.code).toBe('TRAILING_DATA');
    expect(e.message).toMatch(
      /^junk\.mat: byte \d+: 4 bytes after the last variable are not a data element/,
    );
  });
});
