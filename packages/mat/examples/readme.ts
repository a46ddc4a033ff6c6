import type { DataFormatError } from '@backprop/data';
import { parseMat } from '@backprop/mat';

// A Level 4 MAT-file built by hand: one 2x2 double matrix `A` = [[1, 3], [2, 4]] (column-major).
const header = new Int32Array([0, 2, 2, 0, 2]); // type (double, little-endian), rows, cols, imag, name length
const name = Uint8Array.from([65, 0]); // "A\0"
const values = new Float64Array([1, 2, 3, 4]);
const bytes = new Uint8Array(20 + 2 + 32);
bytes.set(new Uint8Array(header.buffer), 0);
bytes.set(name, 20);
bytes.set(new Uint8Array(values.buffer), 22);

const mat = await parseMat(bytes, { file: 'a.mat' });
const A = mat.variables.A!;
console.log(mat.format, A.class, A.dims, A.kind === 'numeric' && A.toMatrix().toArray());

// A cut-off file is a typed error with the position and the problem.
try {
  await parseMat(bytes.subarray(0, 30), { file: 'cut.mat' });
} catch (e) {
  console.log(String(e), (e as DataFormatError).code);
}
