import type { Matrix } from '@backprop/linalg';
import { getLoss, type Loss } from '@backprop/losses';
import {
  type Callback,
  type ClassLabels,
  classCount,
  type DenseSpec,
  type DoctorWarning,
  type DropoutSpec,
  doctor,
  earlyStopping,
  fingerprints,
  fitAsync,
  type History,
  type Sequential,
  sequential,
} from '@backprop/model';
import { getOptimizer, isFullBatchOptimizer, type Optimizer } from '@backprop/optim';
import { type PenaltyForm, penaltyFromFlags } from './args';
import { type Dataset, defaultLayers, loadDataset, requireLabels, targetsFor } from './data-source';
import { failure, fromFlags, usage } from './errors';
import { classesFor, encodeLabels, parseLabelScheme } from './labels';
import { parseLayers } from './layers';
import type { StopSignal } from './stop';

/**
 * What decides a training run: every `train` option that changes the weights it produces (and
 * nothing about where results go or how progress shows). A run card records these; `verify`
 * replays them.
 */
export interface TrainingSettings {
  data: string;
  layers?: string;
  loss?: string;
  optimizer: string;
  lr?: number;
  epochs: number;
  batchSize: 'full' | number;
  l2?: number;
  l1?: number;
  penaltyForm?: PenaltyForm;
  dropout?: number;
  init?: string;
  validationSplit?: number;
  earlyStopping?: number;
  seed: number;
  samples?: number;
  noise?: number;
  x?: string;
  y?: string;
  label?: string;
  labels?: string;
  scale?: string;
  maxParameters?: number;
  doctor: boolean;
}

/** The settings' keys, in the order a run card lists them. */
export const SETTING_KEYS = [
  'data',
  'layers',
  'loss',
  'optimizer',
  'lr',
  'epochs',
  'batchSize',
  'l2',
  'l1',
  'penaltyForm',
  'dropout',
  'init',
  'validationSplit',
  'earlyStopping',
  'seed',
  'samples',
  'noise',
  'x',
  'y',
  'label',
  'labels',
  'scale',
  'maxParameters',
  'doctor',
] as const satisfies readonly (keyof TrainingSettings)[];

/** A run ready to start: the data, the fresh model and every part, resolved from the settings. */
export interface PreparedRun {
  settings: TrainingSettings;
  data: Dataset;
  model: Sequential;
  layers: (DenseSpec | DropoutSpec)[];
  classes: ClassLabels;
  /** Class index of every row. */
  labels: Int32Array;
  Y: Matrix;
  loss: Loss | undefined;
  optimizer: Optimizer;
  penalty: ReturnType<typeof penaltyFromFlags>;
  /** Rows held out for validation (the last ones). */
  held: number;
}

/** The number of outputs the last dense layer of `specs` has. */
const outputsOf = (specs: (DenseSpec | DropoutSpec)[]): number =>
  specs.filter((s): s is DenseSpec => s.type === 'dense').at(-1)?.units ?? 0;

/** The model's layers and classes: what the labels define, checked against --layers. */
function architecture(
  data: Dataset,
  o: TrainingSettings,
): { layers: (DenseSpec | DropoutSpec)[]; classes: ClassLabels } {
  const given =
    o.layers === undefined ? null : parseLayers(o.layers, { dropout: o.dropout, init: o.init });
  const raw = requireLabels(data);
  const classes = classesFor(
    raw,
    parseLabelScheme(o.labels),
    given ? outputsOf(given) : undefined,
    data.classNames,
  );
  const K = classes.values.length;
  const layers =
    given ?? parseLayers(defaultLayers(K, data.name), { dropout: o.dropout, init: o.init });
  const outputs = outputsOf(layers);
  if (classCount(outputs) !== K) {
    throw failure(
      outputs === 1
        ? `${data.name} has ${K} classes but the model has 1 output; end --layers with ${K}:softmax`
        : `${data.name} has ${K} classes (--labels ${o.labels ?? 'index'}) but the model has ${outputs} outputs; end --layers with ${K === 2 ? '1:sigmoid or 2:softmax' : `${K}:softmax`}`,
    );
  }
  return { layers, classes };
}

