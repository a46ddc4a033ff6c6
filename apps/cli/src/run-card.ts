import { arch, cpus, platform } from 'node:os';
import {
  canonicalJson,
  type FloatArray,
  littleEndianBytes,
  type Matrix,
  matmulKernel,
  Sha256,
  sliceRows,
} from '@backprop/linalg';
import {
  confusionMatrix,
  type DoctorWarning,
  defaultLoss,
  fingerprint,
  type History,
  predictClasses,
} from '@backprop/model';
import { type PreparedRun, SETTING_KEYS, type TrainingSettings } from './training';
import { VERSION } from './version';

export const CARD_FORMAT = 'backprop.run-card' as const;
export const CARD_VERSION = 1;

/** What the settings resolve to in this version of backprop: the parts, with every default. */
export interface ResolvedRun {
  model: {
    inputSize: number;
    outputSize: number;
    parameters: number;
    layers: { type: string; config: Record<string, unknown> }[];
  };
  loss: string;
  optimizer: { name: string; config?: Record<string, unknown> };
  penalty: { name: string; config: Record<string, unknown> } | null;
  /** Null for a regression. */
  classes: { values: (number | string)[]; names: string[] } | null;
  /** The conventions of the formulas (see `backprop trace --layout/--bias/--reduction`). */
  conventions: { layout: 'rows'; bias: 'separate'; reduction: 'mean'; l2: string };
}

/** Where the run was made: anything that may change the last bits of the weights. */
export interface RunEnvironment {
  backprop: string;
  node: string;
  v8: string;
  platform: string;
  arch: string;
  cpu: string;
  /** The matrix-product kernel (linalg's matmulKernel()). */
  kernel: string;
}

export interface CardEpoch {
  epoch: number;
  loss: number;
  accuracy?: number;
  valLoss?: number;
  valAccuracy?: number;
  learningRate: number;
  seconds: number;
  fingerprint: string;
}

/** A run card: everything needed to know what a training run did and to replay it bit for bit. */
export interface RunCard {
  format: typeof CARD_FORMAT;
  version: number;
  created: string;
  /** The command that replays the run (what `backprop verify` runs). */
  command: string;
  /** The training settings, as a `--config` file takes them. */
  config: Partial<TrainingSettings>;
  resolved: ResolvedRun;
  /** `sha256:` of the canonical JSON of `{ config, resolved }`: an edited card no longer matches. */
  configHash: string;
  data: {
    name: string;
    samples: number;
    validationSamples: number;
    features: number;
    /** dataHash() of the features and class indices the run trained on (before the split). */
    sha256: string;
  };
  environment: RunEnvironment;
  epochs: CardEpoch[];
  stopReason: History['stopReason'];
  restoredEpoch: number | null;
  /** The fingerprint of the final weights (after early stopping restored its best epoch). */
  weights: string;
  /** Null for a regression (no classes). */
  confusion: {
    /** Class names, in output order (rows: true class, columns: predicted). */
    classes: string[];
    training: number[][];
    validation: number[][] | null;
  } | null;
  warnings: DoctorWarning[];
  timings: { loadSeconds: number; trainSeconds: number };
}

/**
 * `sha256:` of the data a run trains on: the UTF-8 line `X:<rows>x<cols>\n`, the features'
 * little-endian float64 bytes, then `labels:<n>\n` and the class indices as little-endian int32
 * — or, for a regression, `targets:<n>\n` and the targets' little-endian float64 bytes.
 */
export function dataHash(X: Matrix, labels: Int32Array | FloatArray): string {
  const hasher = new Sha256().update(`X:${X.rows}x${X.cols}\n`).update(littleEndianBytes(X.data));
  if (!(labels instanceof Int32Array))
    return `sha256:${hasher.update(`targets:${labels.length}\n`).update(littleEndianBytes(labels)).hex()}`;
  const bytes = new Uint8Array(labels.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < labels.length; i++) view.setInt32(i * 4, labels[i]!, true);
  return `sha256:${hasher.update(`labels:${labels.length}\n`).update(bytes).hex()}`;
}

/** dataHash() of what a prepared run trains on: class indices, or a regression's targets. */
export const runDataHash = (run: PreparedRun): string =>
  dataHash(run.data.X, run.labels ?? run.Y.data);

