import { Matrix } from '@backprop/linalg';
import * as ort from 'onnxruntime-node';

/** Runs an ONNX file in ONNX Runtime (the real engine) on X; its one output as a Matrix. */
export async function runOnnx(
  bytes: Uint8Array,
  X: Matrix,
  dtype: 'float32' | 'float64',
): Promise<Matrix> {
  const session = await ort.InferenceSession.create(bytes);
  try {
    const data = dtype === 'float64' ? Float64Array.from(X.data) : Float32Array.from(X.data);
    const feeds = { [session.inputNames[0]!]: new ort.Tensor(dtype, data, [X.rows, X.cols]) };
    const out = (await session.run(feeds))[session.outputNames[0]!]!;
    const [rows, cols] = out.dims as number[];
    return new Matrix(rows!, cols!, Float64Array.from(out.data as Float64Array));
  } finally {
    await session.release();
  }
}

/** max |a − b| / max |b|: the relative error of a whole output. */
export function relativeError(a: Matrix, b: Matrix): number {
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < b.data.length; i++) {
    diff = Math.max(diff, Math.abs(a.data[i]! - b.data[i]!));
    scale = Math.max(scale, Math.abs(b.data[i]!));
  }
  return diff / scale;
}
