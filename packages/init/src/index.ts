/**
 * @backprop/init — weight initializers: zeros, constant, the course's epsilon-uniform, small
 * normal, Xavier/Glorot and He, all drawn from an injected seeded Rng.
 *
 * @module @backprop/init
 */

export { constant, zeros } from './constant';
export { type Initializer, isInitializer } from './initializer';
export { heNormal, normal, xavierNormal, xavierNormal as glorotNormal } from './normal';
export {
  type CustomInitializerNames,
  getInitializer,
  type InitializerName,
  type InitializerSpec,
  initializerAliases,
  initializerNames,
  initializers,
  registerInitializer,
} from './registry';
/** glorotUniform and glorotNormal are the same functions as xavierUniform and xavierNormal. */
export { heUniform, uniform, xavierUniform, xavierUniform as glorotUniform } from './uniform';
