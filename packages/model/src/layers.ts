import type { ActivationSpec } from '@backprop/activations';
import type { InitializerSpec } from '@backprop/init';
import { InvalidArgumentError } from '@backprop/linalg';

/** A fully connected layer: Z = A_prev·W + b, A = g(Z); W is nIn x units, b is 1 x units. */
export interface DenseSpec {
  type: 'dense';
  units: number;
  /** Default 'linear'. Any name, `{ name, config }` or Activation object. */
  activation?: ActivationSpec | string;
  /** Default 'xavierUniform' (Glorot & Bengio; Keras's default). The course uses `uniform` (ε = 0.12). */
  kernelInitializer?: InitializerSpec | string;
  /** Default 'zeros'. */
  biasInitializer?: InitializerSpec | string;
  /** Default true. */
  useBias?: boolean;
}

/** Inverted dropout: in training, zeroes each activation with probability `rate` and scales the rest by 1/(1 − rate); at inference it does nothing. */
export interface DropoutSpec {
  type: 'dropout';
  rate: number;
}

export type LayerSpec = DenseSpec | DropoutSpec;

/** A dense layer spec; `dense({ units: 64, activation: 'relu' })`. */
export function dense(options: Omit<DenseSpec, 'type'>): DenseSpec {
  if (!(Number.isInteger(options?.units) && options.units >= 1)) {
    throw new InvalidArgumentError(
      'units',
      `dense: units must be an integer >= 1, got ${options?.units}`,
    );
  }
  return { type: 'dense', ...options };
}

/** A dropout layer spec; `dropout(0.5)`. */
export function dropout(rate: number): DropoutSpec {
  if (!(rate >= 0 && rate < 1))
    throw new InvalidArgumentError('rate', `dropout: rate must be in [0, 1), got ${rate}`);
  return { type: 'dropout', rate };
}
