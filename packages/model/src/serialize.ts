import { getActivation } from '@backprop/activations';
import { getInitializer } from '@backprop/init';
import {
  canonicalJson,
  decodeFloat64,
  encodeFloat64,
  fromFlat,
  type Matrix,
  type PartConfig,
  zeros,
} from '@backprop/linalg';
import { type Optimizer, type OptimizerJSON, optimizerFromJSON } from '@backprop/optim';
import { crc32 } from './checksum';
import { ModelFormatError } from './errors';
import { type Layer, Sequential } from './sequential';

export const FORMAT = 'backprop.sequential' as const;
export const VERSION = 1;

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
    optimizer: options.optimizer ? options.optimizer.toJSON() : null,
  };
  return { ...body, checksum: `crc32:${crc32(canonicalJson(body))}` };
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
  try {
    return fromFlat(decodeFloat64(t.float64, rows * cols, `${path}.float64`), rows, cols);
  } catch (cause) {
    throw new ModelFormatError(
      `${path}.float64`,
      (cause as Error).message.replace(`${path}.float64: `, ''),
      { cause },
    );
  }
}

function part<T, C>(resolve: (c: C) => T, value: unknown, path: string): T {
  try {
    return resolve(value as C);
  } catch (cause) {
    throw new ModelFormatError(path, (cause as Error).message, { cause });
  }
}

function readLayer(value: unknown, i: number, width: number): Layer {
  const path = `layers[${i}]`;
  const d = value as Record<string, unknown>;
  if (typeof d !== 'object' || d === null)
    throw new ModelFormatError(path, 'expected a layer object');
  if (d.type === 'dropout') {
    if (!(typeof d.rate === 'number' && d.rate >= 0 && d.rate < 1))
      throw new ModelFormatError(
        `${path}.rate`,
        `must be in [0, 1), got ${JSON.stringify(d.rate)}`,
      );
    return { type: 'dropout', rate: d.rate, units: width };
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
  const units = d.units;
  const W = readTensor(d.W, `${path}.W`, width, units);
  const b = d.useBias ? readTensor(d.b, `${path}.b`, 1, units) : zeros(1, units);
  return {
    type: 'dense',
    units,
    inputs: width,
    activation: part(getActivation, d.activation, `${path}.activation`),
    kernelInitializer: part(getInitializer, d.kernelInitializer, `${path}.kernelInitializer`),
    biasInitializer: part(getInitializer, d.biasInitializer, `${path}.biasInitializer`),
    useBias: d.useBias,
    W,
    b,
  };
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
  if (d.version > VERSION) {
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
  const actual = `crc32:${crc32(canonicalJson(body))}`;
  if (actual !== checksum) {
    throw new ModelFormatError(
      'checksum',
      `does not match the content (stored ${checksum}, computed ${actual}): the document was modified or corrupted`,
    );
  }
}

/**
 * A model from a saved document (object or JSON text). Everything is validated — format, version,
 * shapes, parts, every weight's exact length, and the checksum — and a malformed, truncated,
 * tampered or future-version document throws a ModelFormatError naming the path and the problem.
 */
export function load(doc: unknown): Sequential {
  const d = parse(doc);
  checkHeader(d);
  let width = d.inputSize as number;
  const layers = (d.layers as unknown[]).map((l, i) => {
    const layer = readLayer(l, i, width);
    width = layer.units;
    return layer;
  });
  if (!layers.some((l) => l.type === 'dense'))
    throw new ModelFormatError('layers', 'needs at least one dense layer');
  if (d.optimizer !== null && d.optimizer !== undefined)
    part(optimizerFromJSON, d.optimizer, 'optimizer');
  checkChecksum(d);
  return new Sequential(d.inputSize as number, layers, typeof d.seed === 'number' ? d.seed : 0);
}

/** The optimizer saved with a model (config and state, to resume training), or null. */
export function loadOptimizer(doc: unknown): Optimizer | null {
  const d = parse(doc);
  load(d);
  return d.optimizer ? part(optimizerFromJSON, d.optimizer, 'optimizer') : null;
}
