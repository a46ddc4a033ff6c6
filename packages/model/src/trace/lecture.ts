import { fromArray, type Matrix } from '@backprop/linalg';
import { sigmoidOutputDelta } from './output-delta';

/** A worked example from the course material, traced in its own terms. */
export interface WorkedExample {
  id: string;
  source: string;
  /** The network the document gives (Θ as it writes them: here without bias columns). */
  thetas: Matrix[];
  output: number[];
  target: number[];
  /** δ at the output, the standard way and as the document computes it. */
  deltas: {
    standard: number[];
    document: number[];
    standardFormula: string;
    documentFormula: string;
  };
  /** What is shown symbolically, and why. */
  notes: string[];
}

/**
 * The lecture notes' 2-2-2 example (seed document 003, §3.4.4): Θ¹ = [[0.1, 0.2], [0.2, 0.1]],
 * Θ² = [[0.2, 0.3], [0.1, 0.1]], sigmoid units, squared error, output [0.5, 0.4] for target
 * [0.7, 0.1]. The notes give no input, and none exists: with sigmoid hidden units a² lies in
 * (0, 1)², so z³₁ = 0.2·a²₁ + 0.3·a²₂ > 0 and a³₁ = σ(z³₁) > 0.5 — the output 0.5 cannot be
 * reached. So the example is traced from its outputs (the output-driven form): δ³ numerically,
 * under both conventions, and δ² symbolically, as the notes leave it.
 */
export function lecture222(): WorkedExample {
  const output = [0.5, 0.4];
  const target = [0.7, 0.1];
  const standard = sigmoidOutputDelta(output, target, 'output');
  const document = sigmoidOutputDelta(output, target, 'target');
  return {
    id: 'lecture-222',
    source: 'lecture notes on MLPs and backpropagation (seed 003), §3.4.4',
    thetas: [
      fromArray([
        [0.1, 0.2],
        [0.2, 0.1],
      ]),
      fromArray([
        [0.2, 0.3],
        [0.1, 0.1],
      ]),
    ],
    output,
    target,
    deltas: {
      standard: standard.delta,
      document: document.delta,
      standardFormula: standard.formula,
      documentFormula: document.formula,
    },
    notes: [
      'The notes evaluate g′ at the target, y(1 − y), where the chain rule gives g′ at the output, a(1 − a): hence −0.042 and 0.027 where the derivative is −0.05 and 0.072.',
      'No input gives the output [0.5, 0.4]: with sigmoid hidden units, z³₁ = 0.2·a²₁ + 0.3·a²₂ > 0, so a³₁ > 0.5. The example is traced from its outputs.',
      'δ² = (Θ²ᵀ·δ³) ⊙ a²(1 − a²) needs a², which the notes do not give; their own formula multiplies δ_1² by Θ²[1, 2] where the transpose, Θ²[2, 1], belongs.',
    ],
  };
}
