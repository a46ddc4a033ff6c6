import { InvalidArgumentError } from '@backprop/linalg';

/**
 * What a classifier's outputs mean: class k (output k, or for one sigmoid output 0 = below 0.5
 * and 1 = at or above) stands for the label `values[k]` as it appears in the data files, and is
 * shown as `names[k]`. Decided once, when the model is trained, and saved with it, so every file
 * evaluated later is read with the same mapping.
 */
export interface ClassLabels {
  readonly values: readonly number[];
  readonly names: readonly string[];
}

/** Classes 0..K−1 whose values are their indices and whose names are the digits. */
export function indexClasses(count: number): ClassLabels {
  const values = Array.from({ length: count }, (_, k) => k);
  return { values, names: values.map(String) };
}

/** How many classes a model with `outputs` output units tells apart (one sigmoid unit: two). */
export const classCount = (outputs: number): number => (outputs === 1 ? 2 : outputs);

/**
 * Checks a class mapping against a model's outputs; returns a frozen copy. Values must be
 * distinct finite numbers, names strings, one of each per class.
 */
export function checkClasses(where: string, classes: ClassLabels, outputs: number): ClassLabels {
  const fail = (problem: string) => new InvalidArgumentError('classes', `${where}: ${problem}`);
  if (typeof classes !== 'object' || classes === null)
    throw fail('classes must be { values, names }');
  const { values, names } = classes;
  if (!Array.isArray(values) || !Array.isArray(names))
    throw fail('classes.values and classes.names must be arrays');
  const K = classCount(outputs);
  if (values.length !== K || names.length !== K) {
    throw fail(
      `the model's ${outputs} output${outputs === 1 ? '' : 's'} tell${outputs === 1 ? 's' : ''} ${K} classes apart but classes has ${values.length} values and ${names.length} names`,
    );
  }
  const seen = new Set<number>();
  values.forEach((v, k) => {
    if (typeof v !== 'number' || !Number.isFinite(v))
      throw fail(`classes.values[${k}] must be a finite number, got ${JSON.stringify(v)}`);
    if (seen.has(v)) throw fail(`classes.values[${k}] repeats the value ${v}`);
    seen.add(v);
  });
  names.forEach((n, k) => {
    if (typeof n !== 'string')
      throw fail(`classes.names[${k}] must be a string, got ${JSON.stringify(n)}`);
  });
  return Object.freeze({ values: Object.freeze([...values]), names: Object.freeze([...names]) });
}
