import { afterAll, describe, expect, it } from 'vitest';
import { backprop, tempDir } from './helpers';

const { dir, cleanup } = tempDir();
afterAll(cleanup);
const run = (...args: string[]) => backprop(args, dir);

describe('backprop trace', () => {
  it("the lecture notes' 2-2-2 example: both conventions' δ³, and why they differ", async () => {
    const r = await run('trace', '--example', 'lecture-222');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(
      /δ³ standard \(g′ at the output\) +δ = \(a − y\)·a\(1 − a\) += \[-0\.05, 0\.072\]/,
    );
    expect(r.stdout).toMatch(
      /δ³ as the notes write it +δ = \(a − y\)·y\(1 − y\) += \[-0\.042, 0\.027\]/,
    );
    expect(r.stdout).toContain('The notes evaluate g′ at the target');
    const j = JSON.parse((await run('trace', '--example', 'lecture-222', '--json')).stdout);
    expect(j.deltas.document[0]).toBeCloseTo(-0.042, 15);
  });

  it('a fresh network: every layer forward and backward with its formula, and the Adam step', async () => {
    const r = await run('trace', '--layers', '3:tanh,2:softmax', '--inputs', '2', '--samples', '2');
    expect(r.code, r.stderr).toBe(0);
    for (const line of [
      'Z₁ = A₀·W₁ + b₁',
      'δ₂ = (A₂ − Y)/m',
      'δ₁ = ∂J/∂A₁ ⊙ tanh′(Z₁)',
      '∂J/∂W₁ = A₀ᵀ·δ₁',
      'Δ = −η·m̂/(√v̂ + ε), η = 0.001',
    ])
      expect(r.stdout).toContain(line);
    const md = await run(
      'trace',
      '--layers',
      '3:tanh,2:softmax',
      '--inputs',
      '2',
      '--format',
      'markdown',
      '--optimizer',
      'none',
    );
    expect(md.stdout).toContain('| `Z₁ = A₀·W₁ + b₁` | 4x3 |');
    expect(md.stdout).not.toContain('adam step');
  });

  it('conventions: examples as columns, the bias column Θ, a summed loss', async () => {
    const j = JSON.parse(
      (
        await run(
          'trace',
          '--layers',
          '2:sigmoid',
          '--inputs',
          '3',
          '--samples',
          '5',
          '--layout',
          'columns',
          '--bias',
          'column',
          '--reduction',
          'sum',
          '--json',
          '--optimizer',
          'none',
        )
      ).stdout,
    );
    const forward = j.layers[0].forward.map((e: { formula: string; shape?: number[] }) => [
      e.formula,
      e.shape,
    ]);
    expect(forward[1]).toEqual(['Θ = [b | Wᵀ] (bias in column 0) of dense 3→2 sigmoid', [2, 4]]);
    expect(forward[2]).toEqual(['Z₁ = W₁ᵀ·A₀ + b₁', [2, 5]]);
    expect(j.layers[0].backward[0].formula).toBe('δ₁ = (A₁ − Y)');
  });

  it("conventions: g′ from the output, and the thesis's λ Σ W² penalty (--penalty-form keras)", async () => {
    const r = await run(
      'trace',
      '--layers',
      '3:sigmoid,1:sigmoid',
      '--inputs',
      '2',
      '--derivative',
      'a',
      '--l2',
      '1',
      '--penalty-form',
      'keras',
      '--optimizer',
      'none',
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('δ₁ = ∂J/∂A₁ ⊙ A₁(1 − A₁)');
    expect(r.stdout).toContain('λ Σ W²');
    expect(r.stdout).toContain('2λ·W');
    const bad = await run('trace', '--layers', '1:sigmoid', '--penalty-form', 'keras');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--penalty-form: give --l2 or --l1 too');
    const wrong = await run('trace', '--layers', '1:sigmoid', '--l2', '1', '--penalty-form', 'x');
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/--penalty-form must be course .* or keras/);
  });

  it('large tensors are summarised unless --full, and bad flags are usage errors', async () => {
    const r = await run(
      'trace',
      '--layers',
      '20:relu,3:softmax',
      '--inputs',
      '10',
      '--samples',
      '4',
      '--optimizer',
      'none',
    );
    expect(r.stdout).toMatch(
      /Z₁ = A₀·W₁ \+ b₁ +4x20 +min -?[\d.e-]+ +max [\d.e-]+ +mean -?[\d.e-]+ +‖·‖ [\d.e-]+ +first /,
    );
    const full = await run(
      'trace',
      '--layers',
      '20:relu,3:softmax',
      '--inputs',
      '10',
      '--samples',
      '4',
      '--optimizer',
      'none',
      '--full',
    );
    expect(full.stdout).not.toContain('first ');
    const bad = await run('trace', '--example', 'lecture-333');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(
      "backprop: --example: unknown example 'lecture-333'; examples: lecture-222\n",
    );
  });
});
