import { astype, type Dtype, decodeFloat64, fromFlat, type Matrix } from '@backprop/linalg';
import { type Optimizer, type OptimizerJSON, optimizerFromJSON } from '@backprop/optim';
import { canonicalCrc32 } from './checksum';
import { type ClassLabels, checkClasses } from './classes';
import { base64Text, parseDocumentBytes } from './document-bytes';
import { ModelFormatError } from './errors';
import type { Layer, LayerKind, LayerPlan } from './layers/layer';
import { readLimits, type SizeLimits, tooManyParameters } from './limits';
import { checkKeys } from './options';
import { type Parts, type PartsOptions, partsFrom } from './parts';
import { FORMAT, type RunRecord, type TensorDoc, VERSION } from './save';
import { Sequential } from './sequential';

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

function readTensor(
  value: unknown,
  path: string,
  rows: number,
  cols: number,
  dtype: Dtype,
): Matrix {
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
  if (dtype === 'float32') checkFloat32(values, `${path}.float64`, cols);
  return astype(fromFlat(values, rows, cols), dtype);
}

/** A float32 model's values must be float32 numbers (widened exactly when saved): never rounded here. */
function checkFloat32(values: Float64Array, path: string, cols: number): void {
  for (let i = 0; i < values.length; i++) {
    if (Math.fround(values[i]!) !== values[i]) {
      throw new ModelFormatError(
        path,
        `entry (${Math.floor(i / cols)}, ${i % cols}) is ${values[i]}, not a float32 number, but the model is float32 (the file was edited, or its dtype was)`,
      );
    }
  }
}

/** The document's dtype: absent (every document before float32 models) means float64. */
function readDtype(d: Record<string, unknown>): Dtype {
  if (d.dtype === undefined || d.dtype === 'float64') return 'float64';
  if (d.dtype === 'float32') return 'float32';
  throw new ModelFormatError(
    'dtype',
    `must be 'float64' or 'float32', got ${JSON.stringify(d.dtype)}`,
  );
}

/** A saved layer, read (and for version 1 converted) into the `{ type, config, tensors }` form. */
interface LayerEntry {
  kind: LayerKind;
  config: Record<string, unknown>;
  tensors: Record<string, unknown>;
  plan: LayerPlan;
  /** Where its config fields and tensors are in the document, for messages. */
  configPath: (field?: string) => string;
  tensorPath: (name: string) => string;
}

function readEntry(value: unknown, i: number, version: number, parts: Parts): LayerEntry {
  const path = `layers[${i}]`;
  const d = value as Record<string, unknown>;
  if (typeof d !== 'object' || d === null || Array.isArray(d))
    throw new ModelFormatError(path, 'expected a layer object');
  let kind: LayerKind;
  try {
    kind = parts.layer(d.type);
  } catch (cause) {
    throw new ModelFormatError(`${path}.type`, (cause as Error).message, { cause });
  }
  const v1 = version === 1;
  if (v1 && !kind.fromVersion1)
    throw new ModelFormatError(
      `${path}.type`,
      `'${d.type}' layers did not exist in version 1 documents`,
    );
  const { config, tensors } = v1
    ? kind.fromVersion1!(d)
    : {
        config: d.config as Record<string, unknown>,
        tensors: d.tensors as Record<string, unknown>,
      };
  if (typeof config !== 'object' || config === null || Array.isArray(config))
    throw new ModelFormatError(`${path}.config`, 'must be an object');
  if (typeof tensors !== 'object' || tensors === null || Array.isArray(tensors))
    throw new ModelFormatError(`${path}.tensors`, 'must be an object of named tensors');
  const configPath = (field?: string) =>
    v1 ? (field ? `${path}.${field}` : path) : field ? `${path}.config.${field}` : `${path}.config`;
  return {
    kind,
    config,
    tensors,
    plan: null as never,
    configPath,
    tensorPath: (name) => (v1 ? `${path}.${name}` : `${path}.tensors.${name}`),
  };
}

/** Runs a kind's plan or restore, turning its error into a ModelFormatError at the field it names. */
function inLayer<T>(entry: LayerEntry, f: () => T): T {
  try {
    return f();
  } catch (cause) {
    if (cause instanceof ModelFormatError) throw cause;
    const field = (cause as { argument?: string }).argument;
    const known = typeof field === 'string' && Object.hasOwn(entry.config, field);
    const message = (cause as Error).message.replace(/^[a-zA-Z]+: /, '');
    throw new ModelFormatError(entry.configPath(known ? field : undefined), message, { cause });
  }
}

