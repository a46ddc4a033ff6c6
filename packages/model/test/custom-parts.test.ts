import {
  type Activation,
  activationNames,
  registerActivation,
  softmax,
} from '@backprop/activations';
import { type Initializer, registerInitializer } from '@backprop/init';
import { Matrix, opt, Rng, randn, random, readOptions } from '@backprop/linalg';
import { type Loss, registerLoss } from '@backprop/losses';
import {
  commonOptions,
  defineOptimizer,
  registerOptimizer,
  type StepOptimizer,
} from '@backprop/optim';
import { describe, expect, it } from 'vitest';
import {
  dense,
  fit,
  gradientCheck,
  load,
  loadOptimizer,
  predict,
  save,
  sequential,
} from '../src/index';

// The type checker learns the new names (declaration merging), so specs naming them compile
// while a typo still would not.
declare module '@backprop/activations' {
  interface CustomActivationNames {
    mySwish: true;
  }
}
declare module '@backprop/init' {
  interface CustomInitializerNames {
    scaledUniform: true;
  }
}
declare module '@backprop/losses' {
  interface CustomLossNames {
    myHuber: true;
  }
}
declare module '@backprop/optim' {
  interface CustomOptimizerNames {
    signSgd: true;
  }
}

/** swish(z) = z·σ(z);  swish′(z) = σ(z) + z·σ(z)(1 − σ(z)). */
const swish: Activation = {
  name: 'mySwish',
  forward(z, out = new Matrix(z.rows, z.cols)) {
    for (let i = 0; i < z.data.length; i++) out.data[i] = z.data[i]! / (1 + Math.exp(-z.data[i]!));
    return out;
  },
  backward(z, _a, g, out = new Matrix(z.rows, z.cols)) {
    for (let i = 0; i < z.data.length; i++) {
      const s = 1 / (1 + Math.exp(-z.data[i]!));
      out.data[i] = g.data[i]! * (s + z.data[i]! * s * (1 - s));
    }
    return out;
  },
  toConfig: () => ({ name: 'mySwish' }),
};

/** U(−s/√fanIn, s/√fanIn), with s a config option. */
function scaledUniform(config?: { scale?: number }): Initializer {
  const { scale } = readOptions('scaledUniform', config, { scale: opt.positive(1) });
  return {
    name: 'scaledUniform',
    create: (fanIn, fanOut, rng: Rng) => {
      const b = scale / Math.sqrt(fanIn);
      return random(fanIn, fanOut, rng, -b, b);
    },
    toConfig: () => ({ name: 'scaledUniform', config: { scale } }),
  };
}

/** Huber loss with δ = 1, mean over all entries. */
const huber: Loss = {
  name: 'myHuber',
  value(pred, target) {
    let sum = 0;
    for (let i = 0; i < pred.data.length; i++) {
      const r = Math.abs(pred.data[i]! - target.data[i]!);
      sum += r <= 1 ? 0.5 * r * r : r - 0.5;
    }
    return sum / pred.data.length;
  },
  gradient(pred, target, out = new Matrix(pred.rows, pred.cols)) {
    for (let i = 0; i < pred.data.length; i++) {
      const r = pred.data[i]! - target.data[i]!;
      out.data[i] = Math.max(-1, Math.min(1, r)) / pred.data.length;
    }
    return out;
  },
  toConfig: () => ({ name: 'myHuber' }),
};

/** Sign SGD with momentum: v ← βv + g,  θ ← θ − lr·sign(v). */
function signSgd(config?: Record<string, unknown>): StepOptimizer {
  const c = readOptions('signSgd', config, {
    ...commonOptions(0.01),
    beta: opt.halfOpen(0.9, 0, 1),
  });
  return defineOptimizer({
    name: 'signSgd',
    config: c,
    slots: ['velocity'],
    update(param, grad, [v], lr) {
      for (let i = 0; i < param.length; i++) {
        v![i] = c.beta * v![i]! + grad[i]!;
        param[i]! -= lr * Math.sign(v![i]!);
      }
    },
  });
}

registerActivation('mySwish', () => swish);
registerInitializer('scaledUniform', scaledUniform);
registerLoss('myHuber', () => huber);
registerOptimizer('signSgd', signSgd);

const X = randn(12, 3, new Rng(1));
const Y = randn(12, 2, new Rng(2));

describe('a part of your own of every kind saves and loads like a built-in', () => {
  it('activation, initializer, loss and optimizer by name: train, save with state, resume exactly', () => {
    const build = () =>
      sequential(
        3,
        [
          dense({
            units: 5,
            activation: 'mySwish',
            kernelInitializer: { name: 'scaledUniform', config: { scale: 2 } },
          }),
          dense({ units: 2 }),
        ],
        { seed: 5 },
      );
    const options = { loss: 'myHuber', batchSize: 'full', shuffle: false } as const;
    const straight = build();
    fit(straight, X, Y, { ...options, optimizer: 'signSgd', epochs: 6 });

    const first = build();
    const optimizer = signSgd();
    fit(first, X, Y, { ...options, optimizer, epochs: 3 });
    const doc = JSON.stringify(save(first, { optimizer }));
    const resumed = load(doc);
    expect(resumed.layers[0]!.toConfig()).toMatchObject({
      activation: { name: 'mySwish' },
      kernelInitializer: { name: 'scaledUniform', config: { scale: 2 } },
    });
    fit(resumed, X, Y, { ...options, optimizer: loadOptimizer(doc)!, epochs: 3 });
    expect(resumed.params().map((p) => Array.from(p.value.data))).toEqual(
      straight.params().map((p) => Array.from(p.value.data)),
    );
    expect(gradientCheck(resumed, X, Y, { loss: 'myHuber' }).maxRelativeError).toBeLessThan(1e-7);
    expect(Array.from(predict(resumed, X).data)).toEqual(Array.from(predict(straight, X).data));
  });

  it('the registries list them, and refuse to let a built-in name be taken', () => {
    expect(activationNames).toContain('mySwish');
    expect(() => registerActivation('softmax', () => ({ ...softmax }))).toThrow(
      /register: 'softmax' is a built-in activation; choose another name/,
    );
    expect(() => registerLoss('myHuber', () => ({ ...huber }))).toThrow(
      /a loss 'myHuber' is already registered/,
    );
    // Registering the same name again with another factory is refused too.
    expect(() => registerActivation('mySwish', () => swish)).toThrow(/already registered/);
  });
});
