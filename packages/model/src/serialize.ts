import { getActivation } from '@backprop/activations';
import { getInitializer } from '@backprop/init';
import {
  decodeFloat64,
  encodeFloat64,
  fromFlat,
  type Matrix,
  type PartConfig,
  zeros,
} from '@backprop/linalg';
import { type Optimizer, type OptimizerJSON, optimizerFromJSON } from '@backprop/optim';
import { canonicalCrc32 } from './checksum';
import { type ClassLabels, checkClasses } from './classes';
import { ModelFormatError } from './errors';
import { readLimits, type SizeLimits, tooManyParameters } from './limits';
import { checkKeys } from './options';
import { type Layer, oneUnitSoftmax, Sequential } from './sequential';

export const FORMAT = 'backprop.sequential' as const;
/**
 * 2 added `classes` (what a classifier's outputs mean). Documents of version 1 still load; a
 * reader of version 1 refuses version 2 rather than misread its labels.
 */
export const VERSION = 2;

interface TensorDoc {
  shape: [number, number];
  /** The float64 values (row-major) as base64 of their little-endian bytes: lossless. */
  float64: string;
}

type LayerDoc =
  | {
      type: 'dense';
      units: number;
      activation: PartConfig;
      kernelInitializer: PartConfig;
      biasInitializer: PartConfig;
      useBias: boolean;
      W: TensorDoc;
      b: TensorDoc;
    }
  | { type: 'dropout'; rate: number };

/** The saved form of a model: JSON-safe, versioned, with a checksum over everything else. */
export interface ModelDocument {
  format: typeof FORMAT;
  version: number;
  inputSize: number;
  seed: number;
  layers: LayerDoc[];
  /** What a classifier's outputs mean (version 2), or null. */
  classes: ClassLabels | null;
  optimizer: OptimizerJSON | null;
  /** `crc32:` + CRC-32 of the canonical JSON of the document without this field. */
  checksum: string;
}

const tensor = (m: Matrix): TensorDoc => ({
  shape: [m.rows, m.cols],
  float64: encodeFloat64(m.data),
});

/**
 * The model as a versioned JSON document (architecture, each part's config, weights stored
 * losslessly, and optionally an optimizer's config and state to resume training); JSON.stringify
 * it to write it. `load` gives back a model whose predictions are bit-identical.
 */
export function save(model: Sequential, options: { optimizer?: Optimizer } = {}): ModelDocument {
  checkKeys('save', options, ['optimizer']);
  const layers = model.layers.map(
    (l): LayerDoc =>
      l.type === 'dense'
        ? {
            type: 'dense',
            units: l.units,
            activation: l.activation.toConfig(),
            kernelInitializer: l.kernelInitializer.toConfig(),
            biasInitializer: l.biasInitializer.toConfig(),
            useBias: l.useBias,
            W: tensor(l.W),
            b: tensor(l.b),
          }
        : { type: 'dropout', rate: l.rate },
  );
  const body = {
    format: FORMAT,
    version: VERSION,
    inputSize: model.inputSize,
    seed: model.seed,
    layers,
    classes: model.classes
      ? { values: [...model.classes.values], names: [...model.classes.names] }
      : null,
    optimizer: options.optimizer ? options.optimizer.toJSON() : null,
  };
  return { ...body, checksum: `crc32:${canonicalCrc32(body)}` };
}

function parse(doc: unknown): Record<string, unknown> {
  if (typeof doc === 'string') {
    try {
      doc = JSON.parse(doc);
    } catch (cause) {
      throw new ModelFormatError(
        '',
        `not valid JSON (${(cause as Error).message}); the file may be truncated`,
        { cause },
      );
    }
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc))
    throw new ModelFormatError('', 'expected a JSON object');
  return doc as Record<string, unknown>;
}

const isInt = (v: unknown, min: number): v is number => Number.isInteger(v) && (v as number) >= min;

