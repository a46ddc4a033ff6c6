import { Matrix, transpose } from '@backprop/linalg';
import { OnnxError } from '../errors';
import { floatAttribute, intAttribute, stringAttribute } from './attributes';
import type { ActivationConfig, ImportedLayer } from './imported';
import { BACKPROP_DOMAIN, type GraphProto, type ModelProto, type NodeProto } from './proto';
import { type Constant, constantsOf, nodeName } from './read-model';

/** What reading the graph gave: the input width and the layers, in order. */
export interface ReadGraph {
  inputSize: number;
  layers: ImportedLayer[];
  /** The graph's constants by name. */
  constants: Map<string, Constant>;
}

/** The ops fromOnnx reads (for the message naming an unsupported one). */
export const SUPPORTED_OPS =
  'Gemm, MatMul (+ Add), Relu, Sigmoid, Tanh, Softmax, LeakyRelu, PRelu (one slope), Elu, Softplus, Gelu (tanh), BatchNormalization, Identity, Dropout, Flatten, Reshape';

/**
 * Follows the graph from its one input to its one output as a chain of layers: each node must
 * read the previous node's output (Add may read it second). Anything else is a typed error naming
 * the node, its op and why.
 */
export function readGraph(model: ModelProto & { graph: GraphProto }): ReadGraph {
  return new ChainReader(model).read();
}

type Handler = (r: ChainReader, node: NodeProto) => void;

class ChainReader {
  readonly constants: Map<string, Constant>;
  readonly layers: ImportedLayer[] = [];
  current: string;
  width: number | null;
  where = '';
  node: NodeProto = {};
  /** The last dense layer can still take its bias (MatMul then Add) and its activation. */
  open: { bias: boolean; activation: boolean } = { bias: false, activation: false };

  constructor(private readonly model: ModelProto & { graph: GraphProto }) {
    this.constants = constantsOf(model.graph);
    const input = graphInput(model.graph, this.constants);
    this.current = input.name;
    this.width = input.width;
  }

  read(): ReadGraph {
    const nodes = this.model.graph.node ?? [];
    nodes.forEach((node, i) => {
      if (node.opType === 'Constant') return;
      this.node = node;
      this.where = `${nodeName(node, i)} (op ${node.opType})`;
      const handler = handlerFor(node);
      if (!handler) this.fail(`not a layer backprop has; it reads ${SUPPORTED_OPS}`);
      handler!(this, node);
      if ((node.output ?? []).length < 1) this.fail('has no output');
      this.current = node.output![0]!;
    });
    const outputs = (this.model.graph.output ?? []).map((o) => o.name);
    if (outputs.length !== 1)
      throw new OnnxError(
        `fromOnnx: the graph has ${outputs.length} outputs (${outputs.join(', ')}); backprop models have one`,
      );
    if (outputs[0] !== this.current)
      throw new OnnxError(
        `fromOnnx: the graph's output '${outputs[0]}' is not the end of its chain of layers ('${this.current}')`,
      );
    if (this.layers.length === 0)
      throw new OnnxError('fromOnnx: the graph has no layers (only no-op nodes)');
    return { inputSize: this.inputSize(), layers: this.layers, constants: this.constants };
  }

  fail(why: string): never {
    throw new OnnxError(`fromOnnx: ${this.where}: ${why}`, {
      node: this.node.name || this.node.output?.[0] || '',
      op: this.node.opType ?? '',
    });
  }

  /** The node's data input must be the chain's current value. */
  dataInput(position = 0): void {
    const input = this.node.input?.[position];
    if (input !== this.current)
      this.fail(
        `reads '${input}', not the previous layer's output '${this.current}' (backprop reads chains of layers: one input, one output, no branches)`,
      );
  }

  /** A constant input of the node. */
  constant(position: number, what: string): Constant {
    const name = this.node.input?.[position];
    const c = name ? this.constants.get(name) : undefined;
    if (!c)
      this.fail(
        `its ${what} ('${name ?? ''}') is not a constant of the graph; backprop reads fixed weights`,
      );
    return c!;
  }

  pushDense(W: Matrix, b: Float64Array | null): void {
    if (this.width !== null && W.rows !== this.width)
      this.fail(`its weights have ${W.rows} rows but the previous layer has ${this.width} outputs`);
    this.width ??= W.rows;
    this.width = W.cols;
    this.layers.push({ type: 'dense', W, b, activation: { name: 'linear' } });
    this.open = { bias: b === null, activation: true };
  }

