import {
  full,
  type Matrix,
  opt,
  type Rng,
  readOptions,
  zeros as zerosMatrix,
} from '@backprop/linalg';
import { checkFans, type Initializer } from './initializer';

/**
 * All zeros. The default for biases. For weights it makes every hidden unit compute the same
 * function forever (the symmetry the course warns about) — use a random initializer there.
 */
export function zeros(config?: Record<string, unknown>): Initializer {
  readOptions('zeros', config, {});
  return {
    name: 'zeros',
    create(fanIn: number, fanOut: number, rng: Rng): Matrix {
      checkFans('zeros', fanIn, fanOut, rng);
      return zerosMatrix(fanIn, fanOut);
    },
    toConfig: () => ({ name: 'zeros' }),
  };
}

/** Every entry equal to `value` (default 0). */
export function constant(config?: { value?: number }): Initializer {
  const { value } = readOptions('constant', config, { value: opt.number(0) });
  return {
    name: 'constant',
    create(fanIn: number, fanOut: number, rng: Rng): Matrix {
      checkFans('constant', fanIn, fanOut, rng);
      return full(fanIn, fanOut, value);
    },
    toConfig: () => ({ name: 'constant', config: { value } }),
  };
}