function readTensor(value: unknown, path: string, rows: number, cols: number): Matrix {
  const t = value as TensorDoc;
  if (typeof t !== 'object' || t === null)
    throw new ModelFormatError(path, 'missing tensor { shape, float64 }');
  if (!Array.isArray(t.shape) || t.shape[0] !== rows || t.shape[1] !== cols) {
    throw new ModelFormatError(
      `${path}.shape`,
      `is ${JSON.stringify(t.shape)} but the architecture needs [${rows}, ${cols}]`,
    );
  }
  let values: Float64Array;
  try {
    values = decodeFloat64(t.float64, rows * cols, `${path}.float64`);
  } catch (cause) {
    throw new ModelFormatError(
      `${path}.float64`,
      (cause as Error).message.replace(`${path}.float64: `, ''),
      { cause },
    );
  }
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i]!)) {
      throw new ModelFormatError(
        `${path}.float64`,
        `entry (${Math.floor(i / cols)}, ${i % cols}) is ${values[i]}; a model with non-finite weights cannot predict (it was saved after diverging, or the file was edited)`,
      );
    }
  }
  return fromFlat(values, rows, cols);
}

function part<T, C>(resolve: (c: C) => T, value: unknown, path: string): T {
  try {
    return resolve(value as C);
  } catch (cause) {
    throw new ModelFormatError(path, (cause as Error).message, { cause });
  }
}

/** A layer's structure, checked before any of its weights are decoded. */
type LayerShape =
  | { type: 'dropout'; rate: number }
  | { type: 'dense'; units: number; useBias: boolean; doc: Record<string, unknown> };

function readLayerShape(value: unknown, i: number): LayerShape {
  const path = `layers[${i}]`;
  const d = value as Record<string, unknown>;
  if (typeof d !== 'object' || d === null || Array.isArray(d))
    throw new ModelFormatError(path, 'expected a layer object');
  if (d.type === 'dropout') {
    if (!(typeof d.rate === 'number' && d.rate >= 0 && d.rate < 1))
      throw new ModelFormatError(
        `${path}.rate`,
        `must be in [0, 1), got ${JSON.stringify(d.rate)}`,
      );
    return { type: 'dropout', rate: d.rate };
  }
  if (d.type !== 'dense')
    throw new ModelFormatError(
      `${path}.type`,
      `unknown layer type ${JSON.stringify(d.type)} (expected "dense" or "dropout")`,
    );
  if (!isInt(d.units, 1))
    throw new ModelFormatError(
      `${path}.units`,
      `must be an integer >= 1, got ${JSON.stringify(d.units)}`,
    );
  if (typeof d.useBias !== 'boolean')
    throw new ModelFormatError(`${path}.useBias`, 'must be true or false');
  return { type: 'dense', units: d.units, useBias: d.useBias, doc: d };
}

function buildLayer(shape: LayerShape, i: number, width: number): Layer {
  if (shape.type === 'dropout') return { type: 'dropout', rate: shape.rate, units: width };
  const path = `layers[${i}]`;
  const { units, doc: d } = shape;
  const activation = part(getActivation, d.activation, `${path}.activation`);
  if (units === 1 && activation.name === 'softmax')
    throw new ModelFormatError(`${path}.activation`, oneUnitSoftmax('the layer'));
  const kernelInitializer = part(getInitializer, d.kernelInitializer, `${path}.kernelInitializer`);
  const biasInitializer = part(getInitializer, d.biasInitializer, `${path}.biasInitializer`);
  return {
    type: 'dense',
    units,
    inputs: width,
    activation,
    kernelInitializer,
    biasInitializer,
    useBias: shape.useBias,
    W: readTensor(d.W, `${path}.W`, width, units),
    b: shape.useBias ? readTensor(d.b, `${path}.b`, 1, units) : zeros(1, units),
  };
}

/** Every layer's structure, the parameter count within its limit, before anything is decoded. */
function readShapes(d: Record<string, unknown>, limits: Required<SizeLimits>): LayerShape[] {
  const docs = d.layers as unknown[];
  if (docs.length > limits.maxLayers) {
    throw new ModelFormatError(
      'layers',
      `holds ${docs.length} layers, more than the limit of ${limits.maxLayers} (load(doc, { maxLayers }) raises it)`,
    );
  }
  const shapes = docs.map(readLayerShape);
  if (!shapes.some((l) => l.type === 'dense'))
    throw new ModelFormatError('layers', 'needs at least one dense layer');
  let width = d.inputSize as number;
  let count = 0;
  for (const l of shapes) {
    if (l.type !== 'dense') continue;
    count += width * l.units + (l.useBias ? l.units : 0);
    width = l.units;
  }
  if (count > limits.maxParameters)
    throw new ModelFormatError('layers', tooManyParameters('load', count, limits.maxParameters));
  return shapes;
}

