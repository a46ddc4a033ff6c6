/**
 * A drawing turned into what an MNIST network expects, as MNIST itself was made: the ink's
 * bounding box scaled (keeping its aspect ratio) to fit 20 x 20, placed in a 28 x 28 field with
 * its centre of mass at the centre, intensities in [0, 1].
 */

/** The 784 inputs (row-major 28 x 28) for an ink image of `width` x `height` in [0, 1], or null when blank. */
export function mnistInput(ink: Float32Array, width: number, height: number): Float64Array | null {
  let [x0, y0, x1, y1] = [width, height, -1, -1];
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++)
      if (ink[y * width + x]! > 0.05) {
        x0 = Math.min(x0, x);
        y0 = Math.min(y0, y);
        x1 = Math.max(x1, x);
        y1 = Math.max(y1, y);
      }
  if (x1 < 0) return null;
  // The box as a square around its centre, so the stroke keeps its aspect ratio.
  const side = Math.max(x1 - x0 + 1, y1 - y0 + 1);
  const cx = (x0 + x1 + 1) / 2;
  const cy = (y0 + y1 + 1) / 2;
  const small = new Float64Array(20 * 20);
  const cell = side / 20;
  for (let r = 0; r < 20; r++)
    for (let c = 0; c < 20; c++) {
      // Area average over the source cell (sampled on a 4 x 4 grid inside it).
      let sum = 0;
      for (let i = 0; i < 4; i++)
        for (let j = 0; j < 4; j++) {
          const sx = Math.floor(cx - side / 2 + (c + (j + 0.5) / 4) * cell);
          const sy = Math.floor(cy - side / 2 + (r + (i + 0.5) / 4) * cell);
          if (sx >= 0 && sy >= 0 && sx < width && sy < height) sum += ink[sy * width + sx]!;
        }
      small[r * 20 + c] = sum / 16;
    }
  // Centre of mass of the 20 x 20 image, then place it so that it falls on (14, 14).
  let mass = 0;
  let mx = 0;
  let my = 0;
  for (let r = 0; r < 20; r++)
    for (let c = 0; c < 20; c++) {
      const v = small[r * 20 + c]!;
      mass += v;
      mx += v * c;
      my += v * r;
    }
  const dx = Math.round(14 - (4 + mx / mass) - 0.5);
  const dy = Math.round(14 - (4 + my / mass) - 0.5);
  const out = new Float64Array(28 * 28);
  for (let r = 0; r < 20; r++)
    for (let c = 0; c < 20; c++) {
      const R = r + 4 + dy;
      const C = c + 4 + dx;
      if (R >= 0 && R < 28 && C >= 0 && C < 28) out[R * 28 + C] = Math.min(1, small[r * 20 + c]!);
    }
  return out;
}
