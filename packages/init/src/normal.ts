import { type Matrix, opt, type Rng, randn, readOptions } from '@backprop/linalg';
import { checkFans, type Initializer } from './initializer';

/** Normal N(mean, std²); default std 0.01 (the slides' "small random numbers"), mean 0. */
export function normal(config?: { mean?: number; std?: number }): Initializer {
  const { mean, std } = readOptions('normal', config, {
    mean: opt.number(0),
    std: opt.nonNegative(0.01),
  });
  return {
    name: 'normal',
    create(fanIn: number, fanOut: number, rng: Rng): Matrix {
      checkFans('normal', fanIn, fanOut, rng);
      return randn(fanIn, fanOut, rng, mean, std);
    },
    toConfig: () => ({ name: 'normal', config: { mean, std } }),
  };
}

/**
 * Xavier/Glorot normal: N(0, σ²) with σ = √(2/(fanIn + fanOut)), as the Fashion-MNIST course
 * material defines it (Glorot & Bengio 2010). Not truncated.
 */
export function xavierNormal(config?: Record<string, unknown>): Initializer {
  readOptions('xavierNormal', config, {});
  return fanNormal('xavierNormal', (fanIn, fanOut) => Math.sqrt(2 / (fanIn + fanOut)));
}

/** He/Kaiming normal (He et al. 2015), for ReLU layers: N(0, σ²) with σ = √(2/fanIn). Not truncated. */
export function heNormal(config?: Record<string, unknown>): Initializer {
  readOptions('heNormal', config, {});
  return fanNormal('heNormal', (fanIn) => Math.sqrt(2 / fanIn));
}

function fanNormal(name: string, std: (fanIn: number, fanOut: number) => number): Initializer {
  return {
    name,
    create(fanIn: number, fanOut: number, rng: Rng): Matrix {
      checkFans(name, fanIn, fanOut, rng);
      const s = fanIn + fanOut === 0 ? 0 : std(Math.max(fanIn, 1), fanOut);
      return randn(fanIn, fanOut, rng, 0, s);
    },
    toConfig: () => ({ name }),
  };
}
