import { describe, expect, it } from 'vitest';
import { type MatValue, parseMat } from '../src/index';
import { MI, matFile, type WValue } from './helpers/mat-writer';

const numeric = (v: MatValue | undefined) => {
  if (v?.kind !== 'numeric') throw new Error(`expected numeric, got ${v?.kind}`);
  return v;
};
/** The values of a typed array of any numeric class, as a plain array. */
const list = (d: ArrayLike<number | bigint>) => Array.from(d);
const parse = (vars: Record<string, WValue>, options: Parameters<typeof matFile>[1] = {}) =>
  parseMat(matFile(vars, options));

describe('cases mat-for-js gets wrong, read right', () => {
  it('N-d arrays keep their dims and column-major values', async () => {
    const data = Array.from({ length: 24 }, (_, k) => k);
    const v = numeric((await parse({ A: { class: 'double', dims: [2, 3, 4], data } })).variables.A);
    expect(v.dims).toEqual([2, 3, 4]);
    expect(list(v.data)).toEqual(data);
    expect(() => v.toMatrix()).toThrow(
      /'A' has 3 dimensions \[2x3x4\]; toMatrix needs a 2-D array/,
    );
  });

  it.each([false, true])(
    'big-endian files (compressed: %s) read the same as little-endian ones',
    async (compress) => {
      const vars: Record<string, WValue> = {
        X: { class: 'double', dims: [2, 2], data: [1.5, -2, 3e300, 4] },
        k: { class: 'int16', dims: [1, 3], data: [-7, 0, 300] },
        s: { class: 'char', text: 'héllo' },
        c: {
          class: 'cell',
          dims: [1, 2],
          cells: [
            { class: 'uint32', dims: [1, 1], data: [4000000000] },
            { class: 'char', text: 'x' },
          ],
        },
      };
      const be = await parse(vars, { bigEndian: true, compress });
      const le = await parse(vars, { compress });
      expect(be.littleEndian).toBe(false);
      expect(list(numeric(be.variables.X).data)).toEqual([1.5, -2, 3e300, 4]);
      expect(list(numeric(be.variables.k).data)).toEqual([-7, 0, 300]);
      expect(JSON.stringify(be.variables)).toBe(JSON.stringify(le.variables));
      expect(be.decodedBy.X).toBe('native');
    },
  );

  it('text: UTF-16 (as Octave writes it), UTF-8 with non-ASCII characters, and char matrices', async () => {
    const m = await parse({
      u16: { class: 'char', text: 'Grüße, 日本', storage: MI.UTF16 },
      u8: { class: 'char', text: 'naïve → ok', storage: MI.UTF8 },
      rows: { class: 'char', dims: [2, 3], text: 'adbecf' }, // rows 'abc' and 'def', stored column by column
    });
    expect(m.variables.u16).toMatchObject({ kind: 'char', value: 'Grüße, 日本' });
    expect(m.variables.u8).toMatchObject({ kind: 'char', value: 'naïve → ok' });
    expect(m.variables.rows).toMatchObject({
      kind: 'char',
      rows: ['abc', 'def'],
      value: 'abc\ndef',
    });
  });

  it('sparse row and column vectors (mat-for-js fails the whole file on them)', async () => {
    const m = await parse({
      col: { class: 'sparse', dims: [5, 1], ir: [1, 3], jc: [0, 2], pr: [10, 30] },
      row: { class: 'sparse', dims: [1, 5], ir: [0, 0], jc: [0, 0, 1, 1, 2, 2], pr: [7, 9] },
      mask: { class: 'sparse', dims: [2, 2], ir: [0, 1], jc: [0, 1, 2], pr: [1, 1], logical: true },
    });
    const col = m.variables.col!;
    expect(col.kind === 'sparse' && col.toMatrix().toArray()).toEqual([[0], [10], [0], [30], [0]]);
    const row = m.variables.row!;
    expect(row.kind === 'sparse' && row.toMatrix().toArray()).toEqual([[0, 7, 0, 9, 0]]);
    expect(m.variables.mask).toMatchObject({ kind: 'sparse', class: 'logical' });
  });

  it('keeps the MATLAB class when MATLAB narrowed the storage type, and the logical and global flags', async () => {
    const m = await parse({
      y: { class: 'double', dims: [3, 1], data: [1, 2, 255], storage: MI.UINT8 },
      big: { class: 'double', dims: [1, 2], data: [-300, 1000], storage: MI.INT16 },
      R: { class: 'uint8', dims: [2, 2], data: [1, 0, 0, 1], logical: true },
      g: { class: 'double', dims: [1, 1], data: [5], global: true },
    });
    const y = numeric(m.variables.y);
    expect([y.class, y.data.constructor.name, list(y.data)]).toEqual([
      'double',
      'Float64Array',
      [1, 2, 255],
    ]);
    expect(list(numeric(m.variables.big).data)).toEqual([-300, 1000]);
    expect(m.variables.R).toMatchObject({ class: 'logical' });
    expect(numeric(m.variables.R).toMatrix().toArray()).toEqual([
      [1, 0],
      [0, 1],
    ]);
    expect(m.variables.g!.global).toBe(true);
  });

  it('empty arrays, nested cells and structs, struct arrays', async () => {
    const m = await parse({
      e: { class: 'double', dims: [0, 3], data: [] },
      nest: {
        class: 'cell',
        dims: [1, 1],
        cells: [
          {
            class: 'struct',
            dims: [1, 2],
            fields: ['a', 'b'],
            elements: [
              {
                a: { class: 'double', dims: [1, 1], data: [1] },
                b: { class: 'cell', dims: [0, 0], cells: [] },
              },
              {
                a: { class: 'char', text: 'two' },
                b: { class: 'int8', dims: [1, 2], data: [-1, 1] },
              },
            ],
          },
        ],
      },
    });
    expect(numeric(m.variables.e).toMatrix().shape).toEqual([0, 3]);
    const nest = m.variables.nest!;
    if (nest.kind !== 'cell') throw new Error('cell expected');
    const s = nest.cells[0]!;
    if (s.kind !== 'struct') throw new Error('struct expected');
    expect(s.fields).toEqual(['a', 'b']);
    expect(s.elements[1]!.a).toMatchObject({ kind: 'char', value: 'two' });
    expect(list(numeric(s.elements[1]!.b).data)).toEqual([-1, 1]);
  });

  it('complex arrays and 64-bit integers beyond 2^53', async () => {
    const m = await parse({
      z: { class: 'double', dims: [1, 2], data: [1, 2], imag: [3, -4] },
      n: { class: 'int64', dims: [1, 2], data: [2n ** 60n + 1n, -5n] },
    });
    const z = numeric(m.variables.z);
    expect([list(z.data), list(z.imag!)]).toEqual([
      [1, 2],
      [3, -4],
    ]);
    expect(() => z.toMatrix()).toThrow(/complex; use .data \(real\) and .imag/);
    const n = numeric(m.variables.n);
    expect(list(n.data)).toEqual([2n ** 60n + 1n, -5n]);
    expect(() => n.toMatrix()).toThrow(/float64 cannot represent exactly/);
  });

  it('variables: reads only the named ones', async () => {
    const m = await parseMat(
      matFile(
        {
          a: { class: 'double', dims: [1, 1], data: [1] },
          b: { class: 'double', dims: [1, 1], data: [2] },
        },
        { compress: true },
      ),
      { variables: ['b'] },
    );
    expect(Object.keys(m.variables)).toEqual(['b']);
  });

  it('zero-copy when asked: large aligned arrays become views of the input', async () => {
    // 300x300 is above mat-for-js's share (65 536 values), so the native decoder reads it.
    const bytes = matFile({
      X: { class: 'double', dims: [300, 300], data: new Float64Array(90_000).fill(2) },
    });
    const shared = numeric((await parseMat(bytes, { copy: false })).variables.X).data;
    const copied = numeric((await parseMat(bytes)).variables.X).data;
    expect(shared.buffer).toBe(bytes.buffer);
    expect(copied.buffer).not.toBe(bytes.buffer);
  });
});
