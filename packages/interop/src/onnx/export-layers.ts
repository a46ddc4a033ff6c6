import type { Activation } from '@backprop/activations';
import type { ActivationLayer, BatchNormalizationLayer, DenseLayer, Layer } from '@backprop/model';
import { ExportError } from '../errors';
import { attribute, type GraphBuilder } from './builder';
import {
  batchNormalizationFunction,
  eluFunction,
  geluTanhFunction,
  softplusFunction,
} from './functions';

/** The activation's name and options, as its toConfig() gives them. */
function activationConfig(a: Activation): { name: string; config: Record<string, number> } {
  const c = a.toConfig() as { name: string; config?: Record<string, number> };
  return { name: c.name, config: c.config ?? {} };
}

/** Appends g(x) to the graph; returns the output's name. */
export function addActivation(g: GraphBuilder, x: string, a: Activation, layer: number): string {
  const { name, config } = activationConfig(a);
  const f64 = g.dtype === 'float64';
  const at = `l${layer}`;
  switch (name) {
    case 'linear':
      return x;
    case 'relu':
      return g.node('Relu', [x], [], `${at}_relu`);
    case 'sigmoid':
      return g.node('Sigmoid', [x], [], `${at}_sigmoid`);
    case 'tanh':
      return g.node('Tanh', [x], [], `${at}_tanh`);
    case 'softmax':
      return g.node('Softmax', [x], [attribute('axis', -1, true)], `${at}_softmax`);
    case 'leakyRelu':
      // LeakyRelu's alpha attribute is a float32: in float64, PRelu with a float64 slope.
      return f64
        ? g.node(
            'PRelu',
            [x, g.constant(`${at}_leakyRelu_alpha`, [1], [config.alpha!])],
            [],
            `${at}_leakyRelu`,
          )
        : g.node('LeakyRelu', [x], [attribute('alpha', config.alpha!)], `${at}_leakyRelu`);
    case 'elu':
      return f64
        ? g.call(
            eluFunction('float64'),
            [x, g.constant(`${at}_elu_alpha`, [], [config.alpha!])],
            `${at}_elu`,
          )
        : g.node('Elu', [x], [attribute('alpha', config.alpha!)], `${at}_elu`);
    case 'softplus':
      return f64
        ? g.call(softplusFunction('float64'), [x], `${at}_softplus`)
        : g.node('Softplus', [x], [], `${at}_softplus`);
    case 'gelu':
      return g.call(geluTanhFunction(g.dtype), [x], `${at}_gelu`);
    default:
      throw new ExportError(
        `toOnnx: layer ${layer}: activation '${name}' has no ONNX form (built-in activations do)`,
        layer,
      );
  }
}

/** Appends the layer's inference computation to the graph; returns its output's name. */
export function addLayer(g: GraphBuilder, x: string, layer: Layer, i: number): string {
  // By type, not instanceof: the model may come from another copy of @backprop/model (ESM/CJS).
  if (layer.type === 'dense') return addDense(g, x, layer as unknown as DenseLayer, i);
  if (layer.type === 'activation')
    return addActivation(g, x, (layer as unknown as ActivationLayer).activation, i);
  if (layer.type === 'dropout') return x;
  if (layer.type === 'batchNormalization')
    return addBatchNormalization(g, x, layer as unknown as BatchNormalizationLayer, i);
  throw new ExportError(
    `toOnnx: layer ${i}: '${layer.type}' layers have no ONNX form (dense, activation, dropout and batchNormalization do)`,
    i,
  );
}

function addDense(g: GraphBuilder, x: string, layer: DenseLayer, i: number): string {
  const W = g.constant(`l${i}_W`, [layer.inputs, layer.units], layer.W.data);
  const z = layer.useBias
    ? g.node('Gemm', [x, W, g.constant(`l${i}_b`, [layer.units], layer.b.data)], [], `l${i}_dense`)
    : g.node('MatMul', [x, W], [], `l${i}_dense`);
  return addActivation(g, z, layer.activation, i);
}

function addBatchNormalization(
  g: GraphBuilder,
  x: string,
  layer: BatchNormalizationLayer,
  i: number,
): string {
  const n = [layer.units];
  const inputs = [
    x,
    g.constant(`l${i}_gamma`, n, layer.gamma.data),
    g.constant(`l${i}_beta`, n, layer.beta.data),
    g.constant(`l${i}_movingMean`, n, layer.movingMean.data),
    g.constant(`l${i}_movingVariance`, n, layer.movingVariance.data),
  ];
  if (g.dtype === 'float64')
    return g.call(
      batchNormalizationFunction(),
      [...inputs, g.constant(`l${i}_epsilon`, [], [layer.epsilon])],
      `l${i}_batchNormalization`,
    );
  return g.node(
    'BatchNormalization',
    inputs,
    [attribute('epsilon', layer.epsilon)],
    `l${i}_batchNormalization`,
  );
}
