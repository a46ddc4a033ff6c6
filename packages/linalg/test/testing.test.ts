import { describe, expect, it } from 'vitest';
import { fromArray } from '../src/index';
import { expectClose, numericalGradient, relativeError } from '../src/testing/index';

describe('@backprop/linalg/testing', () => {
  it('expectClose passes within tolerance and fails beyond it, naming the worst entries', () => {
    expectClose(1 + 1e-13, 1);
    expectClose([1, 2, Number.NaN], [1, 2, Number.NaN]);
    expectClose(fromArray([[1, 2]]), [[1, 2.0001]], { atol: 1e-3 });
    expect(() =>
      expectClose(
        fromArray([
          [1, 2],
          [3, 4],
        ]),
        [
          [1, 2],
          [3, 4.5],
        ],
        { atol: 0.1, message: 'case A' },
      ),
    ).toThrow(
      /^case A: 1 of 4 entries differ by more than atol=0.1 \+ rtol=1e-12·\|expected\|; worst:\n {2}\(1, 1\): actual 4, expected 4.5/,
    );
    expect(() => expectClose([1, 2], [1, 2, 3])).toThrow(/shape mismatch/);
    expect(() => expectClose(Number.NaN, 0)).toThrow(/1 of 1 entries/);
  });

  it('relativeError is 0 for equal inputs and scale-free', () => {
    expect(relativeError([1, 2], [1, 2])).toBe(0);
    expect(relativeError([0, 0], [0, 0])).toBe(0);
    expect(relativeError([1e-8, 0], [2e-8, 0])).toBeCloseTo(0.5, 12);
    expect(relativeError(3, 4)).toBeCloseTo(0.25, 12);
  });

  it('numericalGradient of f(x) = Σ sin(xᵢ)·xᵢ² matches the analytic gradient to 1e-9', () => {
    const x = Float64Array.of(0.3, -1.2, 2.5, 0);
    const f = (v: Float64Array) => v.reduce((s, xi) => s + Math.sin(xi) * xi * xi, 0);
    const grad = numericalGradient(f, x);
    const exact = Array.from(x, (xi) => Math.cos(xi) * xi * xi + 2 * xi * Math.sin(xi));
    // Central differences with ε = 1e-5: truncation ε²·|f'''|/6 ≈ 1e-10, rounding ≈ 1e-16/ε ≈ 1e-11.
    expectClose(grad, exact, { atol: 1e-9, rtol: 0 });
    expect(Array.from(x)).toEqual([0.3, -1.2, 2.5, 0]);
  });
});