/** `sha256:` of the canonical JSON (keys sorted) of the settings and what they resolved to. */
export const configHash = (config: unknown, resolved: unknown): string =>
  `sha256:${new Sha256().update(canonicalJson({ config, resolved })).hex()}`;

/** The settings that are set, in card order (undefined ones dropped: they take the defaults). */
export function cardConfig(settings: TrainingSettings): Partial<TrainingSettings> {
  const out: Record<string, unknown> = {};
  for (const key of SETTING_KEYS) if (settings[key] !== undefined) out[key] = settings[key];
  return out as Partial<TrainingSettings>;
}

export function resolvedRun(run: PreparedRun): ResolvedRun {
  const { model } = run;
  return {
    model: {
      inputSize: model.inputSize,
      outputSize: model.outputSize,
      parameters: model.parameterCount,
      layers: model.layers.map((l) => ({ type: l.type, config: l.toConfig() })),
    },
    loss: (run.loss ?? defaultLoss(model)).name,
    optimizer: run.optimizer.toConfig(),
    penalty: run.penalty,
    classes: run.classes
      ? { values: [...run.classes.values], names: [...run.classes.names] }
      : null,
    conventions: {
      layout: 'rows',
      bias: 'separate',
      reduction: 'mean',
      l2: 'λ/(2m) Σ W² over weights, not biases',
    },
  };
}

export function currentEnvironment(): RunEnvironment {
  return {
    backprop: VERSION,
    node: process.version,
    v8: process.versions.v8,
    platform: platform(),
    arch: arch(),
    cpu: cpus()[0]?.model ?? 'unknown',
    kernel: matmulKernel(),
  };
}

/** The command line that trains with these settings. */
export function commandLine(config: Partial<TrainingSettings>): string {
  const quote = (v: string) => (/^[\w.,:/@=+-]+$/.test(v) ? v : `'${v.replaceAll("'", "'\\''")}'`);
  const mat = String(config.data ?? '')
    .toLowerCase()
    .endsWith('.mat');
  const shown = Object.entries(config).filter(([key]) => mat || (key !== 'x' && key !== 'y'));
  const flags = shown.flatMap(([key, value]) => {
    const flag = `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
    if (typeof value === 'boolean') return value ? [] : [`--no-${flag.slice(2)}`];
    return [flag, quote(String(value))];
  });
  return ['backprop', 'train', ...flags].join(' ');
}

/** Confusion matrices of the final model on the training rows and the held-out rows. */
function confusion(run: PreparedRun): RunCard['confusion'] {
  const { model, data, labels, held, classes } = run;
  if (!labels || !classes) return null;
  const K = classes.values.length;
  const trainRows = data.X.rows - held;
  const on = (start: number, end: number) =>
    confusionMatrix(
      labels.subarray(start, end),
      predictClasses(model, sliceRows(data.X, start, end)),
      K,
    );
  return {
    classes: [...classes.names],
    training: on(0, trainRows),
    validation: held ? on(trainRows, data.X.rows) : null,
  };
}

/** The card of a finished run. */
export function buildCard(
  run: PreparedRun,
  history: History,
  timings: RunCard['timings'],
): RunCard {
  const config = cardConfig(run.settings);
  const resolved = resolvedRun(run);
  return {
    format: CARD_FORMAT,
    version: CARD_VERSION,
    created: new Date().toISOString(),
    command: commandLine(config),
    config,
    resolved,
    configHash: configHash(config, resolved),
    data: {
      name: run.data.name,
      samples: run.data.X.rows - run.held,
      validationSamples: run.held,
      features: run.data.X.cols,
      sha256: runDataHash(run),
    },
    environment: currentEnvironment(),
    epochs: history.epochs.map((e) => ({
      epoch: e.epoch,
      loss: e.loss,
      ...(e.accuracy !== undefined ? { accuracy: e.accuracy } : {}),
      ...(e.valLoss !== undefined ? { valLoss: e.valLoss } : {}),
      ...(e.valAccuracy !== undefined ? { valAccuracy: e.valAccuracy } : {}),
      learningRate: e.learningRate,
      seconds: e.seconds,
      fingerprint: e.fingerprint!,
    })),
    stopReason: history.stopReason,
    restoredEpoch: history.restoredEpoch ?? null,
    weights: fingerprint(run.model),
    confusion: confusion(run),
    warnings: history.warnings ?? [],
    timings,
  };
}
