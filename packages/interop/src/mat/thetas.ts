import { type Sequential, toThetas } from '@backprop/model';
import { ExportError } from '../errors';
import { writeMat } from './write-mat';

/**
 * The course's layout as a MAT-file: Theta1, Theta2, … (one per dense layer, units × (inputs + 1),
 * the bias in column 0), as `ex4weights.mat` holds them — for Octave/MATLAB and the course's own
 * code. Only dense layers have a Theta: a model with batch normalisation or activation layers is
 * refused (dropout, which does nothing at inference, is left out). The activations are not in the
 * layout; the course's code applies the sigmoid.
 */
export function toMat(model: Sequential): Uint8Array {
  model.layers.forEach((layer, i) => {
    if (layer.type !== 'dense' && layer.type !== 'dropout')
      throw new ExportError(
        `toMat: layer ${i} is ${layer.type}; the course's Theta layout holds dense layers only`,
        i,
      );
  });
  const thetas = toThetas(model);
  return writeMat(Object.fromEntries(thetas.map((t, i) => [`Theta${i + 1}`, t])));
}
