import { describe, expect, it } from 'vitest';
import { type DataFormatError, parseCsv, parseIdx } from '../src/index';
import { gzip, idxFile } from './helpers/idx-writer';

async function rejection(p: Promise<unknown>): Promise<DataFormatError> {
  try {
    await p;
  } catch (e) {
    return e as DataFormatError;
  }
  throw new Error('expected a rejection');
}
const thrown = (f: () => unknown): DataFormatError => {
  try {
    f();
  } catch (e) {
    return e as DataFormatError;
  }
  throw new Error('expected an error');
};

describe('CSV', () => {
  it('numbers with surrounding spaces or tabs are numbers (as numpy and pandas read them)', () => {
    const t = parseCsv('a,b\n 1 ,\t2.5\n-3 ,  4e2\t\n');
    expect(t.X.toArray()).toEqual([
      [1, 2.5],
      [-3, 400],
    ]);
    expect(thrown(() => parseCsv('a,b\n1,  \n')).message).toBe(
      "<buffer>: line 2, column 3: empty cell (column 'b'): every cell must be a number",
    );
    expect(thrown(() => parseCsv('a,b\n1,2 3\n')).code).toBe('BAD_NUMBER');
  });

  it.each([
    ['4294967297', 'class label 4294967297 is outside the 32-bit integer range of class labels'],
    ['1e300', 'class label 1e300 is outside the 32-bit integer range of class labels'],
    ['2.5', 'class label 2.5 is not an integer'],
  ])('a class label %s is refused with its line and column, never wrapped', (label, problem) => {
    const e = thrown(() => parseCsv(`label,x\n0,1\n${label},2\n`, { labelColumn: 'label' }));
    expect(e.code).toBe('BAD_LABEL');
    expect(e.message).toBe(`<buffer>: line 3, column 1: ${problem}`);
  });

  it('records the line each data row starts on (blank lines skipped)', () => {
    const t = parseCsv('a,b\n1,2\n\n"3",4\n\n\n5,6\n', { header: true });
    expect(Array.from(t.lines)).toEqual([2, 4, 7]);
  });
});

describe('IDX', () => {
  it('a gzip bomb is refused by what its float64 matrix would cost, before inflating', async () => {
    // The header alone: [1000000, 28, 28] uint8 = 784 MB of data, 6.27 GB as float64.
    const bomb = gzip(idxFile('uint8', [1_000_000, 28, 28], []));
    const started = performance.now();
    const e = await rejection(parseIdx(bomb, { file: 'bomb.gz' }));
    expect(performance.now() - started).toBeLessThan(1000);
    expect(e.code).toBe('LIMIT_EXCEEDED');
    expect(e.message).toBe(
      'bomb.gz: byte 4: declares [1000000x28x28] uint8 values: 784 MB of data, 6272 MB as float64 — more than maxBytes (2147 MB)',
    );
    const plain = idxFile('uint8', [10, 10], new Uint8Array(100));
    await expect(parseIdx(plain, { maxBytes: 799 })).rejects.toThrow(/800\.0 B|0\.0 MB as float64/);
    expect((await parseIdx(plain, { maxBytes: 800 })).dims).toEqual([10, 10]);
  });
});
