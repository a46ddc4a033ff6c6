import { InvalidArgumentError } from '@backprop/linalg';

/**
 * The output δ of a sigmoid layer under squared error, J = ½ Σ (a − y)², from its outputs alone —
 * the "output-driven" form of a worked example that gives outputs and targets but no input:
 *   standard (`derivative: 'output'`):  δ = (a − y)·g′(z) with g′ = a(1 − a), the derivative at
 *                                        the output (the chain rule);
 *   the lecture notes (`'target'`):      δ = (a − y)·y(1 − y), g′ evaluated at the target — the
 *                                        notes' slip, reproduced to match their printed numbers.
 */
export function sigmoidOutputDelta(
  output: readonly number[],
  target: readonly number[],
  derivative: 'output' | 'target' = 'output',
): { delta: number[]; formula: string } {
  if (output.length !== target.length)
    throw new InvalidArgumentError(
      'target',
      `sigmoidOutputDelta: ${output.length} outputs but ${target.length} targets`,
    );
  if (derivative !== 'output' && derivative !== 'target')
    throw new InvalidArgumentError(
      'derivative',
      `sigmoidOutputDelta: derivative must be 'output' or 'target', got ${derivative}`,
    );
  const at = derivative === 'output' ? output : target;
  return {
    delta: output.map((a, i) => (a - target[i]!) * at[i]! * (1 - at[i]!)),
    formula:
      derivative === 'output'
        ? 'δ = (a − y)·a(1 − a)'
        : 'δ = (a − y)·y(1 − y)  (g′ at the target, as the notes write it)',
  };
}
