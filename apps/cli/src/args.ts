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

/** `full` or a positive integer. */
export function batchSize(raw: string): 'full' | number {
  if (raw === 'full') return 'full';
  return positiveInt('--batch-size')(raw);
}

/** The penalty that --l2 or --l1 names (the course's λ/(2m) form), or null. */
export function penaltyFromFlags(o: {
  l2?: number;
  l1?: number;
}): { name: 'l2' | 'l1'; config: { lambda: number } } | null {
  // Two penalties at once is a flag combination the command cannot take: a usage error.
  if (o.l1 !== undefined && o.l2 !== undefined) throw usage('--l1 and --l2: choose one penalty');
  if (o.l2 !== undefined) return { name: 'l2', config: { lambda: o.l2 } };
  if (o.l1 !== undefined) return { name: 'l1', config: { lambda: o.l1 } };
  return null;
}
