import { InvalidArgumentError, type Matrix } from '@backprop/linalg';

/** Options for {@link clipGradients}; either or both. */
export interface ClipOptions {
  /** Rescale all gradients together so their global L2 norm is at most this. */
  norm?: number | null;
  /** Clamp every gradient entry to [−value, value]. */
  value?: number | null;
}

/**
 * Clips gradients **in place** (no allocation): first each entry to [−value, value], then — if
 * their global norm √(Σ‖gᵢ‖²) exceeds `norm` — all of them by the same factor norm/‖g‖, which keeps
 * the update's direction (Pascanu et al. 2013). Returns the global norm before norm-clipping.
 */
export function clipGradients(grads: readonly Matrix[], options: ClipOptions): number {
  const { norm, value } = options;
  if (value != null) {
    if (!(value > 0))
      throw new InvalidArgumentError('clipValue', `clipGradients: value must be > 0, got ${value}`);
    for (const g of grads) {
      const d = g.data;
      for (let i = 0; i < d.length; i++) d[i] = Math.min(Math.max(d[i]!, -value), value);
    }
  }
  let squares = 0;
  for (const g of grads) for (let i = 0; i < g.data.length; i++) squares += g.data[i]! * g.data[i]!;
  const total = Math.sqrt(squares);
  if (norm != null) {
    if (!(norm > 0))
      throw new InvalidArgumentError('clipNorm', `clipGradients: norm must be > 0, got ${norm}`);
    if (total > norm) {
      const s = norm / total;
      for (const g of grads) for (let i = 0; i < g.data.length; i++) g.data[i]! *= s;
    }
  }
  return total;
}
