import { astype, InvalidArgumentError, Rng, random } from '@backprop/linalg';
import { describe, expect, it } from 'vitest';
import { activationNames, getActivation } from '../src/index';

/**
 * A float32 pass computes each entry in float64 from float32 inputs and rounds it once when it is
 * stored, so it stays within a few float32 ulps (relative 2⁻²⁴ ≈ 6e-8 each) of the float64 pass
 * on the same (rounded) inputs; 1e-6 relative + 1e-7 absolute leaves room for softmax's sums.
 */
function close(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  for (let i = 0; i < a.length; i++)
    if (!(Math.abs(a[i]! - b[i]!) <= 1e-7 + 1e-6 * Math.abs(b[i]!))) return false;
  return true;
}

describe('float32 activations', () => {
  it.each(activationNames)('%s keeps float32 forward and backward, close to float64', (name) => {
    const g = getActivation(name);
    const rng = new Rng(21);
    const z = astype(astype(random(6, 5, rng, -4, 4), 'float32'), 'float64');
    const dA = astype(astype(random(6, 5, rng, -1, 1), 'float32'), 'float64');
    const [z32, dA32] = [astype(z, 'float32'), astype(dA, 'float32')];
    const a = g.forward(z);
    const a32 = g.forward(z32);
    expect(a32.dtype).toBe('float32');
    expect(close(a32.data, a.data)).toBe(true);
    const d = g.backward(z, a, dA);
    const d32 = g.backward(z32, a32, dA32);
    expect(d32.dtype).toBe('float32');
    expect(close(d32.data, d.data)).toBe(true);
  });

  it('refuses a backward pass over mixed dtypes', () => {
    const g = getActivation('relu');
    const z = random(2, 2, new Rng(1));
    expect(() => g.backward(z, g.forward(z), astype(z, 'float32'))).toThrow(InvalidArgumentError);
    expect(() => g.backward(z, g.forward(z), astype(z, 'float32'))).toThrow(
      /^relu\.backward: z is float64 but gradA is float32/,
    );
  });
});