function checkHeader(d: Record<string, unknown>): void {
  if (d.format !== FORMAT)
    throw new ModelFormatError(
      'format',
      `is ${JSON.stringify(d.format)}; this is not a backprop model document (expected "${FORMAT}")`,
    );
  if (!isInt(d.version, 1))
    throw new ModelFormatError(
      'version',
      `must be an integer >= 1, got ${JSON.stringify(d.version)}`,
    );
  if ((d.version as number) > VERSION) {
    throw new ModelFormatError(
      'version',
      `is ${d.version}, written by a newer backprop; this version reads documents up to version ${VERSION} — upgrade @backprop/model`,
    );
  }
  if (!isInt(d.inputSize, 1))
    throw new ModelFormatError(
      'inputSize',
      `must be an integer >= 1, got ${JSON.stringify(d.inputSize)}`,
    );
  if (!Array.isArray(d.layers) || d.layers.length === 0)
    throw new ModelFormatError('layers', 'must be a non-empty array');
}

function checkChecksum(d: Record<string, unknown>): void {
  if (typeof d.checksum !== 'string' || !/^crc32:[0-9a-f]{8}$/.test(d.checksum))
    throw new ModelFormatError('checksum', 'missing or not of the form crc32:xxxxxxxx');
  const { checksum, ...body } = d;
  const actual = `crc32:${canonicalCrc32(body)}`;
  if (actual !== checksum) {
    throw new ModelFormatError(
      'checksum',
      `does not match the content (stored ${checksum}, computed ${actual}): the document was modified or corrupted`,
    );
  }
}

/**
 * The optimizer entry is null or `{ name, config, state? }`. Its state is decoded (and fully
 * checked) only by loadOptimizer: a model that is only used to predict never pays for it.
 */
function checkOptimizerShape(value: unknown): void {
  if (value === null || value === undefined) return;
  const o = value as Record<string, unknown>;
  if (typeof o !== 'object' || Array.isArray(o) || typeof o.name !== 'string')
    throw new ModelFormatError('optimizer', 'must be null or { name, config, state }');
}

/** Options of {@link load}: the size limits to enforce. */
export type LoadOptions = SizeLimits;

function readClasses(d: Record<string, unknown>, outputs: number): ClassLabels | null {
  if (d.version === 1 || d.classes === null) return null;
  if (d.classes === undefined)
    throw new ModelFormatError(
      'classes',
      'missing (version 2 documents say what their outputs mean, or null)',
    );
  try {
    return checkClasses('classes', d.classes as ClassLabels, outputs);
  } catch (cause) {
    throw new ModelFormatError('classes', (cause as Error).message.replace(/^classes: /, ''), {
      cause,
    });
  }
}

/**
 * A model from a saved document (object or JSON text). Everything is validated — format, version,
 * structure and size (before any weight is decoded), parts, every weight's exact length and
 * finiteness, the class mapping, and the checksum — and a malformed, truncated, tampered,
 * oversized or future-version document throws a ModelFormatError naming the path and the problem.
 */
export function load(doc: unknown, options: LoadOptions = {}): Sequential {
  checkKeys('load', options, ['maxParameters', 'maxLayers']);
  const limits = readLimits(options);
  const d = parse(doc);
  checkHeader(d);
  const shapes = readShapes(d, limits);
  let width = d.inputSize as number;
  const layers = shapes.map((shape, i) => {
    const layer = buildLayer(shape, i, width);
    width = layer.units;
    return layer;
  });
  const classes = readClasses(d, width);
  checkOptimizerShape(d.optimizer);
  // Last, so that a structural problem is reported as itself rather than as a checksum mismatch.
  checkChecksum(d);
  return new Sequential(
    d.inputSize as number,
    layers,
    typeof d.seed === 'number' ? d.seed : 0,
    classes,
  );
}

/** The optimizer saved with a model (config and state, to resume training), or null. */
export function loadOptimizer(doc: unknown, options: LoadOptions = {}): Optimizer | null {
  const d = parse(doc);
  load(d, options);
  return d.optimizer ? part(optimizerFromJSON, d.optimizer, 'optimizer') : null;
}
