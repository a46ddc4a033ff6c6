import { type DataFormatError, isDataFormatError } from '@backprop/data';
import { describe, expect, it } from 'vitest';
import { parseMat } from '../src/index';
import { matCorpus } from './helpers/mat-corpus';
import { matFile } from './helpers/mat-writer';

async function failure(bytes: Uint8Array): Promise<unknown> {
  try {
    await parseMat(bytes, { file: 'broken.mat' });
  } catch (e) {
    return e;
  }
  return null;
}

describe('broken MAT-files: a typed error with code, file and position — fast, never a hang or a bare RangeError', () => {
  it.each(matCorpus().map((c) => [c.name, c] as const))('%s', async (_, c) => {
    const started = performance.now();
    const error = await failure(c.bytes);
    expect(isDataFormatError(error), String(error)).toBe(true);
    const e = error as DataFormatError;
    expect(e.code).toBe(c.code);
    expect(e.message).toMatch(c.message);
    expect(e.message.startsWith('broken.mat: ')).toBe(true);
    expect(e.file).toBe('broken.mat');
    // Not a benchmark: a guard against hangs and huge allocations (each case takes ~1 ms here).
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it.each([false, true])(
    'every truncation of a valid file (compressed: %s) fails cleanly or reads a prefix of the variables',
    async (compress) => {
      const vars = {
        A: { class: 'double' as const, dims: [3, 2], data: [1, 2, 3, 4, 5, 6] },
        s: { class: 'char' as const, text: 'hello' },
        c: {
          class: 'cell' as const,
          dims: [1, 2],
          cells: [
            { class: 'int8' as const, dims: [1, 1], data: [1] },
            { class: 'char' as const, text: 'x' },
          ],
        },
      };
      const bytes = matFile(vars, { compress });
      let failures = 0;
      for (let cut = 0; cut < bytes.length; cut++) {
        const prefix = bytes.slice(0, cut);
        try {
          const m = await parseMat(prefix);
          expect(Object.keys(vars).slice(0, Object.keys(m.variables).length)).toEqual(
            Object.keys(m.variables),
          );
          expect(Object.keys(m.variables).length).toBeLessThan(3);
        } catch (e) {
          expect(isDataFormatError(e), `cut at ${cut}: ${String(e)}`).toBe(true);
          failures++;
        }
      }
      expect(failures).toBeGreaterThan(bytes.length / 2);
    },
  );
});
