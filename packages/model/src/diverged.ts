import { TrainingDivergedError } from './errors';
import type { Sequential } from './sequential';
import type { Workspace } from './workspace';

const hasNonFinite = (data: Float64Array) => {
  for (let i = 0; i < data.length; i++) if (!Number.isFinite(data[i]!)) return true;
  return false;
};

/** The error for a non-finite loss, naming the first layer whose weights or values are not finite. */
export function divergedError(
  model: Sequential,
  ws: Workspace,
  epoch: number,
  batch: number,
  value: number,
): TrainingDivergedError {
  const advice = 'lower the learning rate, scale the inputs, or clip gradients (clipNorm)';
  const where = `epoch ${epoch}, batch ${batch + 1}: ${Number.isNaN(value) ? 'the output is not finite' : `the loss is ${value}`}`;
  if (ws.input && hasNonFinite(ws.input.data)) {
    return new TrainingDivergedError(
      epoch,
      batch,
      null,
      `fit: ${where}; the input batch itself holds NaN or Infinity — clean the data`,
    );
  }
  for (let i = 0; i < model.layers.length; i++) {
    const layer = model.layers[i]!;
    const buf = ws.layers[i]!;
    const name =
      layer.type === 'dense'
        ? `dense ${layer.inputs}→${layer.units} ${layer.activation.name}`
        : `dropout ${layer.rate}`;
    const part =
      layer.type === 'dense' && (hasNonFinite(layer.W.data) || hasNonFinite(layer.b.data))
        ? 'weights'
        : buf.Z && hasNonFinite(buf.Z.data)
          ? 'pre-activations Z'
          : hasNonFinite(buf.A.data)
            ? 'activations A'
            : null;
    if (part)
      return new TrainingDivergedError(
        epoch,
        batch,
        i,
        `fit: ${where}; the first NaN/Infinity is in layer ${i} (${name}) ${part} — ${advice}`,
      );
  }
  return new TrainingDivergedError(
    epoch,
    batch,
    null,
    `fit: ${where} although every layer's values are finite (the loss or penalty overflowed) — ${advice}`,
  );
}
