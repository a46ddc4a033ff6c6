import type { Matrix } from '@backprop/linalg';
import { loadMat } from '@backprop/mat/node';
import { failure } from './errors';

/** Theta1, Theta2, … of a weights file, in order. */
export async function readThetas(path: string): Promise<Matrix[]> {
  const mat = await loadMat(path);
  const names = Object.keys(mat.variables)
    .filter((n) => /^Theta\d+$/.test(n))
    .sort((a, b) => Number(a.slice(5)) - Number(b.slice(5)));
  if (names.length === 0)
    throw failure(
      `${path}: no Theta1, Theta2, … variables (it has ${Object.keys(mat.variables).join(', ')})`,
    );
  return names.map((n) => {
    const v = mat.variables[n]!;
    if (v.kind !== 'numeric') throw failure(`${path}: ${n} is ${v.class}, not a numeric matrix`);
    return v.toMatrix();
  });
}
