import { tensor } from './builder';
import { AttributeType, BACKPROP_DOMAIN, type FunctionProto, type NodeProto, OPSET } from './proto';
import type { OnnxDtype } from './tensor-bytes';

/**
 * backprop's model-local functions: float64 forms of ops ONNX Runtime has no double kernel for
 * (Elu, Softplus), batch normalisation with a float64 ε (the standard op's ε attribute is a
 * float32), and the tanh-approximated GELU backprop uses. Each body is standard ONNX ops, so any
 * runtime that inlines functions runs it; `fromOnnx` reads the call back as the layer it was.
 */
function fn(name: string, input: string[], nodes: NodeProto[]): FunctionProto {
  return {
    name,
    domain: BACKPROP_DOMAIN,
    input,
    output: ['Y'],
    opsetImport: [{ domain: '', version: OPSET }],
    node: nodes,
    docString: `backprop ${name} (see @backprop/interop)`,
  };
}

const n = (opType: string, input: string[], output: string, attr: NodeProto['attribute'] = []) => ({
  opType,
  input,
  output: [output],
  attribute: attr,
});

/** A scalar constant node inside a function body. */
function scalar(output: string, value: number, dtype: OnnxDtype): NodeProto {
  return {
    opType: 'Constant',
    output: [output],
    attribute: [
      { name: 'value', type: AttributeType.TENSOR, t: tensor(output, [], [value], dtype) },
    ],
  };
}

/** Elu(X, alpha) = X if X > 0, else alpha·(e^X − 1); alpha is an input so it stays float64. */
export function eluFunction(dtype: OnnxDtype): FunctionProto {
  return fn(
    'Elu',
    ['X', 'alpha'],
    [
      scalar('zero', 0, dtype),
      scalar('one', 1, dtype),
      n('Greater', ['X', 'zero'], 'positive'),
      n('Exp', ['X'], 'e'),
      n('Sub', ['e', 'one'], 'em1'),
      n('Mul', ['alpha', 'em1'], 'negative'),
      n('Where', ['positive', 'X', 'negative'], 'Y'),
    ],
  );
}

/** Softplus(X) = max(X, 0) + log(1 + e^−|X|): never overflows. */
export function softplusFunction(dtype: OnnxDtype): FunctionProto {
  return fn(
    'Softplus',
    ['X'],
    [
      scalar('one', 1, dtype),
      n('Relu', ['X'], 'r'),
      n('Abs', ['X'], 'a'),
      n('Neg', ['a'], 'na'),
      n('Exp', ['na'], 'e'),
      n('Add', ['one', 'e'], 's'),
      n('Log', ['s'], 'l'),
      n('Add', ['r', 'l'], 'Y'),
    ],
  );
}

/** GeluTanh(X) = X·σ(2·√(2/π)·(X + 0.044715·X³)), backprop's gelu (= ½X(1 + tanh u)). */
export function geluTanhFunction(dtype: OnnxDtype): FunctionProto {
  return fn(
    'GeluTanh',
    ['X'],
    [
      scalar('k', 0.044715, dtype),
      scalar('c2', 2 * Math.sqrt(2 / Math.PI), dtype),
      n('Mul', ['X', 'X'], 'x2'),
      n('Mul', ['x2', 'X'], 'x3'),
      n('Mul', ['k', 'x3'], 'kx3'),
      n('Add', ['X', 'kx3'], 'inner'),
      n('Mul', ['c2', 'inner'], 'u2'),
      n('Sigmoid', ['u2'], 's'),
      n('Mul', ['X', 's'], 'Y'),
    ],
  );
}

/** BatchNormalization(X, scale, B, mean, var, epsilon) at inference, with a float64 epsilon. */
export function batchNormalizationFunction(): FunctionProto {
  return fn(
    'BatchNormalization',
    ['X', 'scale', 'B', 'mean', 'var', 'epsilon'],
    [
      n('Add', ['var', 'epsilon'], 've'),
      n('Sqrt', ['ve'], 'sd'),
      n('Sub', ['X', 'mean'], 'centred'),
      n('Div', ['centred', 'sd'], 'normalized'),
      n('Mul', ['normalized', 'scale'], 'scaled'),
      n('Add', ['scaled', 'B'], 'Y'),
    ],
  );
}
