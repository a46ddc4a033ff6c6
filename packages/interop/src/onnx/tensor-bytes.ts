/** The element types backprop reads and writes. */
export type OnnxDtype = 'float32' | 'float64';

const WIDTH: Record<OnnxDtype, number> = { float32: 4, float64: 8 };

/** `values` as little-endian float32 or float64 bytes (ONNX's raw_data), on any host. */
export function encodeValues(values: ArrayLike<number>, dtype: OnnxDtype): Uint8Array {
  const bytes = new Uint8Array(values.length * WIDTH[dtype]);
  const view = new DataView(bytes.buffer);
  if (dtype === 'float64')
    for (let i = 0; i < values.length; i++) view.setFloat64(i * 8, values[i]!, true);
  else for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i]!, true);
  return bytes;
}

/** Little-endian raw bytes back to numbers; null when the byte count is not `count` elements. */
export function decodeValues(
  bytes: Uint8Array,
  dtype: OnnxDtype,
  count: number,
): Float64Array | null {
  if (bytes.length !== count * WIDTH[dtype]) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Float64Array(count);
  if (dtype === 'float64') for (let i = 0; i < count; i++) out[i] = view.getFloat64(i * 8, true);
  else for (let i = 0; i < count; i++) out[i] = view.getFloat32(i * 4, true);
  return out;
}