  pushActivation(activation: ActivationConfig): void {
    const last = this.layers[this.layers.length - 1];
    if (last?.type === 'dense' && this.open.activation) last.activation = activation;
    else this.layers.push({ type: 'activation', activation });
    this.open = { bias: false, activation: false };
  }

  pushBatchNormalization(layer: Extract<ImportedLayer, { type: 'batchNormalization' }>): void {
    if (this.width !== null && layer.gamma.length !== this.width)
      this.fail(
        `normalises ${layer.gamma.length} units but the previous layer has ${this.width} outputs`,
      );
    this.width ??= layer.gamma.length;
    this.layers.push(layer);
    this.open = { bias: false, activation: false };
  }

  inputSize(): number {
    const first = this.layers.find((l) => l.type === 'dense' || l.type === 'batchNormalization');
    if (!first)
      throw new OnnxError('fromOnnx: the graph has no dense or batch normalisation layer');
    return first.type === 'dense' ? first.W.rows : first.gamma.length;
  }
}

/** The graph's one real input (older exporters list the initializers among the inputs). */
function graphInput(graph: GraphProto, constants: Map<string, Constant>) {
  const inputs = (graph.input ?? []).filter((i) => !constants.has(i.name!));
  if (inputs.length !== 1)
    throw new OnnxError(
      `fromOnnx: the graph has ${inputs.length} inputs (${inputs.map((i) => i.name).join(', ')}); backprop models have one`,
    );
  const dims = inputs[0]!.type?.tensorType?.shape?.dim ?? [];
  if (dims.length > 2) {
    const shape = dims.map((d) => d.dimParam || String(d.dimValue ?? '?')).join(' x ');
    throw new OnnxError(
      `fromOnnx: the input '${inputs[0]!.name}' is ${shape}; backprop reads a batch of vectors (batch x features)`,
    );
  }
  const width =
    dims.length === 2 && Number(dims[1]!.dimValue) > 0 ? Number(dims[1]!.dimValue) : null;
  return { name: inputs[0]!.name!, width };
}

function handlerFor(node: NodeProto): Handler | undefined {
  if (node.domain === BACKPROP_DOMAIN) return BACKPROP_FUNCTIONS[node.opType ?? ''];
  if (node.domain && node.domain !== 'ai.onnx') return undefined;
  return HANDLERS[node.opType ?? ''];
}

const passThrough: Handler = (r, node) => {
  r.dataInput();
  if (node.opType === 'Flatten' && intAttribute(node, 'axis', 1) !== 1)
    r.fail('flattens at an axis other than 1; backprop reads a batch of vectors');
  if (node.opType === 'Reshape') {
    const shape = r.constant(1, 'target shape').values;
    const ok = shape.length === 2 && (r.width === null || shape[1] === r.width || shape[1] === -1);
    if (!ok)
      r.fail(`reshapes to [${Array.from(shape).join(', ')}]; backprop reads a batch of vectors`);
  }
};

const activation =
  (name: string): Handler =>
  (r) => {
    r.dataInput();
    r.pushActivation({ name });
  };

function gemm(r: ChainReader, node: NodeProto): void {
  r.dataInput();
  if (intAttribute(node, 'transA', 0) !== 0) r.fail('transposes its input (transA = 1)');
  const B = r.constant(1, 'weight matrix');
  if (B.dims.length !== 2) r.fail(`its weights are ${B.dims.length}-dimensional, not a matrix`);
  const transB = intAttribute(node, 'transB', 0) === 1;
  let W = new Matrix(B.dims[0]!, B.dims[1]!, B.values);
  if (transB) W = transpose(W);
  const alpha = floatAttribute(node, 'alpha', 1);
  if (alpha !== 1) for (let i = 0; i < W.data.length; i++) W.data[i]! *= alpha;
  const b =
    (node.input ?? []).length > 2 && node.input![2]
      ? biasOf(r, r.constant(2, 'bias'), W.cols)
      : null;
  const beta = floatAttribute(node, 'beta', 1);
  if (b && beta !== 1) for (let i = 0; i < b.length; i++) b[i]! *= beta;
  r.pushDense(W, b);
}

/** A bias of `units` values: shape [units] or [1, units] (broadcast over the batch). */
function biasOf(r: ChainReader, c: Constant, units: number): Float64Array {
  const count = c.dims.reduce((a, b) => a * b, 1);
  const rowVector = c.dims.length <= 1 || (c.dims.length === 2 && c.dims[0] === 1);
  if (count !== units || !rowVector)
    r.fail(`its bias has shape [${c.dims.join(', ')}], not [${units}] (one value per unit)`);
  return Float64Array.from(c.values);
}

