import { astype, fromArray, Rng, random } from '@backprop/linalg';
import { describe, expect, it } from 'vitest';
import { getLoss, lossNames } from '../src/index';

const targets = {
  categoricalCrossEntropy: fromArray([
    [1, 0, 0],
    [0, 0, 1],
    [0, 1, 0],
    [0, 0, 1],
  ]),
};

describe('float32 losses', () => {
  it.each(lossNames)(
    '%s: ∂J/∂Ŷ of a float32 prediction is float32 and close to float64',
    (name) => {
      const loss = getLoss(name);
      const rng = new Rng(31);
      // Predictions inside (0, 1) so that every loss is defined on them; rounded to float32 first
      // so that both runs see the same inputs.
      const pred = astype(astype(random(4, 3, rng, 0.05, 0.95), 'float32'), 'float64');
      const target = name === 'categoricalCrossEntropy' ? targets[name] : random(4, 3, rng, 0, 1);
      const pred32 = astype(pred, 'float32');
      const g = loss.gradient(pred, target);
      const g32 = loss.gradient(pred32, target);
      expect(g32.dtype).toBe('float32');
      // One rounding per stored entry: relative 2⁻²⁴; 1e-6 leaves room.
      for (let i = 0; i < g.data.length; i++)
        expect(Math.abs(g32.data[i]! - g.data[i]!)).toBeLessThanOrEqual(
          1e-6 * Math.abs(g.data[i]!) + 1e-9,
        );
      // The value is a float64 sum over the same float32 entries: equal.
      expect(loss.value(pred32, target)).toBe(loss.value(pred, target));
    },
  );
});