/** Every layer's structure and the model's size within its limits, before anything is decoded. */
function readEntries(
  d: Record<string, unknown>,
  limits: Required<SizeLimits>,
  parts: Parts,
): LayerEntry[] {
  const docs = d.layers as unknown[];
  if (docs.length > limits.maxLayers) {
    throw new ModelFormatError(
      'layers',
      `holds ${docs.length} layers, more than the limit of ${limits.maxLayers} (load(doc, { maxLayers }) raises it)`,
    );
  }
  let width = d.inputSize as number;
  let count = 0;
  const entries = docs.map((doc, i) => {
    const entry = readEntry(doc, i, d.version as number, parts);
    entry.plan = inLayer(entry, () => entry.kind.plan(entry.config, width));
    for (const [rows, cols] of Object.values(entry.plan.tensors)) count += rows * cols;
    width = entry.plan.units;
    return entry;
  });
  if (count > limits.maxParameters)
    throw new ModelFormatError('layers', tooManyParameters('load', count, limits.maxParameters));
  if (!entries.some((e) => e.plan.trainable.length > 0))
    throw new ModelFormatError('layers', 'has no trainable parameters (no dense layer)');
  return entries;
}

/** A layer from its entry: every tensor the plan names, decoded and checked, then the kind's restore. */
function buildLayer(entry: LayerEntry, width: number, parts: Parts, dtype: Dtype): Layer {
  const tensors: Record<string, Matrix> = {};
  for (const [name, [rows, cols]] of Object.entries(entry.plan.tensors))
    tensors[name] = readTensor(entry.tensors[name], entry.tensorPath(name), rows, cols, dtype);
  return inLayer(entry, () => entry.kind.restore(entry.config, tensors, width, parts));
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
export interface LoadOptions extends SizeLimits {
  /** One-off parts the document names (a custom activation, loss, layer kind, …), beside the registered ones. */
  parts?: PartsOptions;
}

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
  checkKeys('load', options, ['maxParameters', 'maxLayers', 'parts']);
  const limits = readLimits(options);
  const parts = partsFrom(options.parts);
  const d = parse(doc);
  checkHeader(d);
  const entries = readEntries(d, limits, parts);
  const dtype = readDtype(d);
  let width = d.inputSize as number;
  const layers = entries.map((entry) => {
    const layer = buildLayer(entry, width, parts, dtype);
    width = layer.units;
    return layer;
  });
  const classes = readClasses(d, width);
  checkOptimizerShape(d.optimizer);
  checkRun(d.run);
  // Last, so that a structural problem is reported as itself rather than as a checksum mismatch.
  checkChecksum(d);
  return new Sequential(
    d.inputSize as number,
    layers,
    typeof d.seed === 'number' ? d.seed : 0,
    classes,
  );
}

const FINGERPRINT = /^sha256:[0-9a-f]{64}$/;

/** The run record is absent, or `{ weights, epochs: [{ epoch, fingerprint }], data, config }`. */
function checkRun(run: unknown): void {
  if (run === undefined) return;
  const r = run as Record<string, unknown>;
  if (typeof run !== 'object' || run === null || Array.isArray(run))
    throw new ModelFormatError('run', 'must be { weights, epochs, data, config }');
  if (typeof r.weights !== 'string' || !FINGERPRINT.test(r.weights))
    throw new ModelFormatError('run.weights', 'must be a fingerprint sha256:<64 hex digits>');
  if (!Array.isArray(r.epochs)) throw new ModelFormatError('run.epochs', 'must be an array');
  r.epochs.forEach((e: { epoch?: unknown; fingerprint?: unknown }, i) => {
    if (
      !(
        Number.isInteger(e?.epoch) &&
        typeof e.fingerprint === 'string' &&
        FINGERPRINT.test(e.fingerprint)
      )
    )
      throw new ModelFormatError(`run.epochs[${i}]`, 'must be { epoch, fingerprint: sha256:… }');
  });
  for (const key of ['data', 'config'] as const)
    if (r[key] !== null && typeof r[key] !== 'string')
      throw new ModelFormatError(`run.${key}`, 'must be a string or null');
}

/** The optimizer saved with a model (config and state, to resume training), or null. */
export function loadOptimizer(doc: unknown, options: LoadOptions = {}): Optimizer | null {
  const d = parse(doc);
  load(d, options);
  if (!d.optimizer) return null;
  try {
    return optimizerFromJSON(withSlotText(d.optimizer));
  } catch (cause) {
    throw new ModelFormatError('optimizer', (cause as Error).message, { cause });
  }
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
  /** The run that made the weights (fingerprints, data and config hashes), if it was saved. */
  run: RunRecord | null;
}

/** The version and the saved optimizer (name, config, steps taken) of a document, unvalidated. */
export function documentInfo(doc: unknown): DocumentInfo {
  const d = parse(doc);
  const o = d.optimizer as OptimizerJSON | null | undefined;
  return {
    version: d.version as number,
    optimizer: o ? { name: o.name, config: o.config, iterations: o.state?.iterations ?? 0 } : null,
    run: (d.run as RunRecord | undefined) ?? null,
  };
}
