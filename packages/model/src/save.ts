import {
  encodeFloat64,
  type FloatArray,
  jsonPieces,
  type Matrix,
  type StreamedString,
  streamedBase64,
} from '@backprop/linalg';
import type { Optimizer, OptimizerJSON } from '@backprop/optim';
import { Crc32, canonicalCrc32 } from './checksum';
import type { ClassLabels } from './classes';
import { fingerprint } from './fingerprint';
import type { History } from './history';
import { checkKeys } from './options';
import type { Sequential } from './sequential';

export const FORMAT = 'backprop.sequential' as const;
/**
 * 2: every layer is `{ type, config, tensors }` (any registered kind), and `classes` says what a
 * classifier's outputs mean. Documents of version 1 (dense and dropout layers with their fields
 * inline) still load; a reader of version 1 refuses version 2 rather than misread it.
 */
export const VERSION = 2;

export interface TensorDoc<Text = string> {
  shape: [number, number];
  /** The float64 values (row-major) as base64 of their little-endian bytes: lossless. */
  float64: Text;
}

/**
 * One layer as saved: its kind's `type`, the layer's own config (`toConfig()`), and its tensors by
 * name — trainable ones and state such as batch normalisation's moving statistics.
 */
export interface LayerDoc<Text = string> {
  type: string;
  config: Record<string, unknown>;
  tensors: Record<string, TensorDoc<Text>>;
}

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
  /** How the weights were made, when saved with `run` (see RunRecord). */
  run?: RunRecord;
  /**
   * 'float32' for a float32 model (its values are stored widened to float64, exactly); absent for
   * float64, so float64 documents are as they always were.
   */
  dtype?: 'float32';
  /** `crc32:` + CRC-32 of the canonical JSON of the document without this field. */
  checksum: string;
}

/**
 * A saved model's record of the run that made it: the fingerprint of the weights saved, the
 * fingerprint after each epoch, and hashes of the training data and the configuration, as the
 * caller computed them (the CLI's run card uses the same values).
 */
export interface RunRecord {
  /** fingerprint() of the saved weights. */
  weights: string;
  /** The fingerprint after each epoch (from the history of a fit with fingerprints()). */
  epochs: { epoch: number; fingerprint: string }[];
  /** The training data's hash, if given. */
  data: string | null;
  /** The configuration's hash, if given. */
  config: string | null;
}

/** What to record about the run in a saved model (`save(model, { run })`). */
export interface RunOptions {
  /** The history of the fit; epochs with a fingerprint are recorded. */
  history?: History;
  /** A hash of the training data (e.g. `sha256:…`). */
  data?: string;
  /** A hash of the configuration. */
  config?: string;
}

export interface SaveOptions {
  /** The optimizer, saved with its state so that training can resume. */
  optimizer?: Optimizer;
  /** Record the run (fingerprints, data and config hashes) in the document. */
  run?: RunOptions;
}

function runRecord(model: Sequential, run: RunOptions): RunRecord {
  checkKeys('save: run', run, ['history', 'data', 'config']);
  return {
    weights: fingerprint(model),
    epochs: (run.history?.epochs ?? []).flatMap((e) =>
      e.fingerprint ? [{ epoch: e.epoch, fingerprint: e.fingerprint }] : [],
    ),
    data: run.data ?? null,
    config: run.config ?? null,
  };
}

/** The document without its checksum, with each tensor's text made by `text`. */
function documentBody<Text, O>(
  model: Sequential,
  optimizer: O,
  text: (values: FloatArray) => Text,
  run?: RunOptions,
) {
  const tensor = (m: Matrix): TensorDoc<Text> => ({
    shape: [m.rows, m.cols],
    float64: text(m.data),
  });
  const layers = model.layers.map(
    (l): LayerDoc<Text> => ({
      type: l.type,
      config: l.toConfig(),
      tensors: Object.fromEntries(
        [...l.params(), ...l.stateTensors()].map((t) => [t.name, tensor(t.value)]),
      ),
    }),
  );
  return {
    format: FORMAT,
    version: VERSION,
    inputSize: model.inputSize,
    seed: model.seed,
    layers,
    classes: model.classes
      ? { values: [...model.classes.values], names: [...model.classes.names] }
      : null,
    optimizer,
    ...(run ? { run: runRecord(model, run) } : {}),
    ...(model.dtype === 'float32' ? { dtype: 'float32' as const } : {}),
  };
}

/**
 * The model as a versioned JSON document (architecture, each part's config, weights stored
 * losslessly, and optionally an optimizer's config and state to resume training); JSON.stringify
 * it to write it. `load` gives back a model whose predictions are bit-identical. For large models
 * write with {@link documentPieces} (or saveModelFile from `@backprop/model/node`) instead: it
 * streams, where this builds every tensor's text.
 */
export function save(model: Sequential, options: SaveOptions = {}): ModelDocument {
  checkKeys('save', options, ['optimizer', 'run']);
  const body = documentBody(model, options.optimizer?.toJSON() ?? null, encodeFloat64, options.run);
  return { ...body, checksum: `crc32:${canonicalCrc32(body)}` };
}

/** The optimizer's JSON with its state as streamed buffers when it can give them. */
function streamedOptimizer(optimizer: Optimizer) {
  const buffers = optimizer.getStateBuffers?.();
  if (!buffers) return optimizer.toJSON();
  const slots: Record<string, StreamedString[]> = {};
  for (const [name, list] of Object.entries(buffers.slots)) slots[name] = list.map(streamedBase64);
  return {
    name: optimizer.name,
    config: { ...optimizer.config },
    state: { iterations: buffers.iterations, shapes: buffers.shapes, slots },
  };
}

/**
 * The text of the saved document, piece by piece — the same document as `save`, written with its
 * keys in canonical order so that its checksum is computed in the same single pass, and with
 * every tensor's base64 encoded only as it is written. Nothing the size of a tensor's text is ever
 * held, so any model that fits in memory can be saved (V8 strings stop at 512 MB).
 */
export function* documentPieces(
  model: Sequential,
  options: SaveOptions = {},
): Generator<string | Uint8Array> {
  checkKeys('documentPieces', options, ['optimizer', 'run']);
  const body = documentBody(
    model,
    options.optimizer ? streamedOptimizer(options.optimizer) : null,
    streamedBase64,
    options.run,
  );
  const crc = new Crc32();
  let previous: string | Uint8Array | null = null;
  for (const piece of jsonPieces(body, true)) {
    if (previous !== null) {
      crc.update(previous);
      yield previous;
    }
    previous = piece;
  }
  // `previous` is the body's closing brace: the checksum goes in just before it.
  crc.update('}');
  yield `,"checksum":"crc32:${crc.digest()}"}`;
}
