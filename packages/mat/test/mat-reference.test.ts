import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dataset, datasetSuite, haveDatasets } from '../../../tooling/test-support/datasets';
import { type MatValue, parseMat } from '../src/index';
import reference from './fixtures/mat-reference.json';

/**
 * Every .mat file in ../shared/datasets/coursera and matlab-samples against scipy.io.loadmat
 * (scripts/mat-reference.py): same variables, MATLAB class, dims, and bit-identical values —
 * through both decoders (mat-for-js where it is used, and the native one for everything).
 */
type Ref = {
  kind: string;
  class?: string;
  dims?: number[];
  real?: (number | string)[];
  imag?: (number | string)[];
  sha256?: string;
  value?: string;
  cells?: Ref[];
  fields?: string[];
  elements?: Record<string, Ref>[];
  rowIndices?: number[];
  colPointers?: number[];
  values?: number[];
};

function sha256(data: ArrayLike<number | bigint>): string {
  // The float64 bytes of the values (a Float64Array is hashed as it is: no per-value copy).
  const values =
    data instanceof Float64Array ? data : Float64Array.from(data as ArrayLike<number>, Number);
  return createHash('sha256')
    .update(new Uint8Array(values.buffer, values.byteOffset, values.byteLength))
    .digest('hex');
}

const exact = (data: ArrayLike<number | bigint>) =>
  Array.from(data as ArrayLike<number>, (v) => (typeof v === 'bigint' ? String(v) : v));

function expectMatches(actual: MatValue, ref: Ref, path: string): void {
  if (ref.class !== undefined)
    expect(actual.class, `${path} class`).toBe(ref.class === 'sparse' ? 'double' : ref.class);
  expect(actual.kind, `${path} kind`).toBe(ref.kind);
  if (ref.dims !== undefined && ref.kind !== 'char')
    expect(actual.dims, `${path} dims`).toEqual(ref.dims);
  switch (actual.kind) {
    case 'numeric': {
      if (ref.real) {
        const isInt = typeof ref.real[0] === 'string';
        expect(
          isInt ? exact(actual.data).map(String) : exact(actual.data),
          `${path} values`,
        ).toEqual(ref.real);
      } else expect(sha256(actual.data), `${path} sha256`).toBe(ref.sha256);
      if (ref.imag)
        expect(
          exact(actual.imag!).map((v) => (typeof ref.imag![0] === 'string' ? String(v) : v)),
          `${path} imag`,
        ).toEqual(ref.imag);
      break;
    }
    case 'sparse':
      expect(Array.from(actual.rowIndices), `${path} ir`).toEqual(ref.rowIndices);
      expect(Array.from(actual.colPointers), `${path} jc`).toEqual(ref.colPointers);
      expect(Array.from(actual.values), `${path} pr`).toEqual(ref.values);
      break;
    case 'char':
      expect(actual.value, `${path} text`).toBe(ref.value);
      break;
    case 'cell':
      actual.cells.forEach((c, k) => {
        expectMatches(c, ref.cells![k]!, `${path}{${k + 1}}`);
      });
      break;
    case 'struct':
      expect(actual.fields, `${path} fields`).toEqual(ref.fields);
      actual.elements.forEach((el, k) => {
        for (const f of actual.fields)
          expectMatches(el[f]!, ref.elements![k]![f]!, `${path}(${k + 1}).${f}`);
      });
  }
}

const files = Object.entries(reference.files) as [
  string,
  { variables?: Record<string, Ref>; error?: string },
][];

describe.skipIf(!haveDatasets)(
  datasetSuite('MAT files of ../shared/datasets equal scipy.io.loadmat'),
  () => {
    it.each(files.filter(([, f]) => f.variables).map(([name, f]) => [name, f.variables!] as const))(
      '%s',
      async (name, refs) => {
        const bytes = readFileSync(dataset(name));
        for (const useMatForJs of [true, false]) {
          const mat = await parseMat(bytes, { file: name, useMatForJs });
          expect(Object.keys(mat.variables)).toEqual(Object.keys(refs));
          for (const [variable, ref] of Object.entries(refs))
            expectMatches(mat.variables[variable]!, ref, `${name}:${variable}`);
        }
      },
    );

    it('rejects the v7.3 (HDF5) file with an UnsupportedFeatureError that says how to re-save it', async () => {
      await expect(
        parseMat(readFileSync(dataset('matlab-samples/v7-3.mat')), { file: 'v7-3.mat' }),
      ).rejects.toThrow(
        /^v7-3.mat: byte 124: is a MATLAB v7.3 file \(HDF5\), which this reader does not read; re-save it with save\(\.\.\., '-v7'\)$/,
      );
    });

    it('decodes 3-D arrays correctly where mat-for-js does not (bird_small.mat), and says which decoder ran', async () => {
      const mat = await parseMat(readFileSync(dataset('coursera/bird_small.mat')));
      expect(mat.decodedBy.A).toBe('native');
      const ex4 = await parseMat(readFileSync(dataset('coursera/ex4weights.mat')));
      expect(ex4.decodedBy).toEqual({ Theta1: 'mat-for-js', Theta2: 'mat-for-js' });
      const t1 = ex4.variables.Theta1!;
      expect(t1.kind === 'numeric' && t1.toMatrix().shape).toEqual([25, 401]);
    });
  },
);
