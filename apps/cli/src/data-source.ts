import { closeSync, openSync, readSync } from 'node:fs';
import { type MatValue, moons, oneHot, parseCsv, planar, xor } from '@backprop/data';
import { loadCsv, loadFashionMnist, loadMat, loadMnist } from '@backprop/data/node';
import { Matrix, Rng, sliceRows } from '@backprop/linalg';
import { failure, usage } from './errors';

/** The first line of a text file (its CSV header), reading at most 1 MB. */
function firstLine(path: string): string {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw failure(`${path}: ${code === 'ENOENT' ? 'no such file' : `cannot be read (${code})`}`, e);
  }
  try {
    const buffer = Buffer.alloc(1 << 20);
    const n = readSync(fd, buffer, 0, buffer.length, 0);
    const text = buffer.subarray(0, n).toString('utf8');
    const end = text.search(/\r?\n/);
    return end < 0 ? text : text.slice(0, end);
  } finally {
    closeSync(fd);
  }
}

/** A dataset for the CLI: features, and either class labels (0-based) or regression targets. */
export interface Dataset {
  name: string;
  X: Matrix;
  /** Class labels 0..classes-1, or null for regression targets. */
  labels: Int32Array | null;
  targets: Matrix | null;
  classes: number;
  /** The course's 1-based labels (1..K, K = digit 0) were shifted to 0-based. */
  labelBase: 0 | 1;
  /** A sensible --layers when none is given. */
  defaultLayers: string;
}

export interface DataOptions {
  split?: 'train' | 'test';
  samples?: number;
  noise?: number;
  seed?: number;
  x?: string;
  y?: string;
  label?: string;
}

export const BUILT_IN = ['xor', 'moons', 'planar', 'mnist', 'fashion-mnist'] as const;

const classifier = (classes: number) =>
  classes === 2 ? '8:relu,1:sigmoid' : `32:relu,${classes}:softmax`;

function limit(d: Dataset, samples: number | undefined): Dataset {
  if (samples === undefined || samples >= d.X.rows) return d;
  return {
    ...d,
    X: sliceRows(d.X, 0, samples),
    labels: d.labels ? d.labels.slice(0, samples) : null,
    targets: d.targets && sliceRows(d.targets, 0, samples),
  };
}

/** Integer class labels from any numeric column; 1..K (the course's) become 0..K−1. */
function toLabels(
  values: ArrayLike<number>,
  source: string,
): { labels: Int32Array; classes: number; labelBase: 0 | 1 } {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isInteger(v))
      throw failure(`${source}: label ${i + 1} is ${v}; class labels must be integers`);
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  if (min < 0) throw failure(`${source}: class labels must be >= 0 (found ${min})`);
  const labelBase = min >= 1 && max > 1 ? 1 : 0;
  return {
    labels: Int32Array.from(values, (v) => v - labelBase),
    classes: max - labelBase + 1,
    labelBase,
  };
}

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
  const { labels, classes, labelBase } = toLabels(y.data, `${path}: ${yv.name}`);
  return {
    name: path,
    X,
    labels,
    targets: null,
    classes,
    labelBase,
    defaultLayers: classifier(classes),
  };
}

async function fromCsv(path: string, o: DataOptions, requireLabels: boolean): Promise<Dataset> {
  const probe = parseCsv(firstLine(path), { file: path, header: true });
  const label = o.label ?? (probe.header && probe.columns.includes('label') ? 'label' : undefined);
  if (label === undefined) {
    if (requireLabels)
      throw usage(
        `--label: ${path} has no 'label' column; name the label column with --label <name or index>`,
      );
    const t = await loadCsv(path);
    return {
      name: path,
      X: t.X,
      labels: null,
      targets: null,
      classes: 0,
      labelBase: 0,
      defaultLayers: '',
    };
  }
  const t = await loadCsv(path, { labelColumn: /^\d+$/.test(label) ? Number(label) : label });
  const { labels, classes, labelBase } = toLabels(t.y!, `${path}: column '${t.label}'`);
  return {
    name: path,
    X: t.X,
    labels,
    targets: null,
    classes,
    labelBase,
    defaultLayers: classifier(classes),
  };
}

/** Resolves --data: a built-in set, a .csv, or a .mat (with --x/--y). */
export async function loadDataset(
  spec: string,
  o: DataOptions = {},
  requireLabels = true,
): Promise<Dataset> {
  const rng = new Rng(o.seed ?? 0);
  const built = (
    name: string,
    set: { X: Matrix; y: Int32Array },
    layers: string,
    classes = 2,
  ): Dataset => ({
    name,
    X: set.X,
    labels: set.y,
    targets: null,
    classes,
    labelBase: 0,
    defaultLayers: layers,
  });
  let d: Dataset;
  switch (spec) {
    case 'xor':
      d = built('xor', xor(), '5:sigmoid,1:sigmoid');
      break;
    case 'moons':
      d = built('moons', moons(o.samples ?? 500, o.noise ?? 0.2, rng), '8:relu,1:sigmoid');
      break;
    case 'planar':
      d = built('planar', planar(o.samples ?? 400, rng), '4:tanh,1:sigmoid');
      break;
    case 'mnist':
    case 'fashion-mnist': {
      const load = spec === 'mnist' ? loadMnist : loadFashionMnist;
      const set = await load({ split: o.split ?? 'train' }).catch((e) => {
        throw failure(`--data ${spec}: ${e instanceof Error ? e.message : String(e)}`, e);
      });
      d = built(`${spec} (${o.split ?? 'train'})`, set, '64:relu,32:relu,10:softmax', 10);
      break;
    }
    default:
      if (spec.toLowerCase().endsWith('.csv')) d = await fromCsv(spec, o, requireLabels);
      else if (spec.toLowerCase().endsWith('.mat')) d = await fromMat(spec, o);
      else
        throw usage(
          `--data: '${spec}' is not a dataset; use ${BUILT_IN.join(', ')}, a .csv file or a .mat file (with --x and --y)`,
        );
  }
  return spec === 'moons' || spec === 'planar' ? d : limit(d, o.samples);
}

/**
 * Training targets for a model with `outputs` units: a 0/1 column for one sigmoid-style output,
 * one-hot for several. Fails, saying why, when the labels do not fit the output layer.
 */
export function targetsFor(d: Dataset, outputs: number): Matrix {
  if (d.targets) {
    if (d.targets.cols !== outputs)
      throw failure(
        `${d.name} has ${d.targets.cols} target columns but the model has ${outputs} outputs`,
      );
    return d.targets;
  }
  if (!d.labels) throw failure(`${d.name} has no labels; evaluate and train need a label column`);
  if (outputs === 1) {
    if (d.classes > 2)
      throw failure(
        `${d.name} has ${d.classes} classes but the model has 1 output; end --layers with ${d.classes}:softmax`,
      );
    return new Matrix(d.labels.length, 1, Float64Array.from(d.labels));
  }
  if (d.classes > outputs)
    throw failure(
      `${d.name} has labels up to ${d.classes - 1} but the model has ${outputs} outputs; end --layers with ${d.classes}:softmax`,
    );
  return oneHot(d.labels, outputs);
}
