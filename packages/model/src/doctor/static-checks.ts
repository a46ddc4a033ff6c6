import type { Matrix } from '@backprop/linalg';
import type { DoctorWarning } from '../history';
import type { DenseLayer } from '../layers/dense';
import type { Sequential } from '../sequential';

/** Inputs far outside ~[−5, 5], or raw 0–255 pixels: a network trains badly on both. */
export function inputWarnings(X: Matrix): DoctorWarning[] {
  let max = 0;
  let integers = true;
  for (let i = 0; i < X.data.length; i++) {
    const v = X.data[i]!;
    const a = Math.abs(v);
    if (a > max) max = a;
    if (integers && (v < 0 || v > 255 || !Number.isInteger(v))) integers = false;
  }
  if (integers && max > 1)
    return [
      {
        code: 'UNSCALED_INPUTS',
        epoch: 0,
        layer: null,
        message: `the inputs look like raw 0–255 pixels (integers up to ${max})`,
        fix: 'divide them by 255 so they lie in [0, 1]',
      },
    ];
  if (max > 5)
    return [
      {
        code: 'UNSCALED_INPUTS',
        epoch: 0,
        layer: null,
        message: `the inputs reach ${max.toPrecision(3)}, far outside ~[−5, 5]`,
        fix: 'standardize them (fitStandardize from @backprop/data) or scale them',
      },
    ];
  return [];
}

/** Identical units in a hidden dense layer (all-zero or all-equal weights): they never differ. */
export function symmetryWarnings(model: Sequential, epoch: number): DoctorWarning[] {
  const out: DoctorWarning[] = [];
  model.layers.forEach((l, i) => {
    if (l.type !== 'dense' || i === model.layers.length - 1 || l.units < 2) return;
    const { W, b } = l as DenseLayer;
    const n = W.cols;
    for (let k = 0; k < W.rows; k++)
      for (let j = 1; j < n; j++) if (W.data[k * n + j] !== W.data[k * n]) return;
    for (let j = 1; j < n; j++) if (b.data[j] !== b.data[0]) return;
    out.push({
      code: 'SYMMETRIC_UNITS',
      epoch,
      layer: i,
      message: `layer ${i} (${l.describe()}): all ${l.units} units have identical weights, so they compute the same thing and get the same gradient forever`,
      fix: 'initialise randomly (e.g. uniform ε = 0.12, Xavier or He), never with zeros',
    });
  });
  return out;
}
