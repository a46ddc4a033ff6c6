import { InvalidArgumentError } from '@backprop/linalg';
import { checkKeys } from '../options';

/** Rejects a misspelt option of a layer spec (`dense({ unit: 3 })`) with a did-you-mean. */
export function checkSpecKeys(owner: string, options: unknown, keys: readonly string[]): void {
  checkKeys(owner, options, keys);
}

/** A layer's unit count: a safe integer ≥ 1 (1e20 is refused, not an "Invalid typed array length"). */
export function positiveUnits(owner: string, units: unknown): number {
  if (!(Number.isSafeInteger(units) && (units as number) >= 1)) {
    throw new InvalidArgumentError(
      'units',
      `${owner}: units must be an integer >= 1, got ${units}`,
    );
  }
  return units as number;
}

/** A rate in [0, 1). */
export function rate(owner: string, value: unknown): number {
  if (!(typeof value === 'number' && value >= 0 && value < 1))
    throw new InvalidArgumentError('rate', `${owner}: rate must be in [0, 1), got ${value}`);
  return value;
}
