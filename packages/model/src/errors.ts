import { BackpropError } from '@backprop/linalg';

/** A saved-model document that is malformed, truncated, tampered with, or from a newer version. */
export class ModelFormatError extends BackpropError {
  override readonly kind = 'ModelFormatError';
  /** Where in the document, e.g. `layers[1].weights.W.data`. */
  readonly path: string;
  constructor(path: string, problem: string, options?: { cause?: unknown }) {
    super(`model document: ${path ? `${path}: ` : ''}${problem}`, options);
    this.path = path;
  }
}

/** Training produced a non-finite loss; says where the first NaN/Inf appeared. */
export class TrainingDivergedError extends BackpropError {
  override readonly kind = 'TrainingDivergedError';
  constructor(
    readonly epoch: number,
    readonly batch: number,
    readonly layer: number | null,
    message: string,
  ) {
    super(message);
  }
}
