import type { ActivationSpec } from '@backprop/activations';
import { assertMatrix, formatShape, InvalidArgumentError, Matrix } from '@backprop/linalg';
import { dense } from './layers/dense';
import { type Sequential, sequential } from './sequential';

/**
 * A model from the course's Theta matrices: Theta_l is units x (inputs + 1) with the bias in
 * column 0, so W_l = Theta_l[:, 1:]ᵀ and b_l = Theta_l[:, 0]ᵀ. `ex4weights.mat`'s Theta1 (25x401)
 * and Theta2 (10x26) give the course's 400-25-10 network. Every layer uses `activation` (default
 * sigmoid, as in the course) unless `outputActivation` is given for the last.
 */
export function fromThetas(
  thetas: Matrix[],
  options: {
    activation?: ActivationSpec;
    outputActivation?: ActivationSpec;
  } = {},
): Sequential {
  if (!Array.isArray(thetas) || thetas.length === 0)
    throw new InvalidArgumentError('thetas', 'fromThetas: give at least one Theta matrix');
  thetas.forEach((t, l) => {
    assertMatrix('fromThetas', `thetas[${l}]`, t);
    if (t.cols < 2)
      throw new InvalidArgumentError(
        'thetas',
        `fromThetas: thetas[${l}] is ${formatShape(t)}; a Theta needs a bias column and at least one weight column`,
      );
    if (l > 0 && t.cols - 1 !== thetas[l - 1]!.rows) {
      throw new InvalidArgumentError(
        'thetas',
        `fromThetas: thetas[${l}] is ${formatShape(t)} but thetas[${l - 1}] has ${thetas[l - 1]!.rows} units (needs ${thetas[l - 1]!.rows + 1} columns)`,
      );
    }
  });
  const activation = options.activation ?? 'sigmoid';
  const model = sequential(
    thetas[0]!.cols - 1,
    thetas.map((t, l) =>
      dense({
        units: t.rows,
        activation: l === thetas.length - 1 ? (options.outputActivation ?? activation) : activation,
        kernelInitializer: 'zeros',
      }),
    ),
  );
  model.denseLayers.forEach((layer, l) => {
    const t = thetas[l]!;
    for (let u = 0; u < t.rows; u++) {
      layer.b.data[u] = t.data[u * t.cols]!;
      for (let k = 1; k < t.cols; k++) layer.W.data[(k - 1) * t.rows + u] = t.data[u * t.cols + k]!;
    }
  });
  return model;
}

/** The course's Theta matrices of a model's dense layers (bias in column 0). Exact: copies, no arithmetic. */
export function toThetas(model: Sequential): Matrix[] {
  return model.denseLayers.map((layer) => {
    const t = new Matrix(layer.units, layer.inputs + 1);
    for (let u = 0; u < layer.units; u++) {
      t.data[u * t.cols] = layer.b.data[u]!;
      for (let k = 1; k < t.cols; k++)
        t.data[u * t.cols + k] = layer.W.data[(k - 1) * layer.units + u]!;
    }
    return t;
  });
}
