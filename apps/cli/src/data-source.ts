import { FASHION_MNIST_CLASSES, iceCream16, moons, oneHot, planar, xor } from '@backprop/data';
import { loadFashionMnist, loadMnist } from '@backprop/data/node';
import { Matrix, Rng, scale, sliceRows } from '@backprop/linalg';
import type { MatValue } from '@backprop/mat';
import { loadMat } from '@backprop/mat/node';
import type { Sequential } from '@backprop/model';
import { parseScale } from './args';
import { failure, usage } from './errors';
import { encodeLabels, modelClasses, type RawLabels } from './labels';
import { readCsvInput } from './stdin';

/** A dataset for the CLI: features and the label values exactly as the source holds them. */
export interface Dataset {
  name: string;
  X: Matrix;
  /** Label values as in the file (mapped to classes by the model's classes), or null. */
  labels: RawLabels | null;
  /** Display names of the classes 0..K−1 when the source defines them (Fashion-MNIST's). */
  classNames?: readonly string[];
}

export interface DataOptions {
  split?: 'train' | 'test';
  samples?: number;
  noise?: number;
  seed?: number;
  x?: string;
  y?: string;
  label?: string;
  /** --scale as given: a factor, or `1/N` to divide by N. */
  scale?: string;
}

export const BUILT_IN = ['xor', 'moons', 'planar', 'mnist', 'fashion-mnist', 'icecream'] as const;

/** Built-in sets whose target is a number to fit, not a class. */
export const REGRESSION_SETS: readonly string[] = ['icecream'];

/** A sensible --layers for a regression on this data: a linear model for the thesis's points. */
export const defaultRegressionLayers = (name: string): string =>
  name === 'icecream' ? '1:linear' : '16:tanh,1:linear';

/** A sensible --layers for a classifier of `classes` classes. */
export const defaultLayers = (classes: number, name: string): string =>
  name === 'xor'
    ? '5:sigmoid,1:sigmoid'
    : name === 'planar'
      ? '4:tanh,1:sigmoid'
      : name.startsWith('mnist') || name.startsWith('fashion-mnist')
        ? '64:relu,32:relu,10:softmax'
        : classes === 2
          ? '8:relu,1:sigmoid'
          : `32:relu,${classes}:softmax`;

function limit(d: Dataset, samples: number | undefined): Dataset {
  if (samples === undefined || samples >= d.X.rows) return d;
  const labels = d.labels && { ...d.labels, values: d.labels.values.slice(0, samples) };
  return { ...d, X: sliceRows(d.X, 0, samples), labels };
}

const numbered = (name: string, values: ArrayLike<number>): RawLabels => ({
  values: Float64Array.from(values),
  where: (i) => `${name}: sample ${i + 1}`,
});

async function fromMat(path: string, o: DataOptions): Promise<Dataset> {
  const mat = await loadMat(path);
  const get = (name: string, flag: string): MatValue => {
    const v = mat.variables[name];
    if (!v)
      throw usage(
        `${flag}: ${path} has no variable '${name}' (it has ${Object.keys(mat.variables).join(', ') || 'none'})`,
      );
    return v;
  };
  const xv = get(o.x ?? 'X', '--x');
  if (xv.kind !== 'numeric' && xv.kind !== 'sparse')
    throw failure(`${path}: '${xv.name}' is ${xv.class}, not a numeric matrix`);
  const X = xv.toMatrix();
  const yv = get(o.y ?? 'y', '--y');
  if (yv.kind !== 'numeric')
    throw failure(`${path}: '${yv.name}' is ${yv.class}, not numeric labels`);
  const y = yv.toMatrix();
  if (y.rows * y.cols !== X.rows)
    throw failure(
      `${path}: ${yv.name} has ${y.rows * y.cols} values but ${xv.name} has ${X.rows} rows`,
    );
  return {
    name: path,
    X,
    labels: { values: y.data, where: (i) => `${path}: ${yv.name}(${i + 1})` },
  };
}

async function fromCsv(path: string, o: DataOptions, requireLabels: boolean): Promise<Dataset> {
  const t = await readCsvInput(path, o.label, requireLabels);
  return {
    name: path === '-' ? '<stdin>' : path,
    X: t.X,
    labels: t.y
      ? {
          values: t.y as Float64Array,
          where: (i) =>
            `${path === '-' ? '<stdin>' : path}: line ${t.lines[i]}, column '${t.label}'`,
        }
      : null,
  };
}