function matMul(r: ChainReader): void {
  r.dataInput();
  const B = r.constant(1, 'weight matrix');
  if (B.dims.length !== 2) r.fail(`its weights are ${B.dims.length}-dimensional, not a matrix`);
  r.pushDense(new Matrix(B.dims[0]!, B.dims[1]!, B.values), null);
}

/** Add after MatMul: the dense layer's bias (the chain's value may be either operand). */
function add(r: ChainReader, node: NodeProto): void {
  const last = r.layers[r.layers.length - 1];
  if (!(last?.type === 'dense' && r.open.bias))
    r.fail('adds outside a dense layer (backprop reads Add only as the bias after MatMul)');
  const other = node.input?.[0] === r.current ? 1 : 0;
  r.dataInput(1 - other);
  const dense = last as Extract<ImportedLayer, { type: 'dense' }>;
  dense.b = biasOf(r, r.constant(other, 'bias'), dense.W.cols);
  r.open.bias = false;
}

function softmax(r: ChainReader, node: NodeProto): void {
  r.dataInput();
  const axis = intAttribute(node, 'axis', -1);
  if (axis !== -1 && axis !== 1)
    r.fail(`normalises over axis ${axis}; backprop's softmax is over each row`);
  r.pushActivation({ name: 'softmax' });
}

function leakyRelu(r: ChainReader, node: NodeProto): void {
  r.dataInput();
  r.pushActivation({ name: 'leakyRelu', config: { alpha: floatAttribute(node, 'alpha', 0.01) } });
}

function pRelu(r: ChainReader): void {
  r.dataInput();
  const slope = r.constant(1, 'slope').values;
  if (slope.length === 0 || slope.some((s) => s !== slope[0]))
    r.fail('has a different slope per unit; backprop reads one slope (leakyRelu)');
  r.pushActivation({ name: 'leakyRelu', config: { alpha: slope[0]! } });
}

function elu(r: ChainReader, node: NodeProto): void {
  r.dataInput();
  r.pushActivation({ name: 'elu', config: { alpha: floatAttribute(node, 'alpha', 1) } });
}

function gelu(r: ChainReader, node: NodeProto): void {
  r.dataInput();
  if (stringAttribute(node, 'approximate', 'none') !== 'tanh')
    r.fail(
      "is the exact (erf) GELU; backprop's gelu is the tanh approximation (approximate = 'tanh'), which differs by up to 1e-3",
    );
  r.pushActivation({ name: 'gelu' });
}

function batchNormalization(r: ChainReader, node: NodeProto, epsilon?: number): void {
  r.dataInput();
  if (intAttribute(node, 'training_mode', 0) !== 0) r.fail('is in training mode');
  if ((node.output ?? []).length > 1 && node.output!.slice(1).some(Boolean))
    r.fail('outputs running statistics (a training graph)');
  const [gamma, beta, mean, variance] = [1, 2, 3, 4].map((k, j) => {
    const c = r.constant(k, ['scale', 'bias', 'mean', 'variance'][j]!).values;
    return Float64Array.from(c);
  });
  if (![beta, mean, variance].every((v) => v!.length === gamma!.length))
    r.fail('has statistics of different lengths');
  r.pushBatchNormalization({
    type: 'batchNormalization',
    gamma: gamma!,
    beta: beta!,
    mean: mean!,
    variance: variance!,
    epsilon: epsilon ?? floatAttribute(node, 'epsilon', 1e-5),
  });
}

const HANDLERS: Record<string, Handler> = {
  Gemm: gemm,
  MatMul: matMul,
  Add: add,
  Relu: activation('relu'),
  Sigmoid: activation('sigmoid'),
  Tanh: activation('tanh'),
  Softplus: activation('softplus'),
  Softmax: softmax,
  LeakyRelu: leakyRelu,
  PRelu: pRelu,
  Elu: elu,
  Gelu: gelu,
  BatchNormalization: (r, node) => batchNormalization(r, node),
  Identity: passThrough,
  Dropout: passThrough,
  Flatten: passThrough,
  Reshape: passThrough,
};

/** Calls of the functions toOnnx writes into float64 files (see functions.ts). */
const BACKPROP_FUNCTIONS: Record<string, Handler> = {
  Elu: (r) => {
    r.dataInput();
    r.pushActivation({ name: 'elu', config: { alpha: r.constant(1, 'alpha').values[0]! } });
  },
  Softplus: activation('softplus'),
  GeluTanh: activation('gelu'),
  BatchNormalization: (r, node) => batchNormalization(r, node, r.constant(5, 'epsilon').values[0]),
};
