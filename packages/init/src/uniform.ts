import { type Matrix, type Rng, random, readOptions } from '@backprop/linalg';
import { checkFans, type Initializer } from './initializer';

/**
 * Uniform on [−ε, ε): the course's `randInitializeWeights`.
 * - `epsilon: 0.12` (default) — the course's epsilon_init for ex4.
 * - `epsilon: 'fan'` — the course's rule ε = √6 / √(fanIn + fanOut) (for 400 → 25, ε ≈ 0.119),
 *   which is the same distribution as xavierUniform.
 * Variance ε²/3.
 */
export function uniform(config?: { epsilon?: number | 'fan' }): Initializer {
  const { epsilon } = readOptions('uniform', config, {
    epsilon: {
      default: 0.12 as number | 'fan',
      check: (v: unknown) =>
        v === 'fan' || (typeof v === 'number' && Number.isFinite(v) && v >= 0)
          ? null
          : "must be a number >= 0 or 'fan'",
    },
  });
  return {
    name: 'uniform',
    create(fanIn: number, fanOut: number, rng: Rng): Matrix {
      checkFans('uniform', fanIn, fanOut, rng);
      const e = epsilon === 'fan' ? Math.sqrt(6) / Math.sqrt(Math.max(fanIn + fanOut, 1)) : epsilon;
      return random(fanIn, fanOut, rng, -e, e);
    },
    toConfig: () => ({ name: 'uniform', config: { epsilon } }),
  };
}

/** Xavier/Glorot uniform (Glorot & Bengio 2010): U(−√(6/(fanIn + fanOut)), √(6/(fanIn + fanOut))). */
export function xavierUniform(config?: Record<string, unknown>): Initializer {
  readOptions('xavierUniform', config, {});
  return fanUniform('xavierUniform', (fanIn, fanOut) => Math.sqrt(6 / (fanIn + fanOut)));
}

/** He/Kaiming uniform (He et al. 2015), for ReLU layers: U(−√(6/fanIn), √(6/fanIn)). */
export function heUniform(config?: Record<string, unknown>): Initializer {
  readOptions('heUniform', config, {});
  return fanUniform('heUniform', (fanIn) => Math.sqrt(6 / fanIn));
}

function fanUniform(name: string, limit: (fanIn: number, fanOut: number) => number): Initializer {
  return {
    name,
    create(fanIn: number, fanOut: number, rng: Rng): Matrix {
      checkFans(name, fanIn, fanOut, rng);
      const l = fanIn + fanOut === 0 ? 0 : limit(Math.max(fanIn, 1), fanOut);
      return random(fanIn, fanOut, rng, -l, l);
    },
    toConfig: () => ({ name }),
  };
}
