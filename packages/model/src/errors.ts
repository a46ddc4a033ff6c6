import { BackpropError } from '@backprop/linalg';

/** A saved-model document that is malformed, truncated, tampered with, or from a newer version. */
export class ModelFormatError extends BackpropError {
  override readonly kind = 'ModelFormatError';
  /** Where in the document, e.g. `layers[1].W.float64`. */
  readonly path: string;
  /** What is wrong there. */
  readonly problem: string;
  /** The file the document came from, when known. */
  readonly file: string | undefined;
  constructor(path: string, problem: string, options?: { cause?: unknown; file?: string }) {
    super(`${options?.file ?? 'model document'}: ${path ? `${path}: ` : ''}${problem}`, options);
    this.path = path;
    this.problem = problem;
    this.file = options?.file;
  }
}

/** A prediction that is not a finite number (the input row holds NaN/Infinity, or the model overflows). */
export class NonFiniteError extends BackpropError {
  override readonly kind = 'NonFiniteError';
  constructor(
    /** The 0-based row of the input whose output is not finite. */
    readonly row: number,
    message: string,
  ) {
    super(message);
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
