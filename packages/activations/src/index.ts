/**
 * @backprop/activations — activation functions with their exact derivatives, by name or object.
 * Each file holds one activation: its formula and its derivative side by side.
 *
 * @module @backprop/activations
 */
export { type Activation, isActivation } from './activation';
export { elu } from './elu';
export { gelu } from './gelu';
export { leakyRelu } from './leaky-relu';
export { linear } from './linear';
export {
  type ActivationName,
  type ActivationSpec,
  activationAliases,
  activationNames,
  activations,
  type CustomActivationNames,
  getActivation,
  registerActivation,
} from './registry';
export { relu } from './relu';
export { sigmoid } from './sigmoid';
export { softmax } from './softmax';
export { softplus } from './softplus';
export { tanh } from './tanh';
