import type { FloatArray } from '@backprop/linalg';
import { type ClassLabels, classCount, indexClasses } from '@backprop/model';
import { failure, usage } from './errors';

/**
 * How label values in the files become classes — decided once, at training, and saved with the
 * model, so that every later file is read the same way (never re-guessed per file):
 *   index   the value is the class index 0..K−1 (the default; built-in sets, Kaggle CSVs);
 *   course  the course's 1..K with K meaning digit 0 (ex4data1.mat): class k is value k+1;
 *   sorted  the distinct values, sorted, are classes 0..K−1 (any numeric ids, e.g. −1/1);
 *   a,b,c   an explicit list: value a is class 0, b class 1, …
 */
export type LabelScheme =
  | { kind: 'index' | 'course' | 'sorted' }
  | { kind: 'list'; values: number[] };

/** More classes than this from `--labels index` is taken for a wrong column, not a classifier. */
export const MAX_CLASSES = 65_536;

/** Raw label values and how to say where each one is (`line 12`, `row 12 of y`). */
export interface RawLabels {
  values: FloatArray;
  /** Where value i is, for messages: "t.csv: line 12". */
  where(i: number): string;
}

export function parseLabelScheme(text: string | undefined): LabelScheme {
  if (text === undefined || text === 'index') return { kind: 'index' };
  if (text === 'course' || text === 'sorted') return { kind: text };
  const parts = text.split(',').map((p) => p.trim());
  const values = parts.map(Number);
  if (parts.length < 2 || parts.some((p) => p === '') || values.some((v) => !Number.isFinite(v)))
    throw usage(
      `--labels: '${text}' is not index, course, sorted or a list of at least two numbers (e.g. -1,1)`,
    );
  if (new Set(values).size !== values.length)
    throw usage(`--labels: '${text}' names a value twice`);
  return { kind: 'list', values };
}

function distinct(raw: RawLabels): number[] {
  return [...new Set(raw.values)].sort((a, b) => a - b);
}

/** The index of the first value for which `bad` holds, or −1. */
function find(raw: RawLabels, bad: (v: number) => boolean): number {
  for (let i = 0; i < raw.values.length; i++) if (bad(raw.values[i]!)) return i;
  return -1;
}

function indexScheme(raw: RawLabels, outputs: number | undefined): ClassLabels {
  const bad = find(raw, (v) => !(Number.isInteger(v) && v >= 0));
  if (bad >= 0)
    throw failure(
      `${raw.where(bad)}: label ${raw.values[bad]} is not a class index (an integer >= 0); use --labels sorted or --labels a,b,… for other label values`,
    );
  let max = 0;
  let at = 0;
  raw.values.forEach((v, i) => {
    if (v > max) [max, at] = [v, i];
  });
  if (max + 1 > MAX_CLASSES)
    throw failure(
      `${raw.where(at)}: label ${max} would make ${max + 1} classes with --labels index (at most ${MAX_CLASSES}); is this the label column? For arbitrary ids use --labels sorted`,
    );
  return indexClasses(Math.max(max + 1, outputs === undefined ? 0 : classCount(outputs)));
}

/**
 * The classes a training set's labels define under `scheme`; `outputs` is the model's output
 * count when --layers was given (index classes then cover every output). Refuses data with one
 * class only: nothing to tell apart.
 */
export function classesFor(
  raw: RawLabels,
  scheme: LabelScheme,
  outputs: number | undefined,
  names?: readonly string[],
): ClassLabels {
  const present = distinct(raw);
  if (present.length < 2)
    throw failure(
      `${raw.where(0).replace(/: .*$/, '')}: the labels hold only one class (${present[0] ?? 'none'}); a classifier needs at least two — check --label names the right column and that --samples keeps every class`,
    );
  let classes: ClassLabels;
  if (scheme.kind === 'index') classes = indexScheme(raw, outputs);
  else if (scheme.kind === 'course') {
    const bad = find(raw, (v) => !(Number.isInteger(v) && v >= 1));
    if (bad >= 0)
      throw failure(
        `${raw.where(bad)}: label ${raw.values[bad]} is not a course label (1..K, K meaning digit 0)`,
      );
    classes = courseClasses(Math.max(...present, outputs === undefined ? 0 : classCount(outputs)));
  } else {
    const values = scheme.kind === 'list' ? scheme.values : present;
    classes = { values, names: values.map(String) };
  }
  if (names && names.length === classes.values.length) classes = { ...classes, names: [...names] };
  return classes;
}

/** The course's K classes: class k is label k+1, and label K (10 for ex4data1.mat) is digit 0. */
export function courseClasses(K: number): ClassLabels {
  const values = Array.from({ length: K }, (_, k) => k + 1);
  return { values, names: values.map((v) => String(v === K ? 0 : v)) };
}

/** Class indices of the raw labels under the model's classes; an unknown value is an error naming it. */
export function encodeLabels(raw: RawLabels, classes: ClassLabels): Int32Array {
  const index = new Map(classes.values.map((v, k) => [v, k]));
  const out = new Int32Array(raw.values.length);
  for (let i = 0; i < out.length; i++) {
    const k = index.get(raw.values[i]!);
    if (k === undefined)
      throw failure(
        `${raw.where(i)}: label ${raw.values[i]} is not one of the model's classes (${describeClasses(classes)})`,
      );
    out[i] = k;
  }
  return out;
}

/** "0..9", or the values listed: "10 (0), 1, 2". */
export function describeClasses(classes: ClassLabels): string {
  const { values, names } = classes;
  const isIndex = values.every((v, k) => v === k);
  if (isIndex && values.length > 3) return `0..${values.length - 1}`;
  const shown = values
    .slice(0, 12)
    .map((v, k) => (String(v) === names[k] ? String(v) : `${v} (${names[k]})`));
  return `${shown.join(', ')}${values.length > 12 ? ', …' : ''}`;
}

/** The classes of a model, or for a model saved before classes were stored: 0..K−1. */
export function modelClasses(model: {
  classes: ClassLabels | null;
  outputSize: number;
}): ClassLabels {
  return model.classes ?? indexClasses(classCount(model.outputSize));
}
