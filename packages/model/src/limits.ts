import { InvalidArgumentError } from '@backprop/linalg';

/**
 * Size limits checked before anything is allocated, so a typo such as `--layers 1000000000:relu`
 * is a clear error in milliseconds rather than gigabytes of memory and a crash.
 */
export const LIMITS = {
  /** Trainable numbers in one model (100 M float64 weights = 800 MB; training needs ~4x that). */
  maxParameters: 100_000_000,
  /** Layers in one model (a saved document with more is refused before any layer is read). */
  maxLayers: 10_000,
} as const;

export interface SizeLimits {
  /** Refuse models with more trainable numbers than this (default {@link LIMITS}.maxParameters). */
  maxParameters?: number;
  /** Refuse models with more layers than this (default {@link LIMITS}.maxLayers). */
  maxLayers?: number;
}

/** A byte count as "800 MB" / "7.5 GB". */
export function formatBytes(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toPrecision(3)} GB`;
  if (bytes >= 1e6) return `${(bytes / 1e6).toPrecision(3)} MB`;
  return `${Math.round(bytes / 1e3)} kB`;
}

function limit(value: number | undefined, fallback: number, name: string): number {
  const v = value ?? fallback;
  if (!(Number.isSafeInteger(v) && v >= 1))
    throw new InvalidArgumentError(name, `${name} must be an integer >= 1, got ${v}`);
  return v;
}

/** The limits to apply: the caller's, else the defaults (validated). */
export function readLimits(options: SizeLimits = {}): Required<SizeLimits> {
  return {
    maxParameters: limit(options.maxParameters, LIMITS.maxParameters, 'maxParameters'),
    maxLayers: limit(options.maxLayers, LIMITS.maxLayers, 'maxLayers'),
  };
}

/** The message for a model over the parameter budget: its count, its memory, and the way out. */
export function tooManyParameters(where: string, count: number, max: number): string {
  return `${where}: the model would have ${count.toLocaleString('en-US')} parameters (${formatBytes(count * 8)} of float64 weights, about ${formatBytes(count * 32)} to train with Adam), more than the limit of ${max.toLocaleString('en-US')}; use fewer or smaller layers, or raise maxParameters`;
}
