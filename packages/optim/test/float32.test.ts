import { astype, type Matrix, Rng, randn } from '@backprop/linalg';
import { describe, expect, it } from 'vitest';
import { getOptimizer, optimizerNames, type StepOptimizer } from '../src/index';

/** Two float64 parameters and ten float64 gradients, and the same rounded to float32. */
function setup() {
  const rng = new Rng(11);
  const params = [randn(4, 3, rng), randn(1, 3, rng)];
  const gradients = Array.from({ length: 10 }, () => [randn(4, 3, rng), randn(1, 3, rng)]);
  const f32 = (ms: Matrix[]) => ms.map((m) => astype(m, 'float32'));
  return { params, gradients, params32: f32(params), gradients32: gradients.map(f32) };
}

const stepNames = optimizerNames.filter((n) => n !== 'lbfgs');

describe('float32 parameters', () => {
  it.each(stepNames)('%s keeps its slots in float32 and tracks the float64 run', (name) => {
    const { params, gradients, params32, gradients32 } = setup();
    const o64 = getOptimizer({ name, config: { learningRate: 0.01 } }) as StepOptimizer;
    const o32 = getOptimizer({ name, config: { learningRate: 0.01 } }) as StepOptimizer;
    for (let t = 0; t < gradients.length; t++) {
      o64.step(params, gradients[t]!);
      o32.step(params32, gradients32[t]!);
    }
    for (const buffers of Object.values(o32.getStateBuffers!().slots))
      for (const b of buffers) expect(b).toBeInstanceOf(Float32Array);
    // Ten steps of lr 0.01 move a parameter by at most ~0.1 (adagrad/adadelta: more in
    // relative terms); float32 storage rounds each stored value by ≤ 2⁻²⁴ relative, so the two
    // runs stay within 1e-5 absolute on parameters of size ~1.
    for (let i = 0; i < params.length; i++) {
      expect(params32[i]!.dtype).toBe('float32');
      const [a, b] = [params32[i]!.data, params[i]!.data];
      for (let j = 0; j < a.length; j++) expect(Math.abs(a[j]! - b[j]!)).toBeLessThan(1e-5);
    }
  });

  it('resumes from saved state with the same float32 bits as an uninterrupted run', () => {
    const { params32, gradients32 } = setup();
    const resumedParams = params32.map((p) => p.clone());
    const straight = getOptimizer('adam') as StepOptimizer;
    const first = getOptimizer('adam') as StepOptimizer;
    for (let t = 0; t < 5; t++) {
      straight.step(params32, gradients32[t]!);
      first.step(resumedParams, gradients32[t]!);
    }
    const resumed = getOptimizer('adam') as StepOptimizer;
    resumed.setState!(JSON.parse(JSON.stringify(first.getState!())));
    for (let t = 5; t < 10; t++) {
      straight.step(params32, gradients32[t]!);
      resumed.step(resumedParams, gradients32[t]!);
    }
    for (const buffers of Object.values(resumed.getStateBuffers!().slots))
      for (const b of buffers) expect(b).toBeInstanceOf(Float32Array);
    for (let i = 0; i < params32.length; i++)
      expect(Array.from(resumedParams[i]!.data)).toEqual(Array.from(params32[i]!.data));
  });

  it('refuses a float64 gradient for a float32 parameter', () => {
    const { params32, gradients } = setup();
    const o = getOptimizer('sgd') as StepOptimizer;
    expect(() => o.step(params32, gradients[0]!)).toThrow(
      /^sgd\.step: params\[0\] is float32 but grads\[0\] is float64/,
    );
  });
});