/** Resolves --data: a built-in set, a .csv (or - for standard input), or a .mat (with --x/--y). */
export async function loadDataset(
  spec: string,
  o: DataOptions = {},
  requireLabels = true,
): Promise<Dataset> {
  const rng = new Rng(o.seed ?? 0);
  const built = (name: string, set: { X: Matrix; y: Int32Array }, names?: string[]): Dataset => ({
    name,
    X: set.X,
    labels: numbered(name, set.y),
    ...(names ? { classNames: names } : {}),
  });
  let d: Dataset;
  switch (spec) {
    case 'xor':
      d = built('xor', xor());
      break;
    case 'moons':
      d = built('moons', moons(o.samples ?? 500, o.noise ?? 0.2, rng));
      break;
    case 'planar':
      d = built('planar', planar(o.samples ?? 400, rng));
      break;
    case 'icecream': {
      // The thesis's 16 points as it lists them (°C → ice creams); it divides both by 10.
      const set = iceCream16();
      d = { name: 'icecream', X: set.X, labels: numbered('icecream', set.Y.data) };
      break;
    }
    case 'mnist':
    case 'fashion-mnist': {
      const load = spec === 'mnist' ? loadMnist : loadFashionMnist;
      const set = await load({ split: o.split ?? 'train' }).catch((e) => {
        throw failure(`--data ${spec}: ${e instanceof Error ? e.message : String(e)}`, e);
      });
      d = built(
        `${spec} (${o.split ?? 'train'})`,
        set,
        spec === 'fashion-mnist' ? [...FASHION_MNIST_CLASSES] : undefined,
      );
      break;
    }
    default:
      if (spec === '-' || spec.toLowerCase().endsWith('.csv'))
        d = await fromCsv(spec, o, requireLabels);
      else if (spec.toLowerCase().endsWith('.mat')) d = await fromMat(spec, o);
      else
        throw usage(
          `--data: '${spec}' is not a dataset; use ${BUILT_IN.join(', ')}, a .csv file (or - for standard input) or a .mat file (with --x and --y)`,
        );
  }
  const sized = spec === 'moons' || spec === 'planar' ? d : limit(d, o.samples);
  return o.scale === undefined ? sized : { ...sized, X: scaleInputs(sized.X, o.scale) };
}

/** X multiplied (or divided) as --scale says, in a new matrix. */
export function scaleInputs(X: Matrix, text: string): Matrix {
  const s = parseScale('--scale', text);
  if ('multiply' in s) return scale(X, s.multiply);
  const out = new Matrix(X.rows, X.cols);
  for (let i = 0; i < X.data.length; i++) out.data[i] = X.data[i]! / s.divide;
  return out;
}

/** The labels of a dataset that must have them (train, evaluate). */
export function requireLabels(d: Dataset): RawLabels {
  if (!d.labels) throw failure(`${d.name} has no labels; evaluate and train need a label column`);
  return d.labels;
}

/** True for a path that names a MATLAB file. */
export const isMatPath = (path: string): boolean => path.toLowerCase().endsWith('.mat');

/**
 * A regression's targets (n × 1) from the raw values of its target column; a value that is not a
 * finite number is an error naming where it is.
 */
export function numericTargets(raw: RawLabels): Matrix {
  const out = new Matrix(raw.values.length, 1);
  for (let i = 0; i < raw.values.length; i++) {
    const v = raw.values[i]!;
    if (!Number.isFinite(v)) throw failure(`${raw.where(i)}: target ${v} is not a finite number`);
    out.data[i] = v;
  }
  return out;
}

/**
 * A model the CLI reads as a regression: one linear output and no classes saved with it (what
 * `train --target` saves). Several linear outputs are read as a classifier's logits (PyTorch's
 * usual last layer), and a model with classes is always a classifier.
 */
export function isRegressor(model: Sequential): boolean {
  const last = model.layers.filter((l) => l.type === 'dense').at(-1) as
    | { activation: { name: string } }
    | undefined;
  return model.classes === null && model.outputSize === 1 && last?.activation.name === 'linear';
}

/**
 * What a saved model is scored against on this data: a regressor's numeric targets, or the
 * classes of the labels read with the model's own mapping.
 */
export function modelTargets(model: Sequential, data: Dataset): Matrix {
  const raw = requireLabels(data);
  if (isRegressor(model)) return numericTargets(raw);
  return targetsFor(encodeLabels(raw, modelClasses(model)), model.outputSize);
}

/** Targets for class indices: a 0/1 column for one sigmoid-style output, one-hot for several. */
export function targetsFor(indices: Int32Array, outputs: number): Matrix {
  if (outputs === 1) return new Matrix(indices.length, 1, Float64Array.from(indices));
  return oneHot(indices, outputs);
}
