import { BackpropError, type Matrix } from '@backprop/linalg';

/**
 * One number of an experiment: ours beside the document's, and the band ours must fall in for the
 * two to agree. `document` is null where the document gives no number (then `documentText` says
 * what it says, e.g. "≈ 0" or "identical units").
 */
export interface Metric {
  name: string;
  ours: number;
  document: number | null;
  /** How the document states it, when that is not a plain number (or to name the source). */
  documentText: string;
  /** Where ours must lie, inclusive (`center` when it is a ± around a value); null: nothing to check. */
  band: Band | null;
  format: 'percent' | 'number';
  /** 'shortened': the run was cut (--epochs), so the band does not apply. */
  verdict: 'inside' | 'outside' | 'no band' | 'shortened';
}

/** An inclusive interval; `center` when it was made as center ± half-width (see around). */
export interface Band {
  low: number;
  high: number;
  center?: number;
}

/** A line of a chart: y over x. */
export interface Series {
  name: string;
  x: number[];
  y: number[];
  /** Drawn as a line (default) or as points. */
  style?: 'line' | 'points';
}

/** A chart the report draws: curves, or 2-D points over a decision grid. */
export type Plot =
  | {
      kind: 'curves';
      id: string;
      title: string;
      xLabel: string;
      yLabel: string;
      logY?: boolean;
      series: Series[];
    }
  | {
      kind: 'boundary';
      id: string;
      title: string;
      /** Grid of predicted classes, rows from y = yMin up; cells of size `step`. */
      grid: {
        xMin: number;
        yMin: number;
        step: number;
        cols: number;
        rows: number;
        classes: Uint8Array;
      };
      points: { x: number; y: number; label: number }[];
    }
  | {
      kind: 'confusion';
      id: string;
      title: string;
      /** Class names, in output order. */
      classes: string[];
      /** counts[true][predicted]. */
      counts: number[][];
    }
  | {
      kind: 'surface';
      id: string;
      title: string;
      xLabel: string;
      yLabel: string;
      /** values[r][c] at (xs[c], ys[r]). */
      xs: number[];
      ys: number[];
      values: number[][];
      path: { x: number; y: number }[];
      minimum: { x: number; y: number; value: number };
    };

/** What a run of an experiment produced. */
export interface ExperimentResult {
  id: string;
  title: string;
  source: string;
  /** The settings it ran with (the document's unless shortened). */
  settings: Record<string, unknown>;
  metrics: Metric[];
  /** One line per known difference between ours and the document, and why. */
  notes: string[];
  plots: Plot[];
  /** True when --epochs (or --seeds) cut the run short of the document's settings. */
  shortened: boolean;
}

/** Data an experiment needs that backprop does not ship (the CLI reads the files). */
export interface CourseData {
  /** ex4data1.mat: X 5000x400, y 5000x1 (labels 1..10, 10 = digit 0). */
  ex4data1?: { X: Matrix; y: Matrix };
  /** ex4weights.mat: Theta1 25x401, Theta2 10x26. */
  ex4weights?: { Theta1: Matrix; Theta2: Matrix };
  /** MNIST's training (60000) and test (10000) sets, pixels / 255, labels 0..9. */
  mnist?: { train: LabelledImages; test: LabelledImages };
  /**
   * Fashion-MNIST, pixels / 255: the Kaggle CSVs (`fashion-mnist_train.csv`, `…_test.csv`) the
   * document reads, or the fashion-mnist package; `source` says which (and which split).
   */
  fashion?: { train: LabelledImages; test: LabelledImages; source: string };
}

/** Images as rows of pixels and their labels 0..9. */
export interface LabelledImages {
  X: Matrix;
  y: Int32Array;
}

export interface RunOptions {
  /** Train for this many epochs instead of the document's (the bands then do not apply). */
  epochs?: number;
  /** Seeds to average over, where the document is unseeded (default 10). */
  seeds?: number;
  /** The document's code exactly as printed, where it differs from its text (--as-written). */
  asWritten?: boolean;
  /** The version the text describes, where the printed code differs (--as-intended). */
  asIntended?: boolean;
  data?: CourseData;
  /** Called as the run goes: `done` of `total` steps (epochs or seeds). */
  onProgress?: (done: number, total: number) => void;
}

/** An experiment of the course material. */
export interface Experiment {
  id: string;
  title: string;
  /** The document and section, e.g. "thesis (001) §4.1". */
  source: string;
  /** Quick ones run with `reproduce --all` (and in the tests at full settings). */
  quick: boolean;
  /** The document's epoch count, when --epochs applies. */
  epochs?: number;
  /** Which switches it takes. */
  switches: ('asWritten' | 'asIntended' | 'seeds')[];
  /** Files it needs that are not shipped: named so the CLI can say how to get them. */
  needs: (keyof CourseData)[];
  run(options: RunOptions): Promise<ExperimentResult>;
}

/** A metric with its verdict decided. */
export function metric(
  name: string,
  ours: number,
  options: {
    document?: number | null;
    documentText?: string;
    band?: Band | null;
    format?: 'percent' | 'number';
    shortened?: boolean;
  } = {},
): Metric {
  const band = options.band ?? null;
  const verdict = !band
    ? 'no band'
    : options.shortened
      ? 'shortened'
      : ours >= band.low && ours <= band.high
        ? 'inside'
        : 'outside';
  return {
    name,
    ours,
    document: options.document ?? null,
    documentText: options.documentText ?? '',
    band,
    format: options.format ?? 'number',
    verdict,
  };
}

/** A band of ± `relative` around `value` (at least ± `absolute`). */
export function around(value: number, relative: number, absolute = 0): Band {
  const half = Math.max(Math.abs(value) * relative, absolute);
  return { low: value - half, high: value + half, center: value };
}

/** True when every metric with a band is inside it (shortened runs count as not verified). */
export const allInside = (r: ExperimentResult): boolean =>
  r.metrics.every((m) => m.verdict === 'inside' || m.verdict === 'no band');

/** Data an experiment needs is missing: the message says where to get it and which flag gives it. */
export class MissingCourseDataError extends BackpropError {
  override readonly kind = 'MissingCourseDataError';
  constructor(
    readonly experiment: string,
    readonly missing: keyof CourseData,
    message: string,
  ) {
    super(message);
  }
}

/** The id, title and source of an experiment, as its result repeats them. */
export const heading = (e: Experiment) => ({ id: e.id, title: e.title, source: e.source });
