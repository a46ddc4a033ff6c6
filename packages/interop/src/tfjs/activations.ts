import type { Activation } from '@backprop/activations';
import { ExportError } from '../errors';
import type { KerasLayer } from './format';

/** backprop's activations that Keras names as a Dense activation string. */
const BY_NAME: Record<string, string> = {
  linear: 'linear',
  relu: 'relu',
  sigmoid: 'sigmoid',
  tanh: 'tanh',
  softmax: 'softmax',
  softplus: 'softplus',
};

/**
 * How an activation is written in Keras: a Dense activation string, or (leaky ReLU, ELU with
 * α ≠ 1) a layer of its own after a linear Dense.
 */
export function kerasActivation(
  a: Activation,
  layer: number,
): { name: string } | { layer: KerasLayer } {
  const c = a.toConfig() as { name: string; config?: Record<string, number> };
  if (c.name in BY_NAME) return { name: BY_NAME[c.name]! };
  if (c.name === 'elu' && c.config?.alpha === 1) return { name: 'elu' };
  if (c.name === 'elu')
    throw new ExportError(
      `toTfjsLayers: layer ${layer}: TensorFlow.js's ELU takes only alpha = 1, this one has ${c.config?.alpha}`,
      layer,
    );
  if (c.name === 'gelu')
    // Keras's 'gelu' is the exact (erf) form; its tanh form 'gelu_new' does not load in TF.js 4.22.
    throw new ExportError(
      `toTfjsLayers: layer ${layer}: backprop's gelu is the tanh approximation, which TensorFlow.js (4.22) cannot load ('gelu_new'); its 'gelu' is the exact erf form`,
      layer,
    );
  if (c.name === 'leakyRelu')
    return { layer: { class_name: 'LeakyReLU', config: { alpha: c.config!.alpha } } };
  throw new ExportError(
    `toTfjsLayers: layer ${layer}: activation '${c.name}' has no TensorFlow.js form (built-in activations do)`,
    layer,
  );
}

/** Keras activation strings → backprop's activation names (null: not one backprop has). */
export function backpropActivation(
  name: string,
): { name: string; config?: Record<string, number> } | null {
  if (name === 'gelu_new') return { name: 'gelu' };
  if (name === 'elu') return { name: 'elu', config: { alpha: 1 } };
  if (name === 'gelu') return null;
  return Object.values(BY_NAME).includes(name) ? { name } : null;
}
