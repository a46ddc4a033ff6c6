import { InvalidArgumentError } from './errors';
import { unknownNameMessage } from './registry';

/** Validates one option value; returns an error phrase ("must be > 0") or null when valid. */
export type OptionCheck = (value: unknown) => string | null;

/** One option of a part: its default and its check. */
export interface OptionSpec<T> {
  default: T;
  check: OptionCheck;
}

type Values<S> = { [K in keyof S]: S[K] extends OptionSpec<infer T> ? T : never };

/**
 * Reads a part's options from a user config: fills defaults, rejects unknown keys (listing the
 * valid ones, with a did-you-mean) and invalid values, naming the part and the option:
 * `adam: option 'beta1' must be in [0, 1), got 1`.
 */
export function readOptions<S extends Record<string, OptionSpec<unknown>>>(
  owner: string,
  config: object | undefined,
  spec: S,
): Values<S> {
  const given = (config ?? {}) as Record<string, unknown>;
  if (typeof given !== 'object' || given === null || Array.isArray(given)) {
    throw new InvalidArgumentError(owner, `${owner}: options must be an object`);
  }
  const valid = Object.keys(spec);
  for (const key of Object.keys(given)) {
    if (!Object.hasOwn(spec, key)) {
      throw new InvalidArgumentError(key, `${owner}: ${unknownNameMessage('option', key, valid)}`);
    }
  }
  const out: Record<string, unknown> = {};
  for (const key of valid) {
    const value = given[key] === undefined ? spec[key]!.default : given[key];
    const problem = spec[key]!.check(value);
    if (problem !== null) {
      throw new InvalidArgumentError(
        key,
        `${owner}: option '${key}' ${problem}, got ${show(value)}`,
      );
    }
    out[key] = value;
  }
  return out as Values<S>;
}

function show(value: unknown): string {
  return typeof value === 'string' ? `'${value}'` : String(value);
}

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Common option specs. Bounds are inclusive unless named otherwise. */
export const opt = {
  /** Any finite number. */
  number: (def: number): OptionSpec<number> => ({
    default: def,
    check: (v) => (isNum(v) ? null : 'must be a finite number'),
  }),
  /** A finite number ≥ 0 (momentum 0 and learning rate 0 are legitimate). */
  nonNegative: (def: number): OptionSpec<number> => ({
    default: def,
    check: (v) => (isNum(v) && v >= 0 ? null : 'must be a finite number >= 0'),
  }),
  /** A finite number > 0. */
  positive: (def: number): OptionSpec<number> => ({
    default: def,
    check: (v) => (isNum(v) && v > 0 ? null : 'must be a finite number > 0'),
  }),
  /** A number in [lo, hi). */
  halfOpen: (def: number, lo: number, hi: number): OptionSpec<number> => ({
    default: def,
    check: (v) => (isNum(v) && v >= lo && v < hi ? null : `must be in [${lo}, ${hi})`),
  }),
  /** A number in [lo, hi]. */
  closed: (def: number, lo: number, hi: number): OptionSpec<number> => ({
    default: def,
    check: (v) => (isNum(v) && v >= lo && v <= hi ? null : `must be in [${lo}, ${hi}]`),
  }),
  /** An integer ≥ min. */
  integer: (def: number, min: number): OptionSpec<number> => ({
    default: def,
    check: (v) =>
      Number.isInteger(v) && (v as number) >= min ? null : `must be an integer >= ${min}`,
  }),
  /** A boolean. */
  boolean: (def: boolean): OptionSpec<boolean> => ({
    default: def,
    check: (v) => (typeof v === 'boolean' ? null : 'must be true or false'),
  }),
  /** One of the listed strings. */
  oneOf: <T extends string>(def: T, values: readonly T[]): OptionSpec<T> => ({
    default: def,
    check: (v) =>
      values.includes(v as T) ? null : `must be one of ${values.map((x) => `'${x}'`).join(', ')}`,
  }),
};
