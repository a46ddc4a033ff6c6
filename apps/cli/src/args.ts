import { REDUCTIONS, type Reduction } from '@backprop/losses';
import { InvalidArgumentError } from 'commander';
import { usage } from './errors';

/** Option parsers for commander: a bad value becomes a usage error naming the option. */
export function number(
  label: string,
  check: (v: number) => boolean = Number.isFinite,
  rule = 'a number',
) {
  return (raw: string): number => {
    const v = Number(raw);
    if (raw.trim() === '' || !check(v))
      throw new InvalidArgumentError(`${label} must be ${rule}, got '${raw}'`);
    return v;
  };
}

export const positiveInt = (label: string) =>
  number(label, (v) => Number.isInteger(v) && v >= 1, 'an integer >= 1');
export const nonNegativeInt = (label: string) =>
  number(label, (v) => Number.isInteger(v) && v >= 0, 'an integer >= 0');
export const nonNegative = (label: string) =>
  number(label, (v) => Number.isFinite(v) && v >= 0, 'a number >= 0');
/** A seed: a safe integer 0..2^53−1 (1e20 would lose digits and wrap, so it is refused). */
export const seed = number(
  '--seed',
  (v) => Number.isSafeInteger(v) && v >= 0,
  'an integer from 0 to 9007199254740991',
);
export const fraction = (label: string) => number(label, (v) => v >= 0 && v < 1, 'in [0, 1)');

/** What --scale says: multiply by a factor, or divide by N when written `1/N` (as the documents' `/255`). */
export type InputScale = { multiply: number } | { divide: number };

/**
 * Reads --scale: a number > 0, or `1/N` (e.g. `1/255` for 8-bit pixels) — then the values are
 * divided by N, bit for bit the documents' `X / 255`, not multiplied by a rounded 1/255.
 */
export function parseScale(label: string, raw: string): InputScale {
  const ratio = /^\s*1\s*\/\s*([^/\s]+)\s*$/.exec(raw);
  const v = Number(ratio ? ratio[1] : raw);
  if (raw.trim() === '' || !(Number.isFinite(v) && v > 0))
    throw new InvalidArgumentError(
      `${label} must be a number > 0 or '1/N' (e.g. 1/255), got '${raw}'`,
    );
  return ratio ? { divide: v } : { multiply: v };
}

/** The commander parser of --scale: checks the text and keeps it (run cards record it as given). */
export const scaleText =
  (label: string) =>
  (raw: string): string => {
    parseScale(label, raw);
    return raw.trim();
  };

/** The help line of --scale, one for every command that reads data. */
export const SCALE_HELP =
  'multiply every input value by this (a number or 1/N, e.g. 1/255 for 0..255 pixels); mnist and fashion-mnist are already divided by 255, xor, moons and planar are used as generated';

/** One of the losses' reductions. */
export function reduction(raw: string): Reduction {
  if ((REDUCTIONS as readonly string[]).includes(raw)) return raw as Reduction;
  throw new InvalidArgumentError(
    `--reduction must be one of ${REDUCTIONS.join(', ')}, got '${raw}'`,
  );
}

/** A model's element type: float64 (the default) or float32. */
export function dtype(raw: string): 'float64' | 'float32' {
  if (raw === 'float64' || raw === 'float32') return raw;
  throw new InvalidArgumentError(`--dtype must be float64 or float32, got '${raw}'`);
}

/** `full` or a positive integer. */
export function batchSize(raw: string): 'full' | number {
  if (raw === 'full') return 'full';
  return positiveInt('--batch-size')(raw);
}

/** How a penalty is written: the course's λ/(2m) Σ W² (λ/m Σ |W|), or Keras's λ Σ W² (λ Σ |W|). */
export type PenaltyForm = 'course' | 'keras';

/** --penalty-form: course or keras. */
export function penaltyForm(raw: string): PenaltyForm {
  if (raw === 'course' || raw === 'keras') return raw;
  throw new InvalidArgumentError(
    `--penalty-form must be course (λ/(2m) Σ W², the course's) or keras (λ Σ W², the thesis's and Keras's), got '${raw}'`,
  );
}

/** The flag that chooses the penalty's form, for commands that take --l2/--l1. */
export const PENALTY_FORM_FLAG = [
  '--penalty-form <course|keras>',
  "how --l2/--l1 are written: course (λ/(2m) Σ W², λ/m Σ |W|; the default) or keras (λ Σ W², λ Σ |W|: the thesis's and Keras's)",
  penaltyForm,
] as const;

/** The penalty that --l2 or --l1 names (in the --penalty-form, the course's by default), or null. */
export function penaltyFromFlags(o: {
  l2?: number;
  l1?: number;
  penaltyForm?: PenaltyForm;
}): { name: 'l2' | 'l1'; config: { lambda: number; form?: PenaltyForm } } | null {
  // Two penalties at once is a flag combination the command cannot take: a usage error.
  if (o.l1 !== undefined && o.l2 !== undefined) throw usage('--l1 and --l2: choose one penalty');
  if (o.penaltyForm !== undefined && o.l1 === undefined && o.l2 === undefined)
    throw usage('--penalty-form: give --l2 or --l1 too; alone it changes nothing');
  const form = o.penaltyForm && o.penaltyForm !== 'course' ? { form: o.penaltyForm } : {};
  if (o.l2 !== undefined) return { name: 'l2', config: { lambda: o.l2, ...form } };
  if (o.l1 !== undefined) return { name: 'l1', config: { lambda: o.l1, ...form } };
  return null;
}
