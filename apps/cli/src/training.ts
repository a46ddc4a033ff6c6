import { astype, type Matrix } from '@backprop/linalg';
import { getLoss, type Loss, type Reduction } from '@backprop/losses';
import {
  type Callback,
  type ClassLabels,
  classCount,
  type DenseSpec,
  type DoctorWarning,
  type DropoutSpec,
  defaultLoss,
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
import {
  BUILT_IN,
  type Dataset,
  defaultLayers,
  defaultRegressionLayers,
  isMatPath,
  loadDataset,
  numericTargets,
  REGRESSION_SETS,
  requireLabels,
  targetsFor,
} from './data-source';
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
  reduction?: Reduction;
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
  target?: string;
  scale?: string;
  maxParameters?: number;
  /** The model's element type (default float64). */
  dtype?: 'float64' | 'float32';
  doctor: boolean;
}

/** The settings' keys, in the order a run card lists them. */
export const SETTING_KEYS = [
  'data',
  'layers',
  'loss',
  'reduction',
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
  'target',
  'scale',
  'maxParameters',
  'dtype',
  'doctor',
] as const satisfies readonly (keyof TrainingSettings)[];

/** A run ready to start: the data, the fresh model and every part, resolved from the settings. */
export interface PreparedRun {
  settings: TrainingSettings;
  data: Dataset;
  model: Sequential;
  layers: (DenseSpec | DropoutSpec)[];
  /** The classes (null for a regression: the target is a number). */
  classes: ClassLabels | null;
  /** Class index of every row (null for a regression, whose targets are Y). */
  labels: Int32Array | null;
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

/** True when the run fits a number (--target, or a built-in regression set), not classes. */
export const isRegression = (o: Pick<TrainingSettings, 'target' | 'data'>): boolean =>
  o.target !== undefined || REGRESSION_SETS.includes(o.data);

/** Usage mistakes of a regression's flags. */
function checkRegressionFlags(o: TrainingSettings): void {
  if (!isRegression(o)) return;
  if (o.labels !== undefined)
    throw usage(
      `--labels: a regression (${o.target === undefined ? o.data : '--target'}) has no classes; drop --labels`,
    );
  if (o.target === undefined) return;
  if (o.label !== undefined)
    throw usage('--target names the column to fit; give it or --label (a class column), not both');
  if (BUILT_IN.includes(o.data as never))
    throw usage(
      `--target: ${o.data} is a built-in set whose target is fixed; --target names a column of a .csv file (or a variable of a .mat file)`,
    );
}

/** A regression's layers: --layers (one output unit: one target) or one that suits the data. */
function regressionLayers(data: Dataset, o: TrainingSettings): (DenseSpec | DropoutSpec)[] {
  const layers = parseLayers(o.layers ?? defaultRegressionLayers(data.name), {
    dropout: o.dropout,
    init: o.init,
  });
  const outputs = outputsOf(layers);
  if (outputs !== 1)
    throw failure(
      `${data.name}: a regression fits one target column but the model has ${outputs} outputs; end --layers with 1:linear`,
    );
  return layers;
}

/** The model's layers and classes: what the labels define, checked against --layers. */
function architecture(
  data: Dataset,
  o: TrainingSettings,
): { layers: (DenseSpec | DropoutSpec)[]; classes: ClassLabels | null } {
  if (isRegression(o)) return { layers: regressionLayers(data, o), classes: null };
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

/**
 * The loss --loss names (default: the one the output activation suits), reduced as --reduction
 * says; undefined when neither is given (training then picks the default itself).
 */
function lossFrom(o: TrainingSettings, model: Sequential): Loss | undefined {
  if (o.loss === undefined && o.reduction === undefined) return undefined;
  const name = o.loss ?? defaultLoss(model).name;
  return fromFlags('--loss', () =>
    getLoss(o.reduction === undefined ? name : { name, config: { reduction: o.reduction } }),
  );
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
  if (
    o.dtype === 'float32' &&
    fromFlags('--optimizer', () => isFullBatchOptimizer(getOptimizer(o.optimizer)))
  )
    throw usage(
      `--dtype float32: ${o.optimizer}'s line search compares objective values that float32 weights cannot resolve; train in float64 (drop --dtype), or choose a step optimizer such as adam`,
    );
}

/** Loads the data and builds the model and its parts; every mistake is a typed CLI error. */
export async function prepareRun(o: TrainingSettings): Promise<PreparedRun> {
  checkSettings(o);
  checkRegressionFlags(o);
  const data = await loadDataset(o.data, {
    split: 'train',
    samples: o.samples,
    noise: o.noise,
    seed: o.seed,
    x: o.x,
    y: isMatPath(o.data) && o.target !== undefined ? o.target : o.y,
    label: o.target ?? o.label,
    scale: o.scale,
  });
  const { layers, classes } = architecture(data, o);
  const model = fromFlags('--layers', () =>
    withFlagNames(() =>
      sequential(data.X.cols, layers, {
        seed: o.seed,
        ...(o.dtype ? { dtype: o.dtype } : {}),
        ...(classes ? { classes } : {}),
        ...(o.maxParameters ? { maxParameters: o.maxParameters } : {}),
      }),
    ),
  );
  const labels = classes ? encodeLabels(requireLabels(data), classes) : null;
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
    Y: labels ? targetsFor(labels, model.outputSize) : numericTargets(requireLabels(data)),
    loss: lossFrom(o, model),
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
    // A float32 model trains on its data rounded once here, not batch by batch.
    const [X, Y] = [astype(run.data.X, run.model.dtype), astype(run.Y, run.model.dtype)];
    return await fitAsync(run.model, X, Y, {
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