/** Runs `f`, naming the CLI's flag where a library message names its option. */
function withFlagNames<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof Error)
      e.message = e.message.replace('raise maxParameters', 'raise --max-parameters');
    throw e;
  }
}

function optimizerFrom(o: TrainingSettings): Optimizer {
  return fromFlags('--optimizer', () =>
    getOptimizer(
      o.lr === undefined ? o.optimizer : { name: o.optimizer, config: { learningRate: o.lr } },
    ),
  );
}

/** Usage mistakes that need no data: --lr with a line-search optimizer. */
export function checkSettings(o: TrainingSettings): void {
  if (
    o.lr !== undefined &&
    fromFlags('--optimizer', () => isFullBatchOptimizer(getOptimizer(o.optimizer)))
  )
    throw usage(
      `--lr: ${o.optimizer} finds its step by a line search and takes no learning rate; drop --lr, or choose a step optimizer such as adam or sgd`,
    );
}

/** Loads the data and builds the model and its parts; every mistake is a typed CLI error. */
export async function prepareRun(o: TrainingSettings): Promise<PreparedRun> {
  checkSettings(o);
  const data = await loadDataset(o.data, {
    split: 'train',
    samples: o.samples,
    noise: o.noise,
    seed: o.seed,
    x: o.x,
    y: o.y,
    label: o.label,
    scale: o.scale,
  });
  const { layers, classes } = architecture(data, o);
  const model = fromFlags('--layers', () =>
    withFlagNames(() =>
      sequential(data.X.cols, layers, {
        seed: o.seed,
        classes,
        ...(o.maxParameters ? { maxParameters: o.maxParameters } : {}),
      }),
    ),
  );
  const labels = encodeLabels(requireLabels(data), classes);
  const held = o.validationSplit ? Math.floor(data.X.rows * o.validationSplit) : 0;
  if (o.validationSplit && held === 0)
    throw usage(
      `--validation-split: ${o.validationSplit} of the ${data.X.rows} samples of ${data.name} holds out no row; use at least ${Number((1 / data.X.rows).toPrecision(3))}, or none`,
    );
  return {
    settings: o,
    data,
    model,
    layers,
    classes,
    labels,
    Y: targetsFor(labels, model.outputSize),
    loss: o.loss === undefined ? undefined : fromFlags('--loss', () => getLoss(o.loss!)),
    optimizer: optimizerFrom(o),
    penalty: penaltyFromFlags(o),
    held,
  };
}

export interface TrainingHooks {
  /** Callbacks that only watch (progress display, verification), run after the run's own. */
  watchers?: Callback[];
  /** Each doctor warning as it is found (when the settings run the doctor). */
  onWarning?: (warning: DoctorWarning) => void;
}

/**
 * Trains the prepared model with the run's own callbacks — the fingerprint of every epoch, the
 * doctor, early stopping — then the watchers; `signal` stops it cleanly (Ctrl-C, SIGTERM).
 */
export async function runTraining(
  run: PreparedRun,
  hooks: TrainingHooks,
  signal: StopSignal,
): Promise<History> {
  const o = run.settings;
  const callbacks: Callback[] = [fingerprints()];
  if (o.doctor) callbacks.push(doctor(hooks.onWarning ? { onWarning: hooks.onWarning } : {}));
  if (o.earlyStopping)
    callbacks.push(
      earlyStopping({ monitor: o.validationSplit ? 'valLoss' : 'loss', patience: o.earlyStopping }),
    );
  callbacks.push(...(hooks.watchers ?? []));
  signal.graceful = true;
  try {
    return await fitAsync(run.model, run.data.X, run.Y, {
      ...(run.loss ? { loss: run.loss } : {}),
      optimizer: run.optimizer,
      epochs: o.epochs,
      batchSize: o.batchSize,
      seed: o.seed,
      penalty: run.penalty as never,
      ...(o.validationSplit ? { validationSplit: o.validationSplit } : {}),
      callbacks,
      signal,
    });
  } finally {
    signal.graceful = false;
  }
}
