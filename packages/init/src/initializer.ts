import { InvalidArgumentError, type Matrix, type Part, type Rng } from '@backprop/linalg';

/**
 * Creates the initial weights of a layer: a fanIn x fanOut matrix (W maps nIn inputs to nOut
 * units, Z = X·W + b), drawn from the injected seeded Rng — never from Math.random.
 */
export interface Initializer extends Part {
  create(fanIn: number, fanOut: number, rng: Rng): Matrix;
}

/** True for any object with the Initializer methods. */
export function isInitializer(value: unknown): value is Initializer {
  const i = value as Initializer;
  return (
    typeof i === 'object' &&
    i !== null &&
    typeof i.name === 'string' &&
    typeof i.create === 'function' &&
    typeof i.toConfig === 'function'
  );
}

/** Checks create()'s arguments (fans are non-negative integers; the rng is an Rng). */
export function checkFans(name: string, fanIn: number, fanOut: number, rng: Rng): void {
  for (const [arg, v] of [
    ['fanIn', fanIn],
    ['fanOut', fanOut],
  ] as const) {
    if (!(Number.isInteger(v) && v >= 0)) {
      throw new InvalidArgumentError(
        arg,
        `${name}.create: ${arg} must be a non-negative integer, got ${v}`,
      );
    }
  }
  if (typeof rng?.next !== 'function') {
    throw new InvalidArgumentError(
      'rng',
      `${name}.create: rng must be an Rng (new Rng(seed) from @backprop/linalg)`,
    );
  }
}
