import { getActivation } from '@backprop/activations';
import { getInitializer } from '@backprop/init';
import { decodeFloat64, fromFlat, type Matrix, zeros } from '@backprop/linalg';
import { type Optimizer, type OptimizerJSON, optimizerFromJSON } from '@backprop/optim';
import { canonicalCrc32 } from './checksum';
import { type ClassLabels, checkClasses } from './classes';
import { base64Text, parseDocumentBytes } from './document-bytes';
import { ModelFormatError } from './errors';
import { readLimits, type SizeLimits, tooManyParameters } from './limits';
import { checkKeys } from './options';
import { FORMAT, type TensorDoc, VERSION } from './save';
import { type Layer, oneUnitSoftmax, Sequential } from './sequential';

function parse(doc: unknown): Record<string, unknown> {
  if (typeof doc === 'string' || doc instanceof Uint8Array) {
    try {
      doc = typeof doc === 'string' ? JSON.parse(doc) : parseDocumentBytes(doc);
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
  const text = base64Text(t.float64);
  if (text === undefined)
    throw new ModelFormatError(`${path}.float64`, 'must be the base64 text of the values');
  try {
    values = decodeFloat64(text, rows * cols, `${path}.float64`);
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
  return d.optimizer ? part(optimizerFromJSON, withSlotText(d.optimizer), 'optimizer') : null;
}

/** The optimizer entry with each slot buffer's text as a string or bytes (decodeFloat64 reads both). */
function withSlotText(optimizer: unknown): OptimizerJSON {
  const o = optimizer as OptimizerJSON;
  const slots = o.state?.slots;
  if (!slots || typeof slots !== 'object') return o;
  const texts = Object.fromEntries(
    Object.entries(slots).map(([name, list]) => [
      name,
      Array.isArray(list) ? list.map((t) => base64Text(t) ?? t) : list,
    ]),
  );
  // Bytes where a string is declared: decodeFloat64 takes either form of base64 text.
  return { ...o, state: { ...o.state!, slots: texts as Record<string, string[]> } };
}

/** What a saved document says about itself, besides the model: for tools that describe a file. */
export interface DocumentInfo {
  version: number;
  optimizer: { name: string; config: Record<string, unknown>; iterations: number } | null;
}

/** The version and the saved optimizer (name, config, steps taken) of a document, unvalidated. */
export function documentInfo(doc: unknown): DocumentInfo {
  const d = parse(doc);
  const o = d.optimizer as OptimizerJSON | null | undefined;
  return {
    version: d.version as number,
    optimizer: o ? { name: o.name, config: o.config, iterations: o.state?.iterations ?? 0 } : null,
  };
}
