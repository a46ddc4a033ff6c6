import { BackpropError } from '@backprop/linalg';

/**
 * An ONNX file that cannot be read or a graph that backprop cannot represent: `node` and `op` name
 * the node (when one is to blame), and the message says why.
 */
export class OnnxError extends BackpropError {
  override readonly kind = 'OnnxError';
  /** The offending node's name (or its position, `node 3`), or null for the file as a whole. */
  readonly node: string | null;
  /** The offending node's op type, or null. */
  readonly op: string | null;

  constructor(message: string, where: { node?: string; op?: string } = {}, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.node = where.node ?? null;
    this.op = where.op ?? null;
  }
}

/** A model that cannot be written in a format: a layer kind or part it has no form for. */
export class ExportError extends BackpropError {
  override readonly kind = 'ExportError';
  /** The layer's index, or null. */
  readonly layer: number | null;

  constructor(message: string, layer: number | null = null) {
    super(message);
    this.layer = layer;
  }
}

/**
 * A TensorFlow.js layers model that cannot be read: `layer` and `className` name the Keras
 * layer (when one is to blame), and the message says why.
 */
export class TfjsFormatError extends BackpropError {
  override readonly kind = 'TfjsFormatError';
  readonly layer: string | null;
  readonly className: string | null;

  constructor(message: string, where: { layer?: string; className?: string } = {}) {
    super(message);
    this.layer = where.layer ?? null;
    this.className = where.className ?? null;
  }
}
