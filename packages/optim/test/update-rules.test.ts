import { Matrix } from '@backprop/linalg';
import { describe, expect, it } from 'vitest';
import { adadelta, adagrad, adam, adamw, rmsprop, type StepOptimizer, sgd } from '../src/index';

/**
 * The first three steps of every update rule on one scalar parameter θ₀ = 1 with the fixed gradient
 * sequence g = 0.5, −0.2, 0.1, against values derived by hand from each paper's formula.
 * (Arithmetic shown; the last digits were evaluated with python3's float64, which is what these
 * formulas give in IEEE double. Tolerance 1e-12.)
 */
const GRADIENTS = [0.5, -0.2, 0.1];

function threeSteps(optimizer: StepOptimizer): number[] {
  const theta = new Matrix(1, 1, Float64Array.of(1));
  const grad = new Matrix(1, 1);
  return GRADIENTS.map((g) => {
    grad.data[0] = g;
    optimizer.step([theta], [grad]);
    return theta.data[0]!;
  });
}

function expectSteps(actual: number[], expected: number[]) {
  for (const [i, e] of expected.entries()) {
    expect(Math.abs(actual[i]! - e), `step ${i + 1}: ${actual[i]} vs ${e}`).toBeLessThan(1e-12);
  }
}

describe('update rules, three steps by hand', () => {
  it('sgd η=0.1: θ ← θ − ηg', () => {
    // 1 − 0.05 = 0.95;  0.95 + 0.02 = 0.97;  0.97 − 0.01 = 0.96
    expectSteps(threeSteps(sgd({ learningRate: 0.1 })), [0.95, 0.97, 0.96]);
  });

  it('momentum μ=0.9, η=0.1: v ← μv − ηg; θ ← θ + v', () => {
    // v₁ = −0.05, θ₁ = 0.95
    // v₂ = 0.9·(−0.05) + 0.02 = −0.025, θ₂ = 0.925
    // v₃ = 0.9·(−0.025) − 0.01 = −0.0325, θ₃ = 0.8925
    expectSteps(threeSteps(sgd({ learningRate: 0.1, momentum: 0.9 })), [0.95, 0.925, 0.8925]);
  });

  it('nesterov μ=0.9, η=0.1: v ← μv − ηg; θ ← θ + μv − ηg', () => {
    // v₁ = −0.05,   θ₁ = 1 + 0.9·(−0.05) − 0.05 = 0.905
    // v₂ = −0.025,  θ₂ = 0.905 + 0.9·(−0.025) + 0.02 = 0.9025
    // v₃ = −0.0325, θ₃ = 0.9025 + 0.9·(−0.0325) − 0.01 = 0.86325
    expectSteps(
      threeSteps(sgd({ learningRate: 0.1, momentum: 0.9, nesterov: true })),
      [0.905, 0.9025, 0.86325],
    );
  });

  it('adagrad η=0.1, ε=1e-8: G ← G + g²; θ ← θ − ηg/(√G + ε)', () => {
    // G₁ = 0.25:  θ₁ = 1 − 0.05/(0.5 + 1e-8)              = 0.900000002
    // G₂ = 0.29:  θ₂ = θ₁ + 0.02/(√0.29 + 1e-8)            = θ₁ + 0.03713906874... = 0.9371390689457552
    // G₃ = 0.30:  θ₃ = θ₂ − 0.01/(√0.30 + 1e-8)            = θ₂ − 0.01825741825... = 0.9188816506955829
    expectSteps(
      threeSteps(adagrad({ learningRate: 0.1 })),
      [0.900000002, 0.9371390689457552, 0.9188816506955829],
    );
  });

  it('rmsprop η=0.01, ρ=0.9, ε=1e-8: E ← ρE + (1−ρ)g²; θ ← θ − ηg/(√E + ε)', () => {
    // E₁ = 0.025:                 θ₁ = 1 − 0.005/(√0.025 + ε)        = 1 − 0.0316227746  = 0.968377225398316
    // E₂ = 0.0225 + 0.004 = 0.0265: θ₂ = θ₁ + 0.002/(√0.0265 + ε)     = θ₁ + 0.0122859016 = 0.9806631269802781
    // E₃ = 0.02385 + 0.001 = 0.02485: θ₃ = θ₂ − 0.001/(√0.02485 + ε) = θ₂ − 0.0063436144 = 0.9743195125857371
    expectSteps(
      threeSteps(rmsprop({ learningRate: 0.01 })),
      [0.968377225398316, 0.9806631269802781, 0.9743195125857371],
    );
  });

  it('rmsprop with momentum μ=0.5: v ← μv + ηg/(√E + ε); θ ← θ − v', () => {
    // v₁ = 0.0316227746,                   θ₁ = 0.968377225398316
    // v₂ = 0.0158113873 − 0.0122859016 = 0.0035254857, θ₂ = 0.9648517396794362
    // v₃ = 0.0017627429 + 0.0063436144 = 0.0081063573, θ₃ = 0.9567453824254551
    expectSteps(
      threeSteps(rmsprop({ learningRate: 0.01, momentum: 0.5 })),
      [0.968377225398316, 0.9648517396794362, 0.9567453824254551],
    );
  });

  it('adadelta ρ=0.95, ε=1e-6, η=1 (Zeiler, Algorithm 1)', () => {
    // E[g²]₁ = 0.0125;  Δ₁ = −√(0 + 1e-6)/√(0.0125 + 1e-6)·0.5 = −0.0044719570...;  E[Δ²]₁ = 0.05·Δ₁² = 1.0e-6
    //   θ₁ = 0.9955280429197062
    // E[g²]₂ = 0.011875 + 0.002 = 0.013875; Δ₂ = +√(E[Δ²]₁ + 1e-6)/√(0.013875 + 1e-6)·0.2 = 0.0024010663...
    //   θ₂ = 0.9979291092764455
    // E[g²]₃ = 0.01318125 + 0.0005 = 0.01368125; Δ₃ = −0.0012789947...;  θ₃ = 0.9966501145804848
    expectSteps(
      threeSteps(adadelta()),
      [0.9955280429197062, 0.9979291092764455, 0.9966501145804848],
    );
  });

  it('adam η=0.01, β₁=0.9, β₂=0.999, ε=1e-8 (Kingma & Ba, Algorithm 1)', () => {
    // t=1: m = 0.05,   v = 0.00025;    m̂ = 0.5,        v̂ = 0.25;        θ₁ = 1 − 0.01·0.5/(0.5 + ε) = 0.9900000002
    // t=2: m = 0.025,  v = 0.00028975; m̂ = 0.025/0.19 = 0.1315789474,  v̂ = 0.00028975/0.001999 = 0.1449474737
    //      θ₂ = θ₁ − 0.01·0.1315789474/(0.3807196787 + ε) = 0.9865439418116511
    // t=3: m = 0.0325, v = 0.00029946025; m̂ = 0.0325/0.271 = 0.1199261993, v̂ = 0.00029946025/0.002997001 = 0.0999200...
    //      θ₃ = θ₂ − 0.01·0.1199261993/(0.3161013 + ε) = 0.9827500240835696
    expectSteps(
      threeSteps(adam({ learningRate: 0.01 })),
      [0.9900000002, 0.9865439418116511, 0.9827500240835696],
    );
  });

  it('adam with ε inside the square root: θ ← θ − η·m̂/√(v̂ + ε)', () => {
    // Same m̂, v̂ as above; denominators √(0.25 + 1e-8), √(0.1449474737 + 1e-8), √(0.0999200... + 1e-8).
    expectSteps(
      threeSteps(adam({ learningRate: 0.01, epsilonInsideSqrt: true })),
      [0.9900000002, 0.9865439418400918, 0.9827500241818358],
    );
  });

  it('adam and adamw with λ = 0 (two separate loops) give bit-identical parameters', () => {
    const run = (optimizer: StepOptimizer) => {
      const p = new Matrix(1, 5, Float64Array.of(0.3, -1.2, 0, 2.5, -0.7));
      for (let t = 1; t <= 20; t++) {
        const g = new Matrix(
          1,
          5,
          Float64Array.from(p.data, (x, i) => Math.sin(3 * x + i + t)),
        );
        optimizer.step([p], [g]);
      }
      return Array.from(p.data);
    };
    const paper = run(adam({ learningRate: 0.05 }));
    const general = run(adamw({ learningRate: 0.05, weightDecay: 0 }));
    expect(general).toEqual(paper);
    expect(paper.every((x, i) => Object.is(x, general[i]))).toBe(true);
    expect(paper).not.toEqual([0.3, -1.2, 0, 2.5, -0.7]);
  });

  it('adamw λ=0.1: θ ← θ − η(m̂/(√v̂ + ε) + λθ), decoupled from the gradient', () => {
    // t=1: θ₁ = 1 − 0.01·(0.5/(0.5 + ε) + 0.1·1)             = 0.9890000002
    // t=2: θ₂ = θ₁ − 0.01·(0.3456058... + 0.1·0.9890000002) = 0.9845549418114511
    // t=3: θ₃ = θ₂ − 0.01·(0.3793917... + 0.1·0.98455494...)  = 0.9797764691415581
    expectSteps(
      threeSteps(adamw({ learningRate: 0.01, weightDecay: 0.1 })),
      [0.9890000002, 0.9845549418114511, 0.9797764691415581],
    );
  });
});
