import { drawDot } from './dots';
import { GRID } from './session';

/** Class colours (light for the surface, strong for the points): orange and blue first. */
const STRONG: [number, number, number][] = [
  [230, 126, 34],
  [41, 128, 185],
  [39, 174, 96],
  [142, 68, 173],
];

export interface SurfaceView {
  surface: Float32Array;
  surfaceClasses: Uint8Array;
  binary: boolean;
  extent: [number, number];
  train: number[];
  trainLabels: number[];
  test: number[];
  testLabels: number[];
}

/** The decision surface (tinted by class, paler where the model is unsure) with the points on it. */
export function drawSurface(canvas: HTMLCanvasElement, v: SurfaceView): void {
  const ctx = canvas.getContext('2d')!;
  const image = ctx.createImageData(GRID, GRID);
  for (let i = 0; i < GRID * GRID; i++) {
    const k = v.surfaceClasses[i]!;
    // Binary: P(class 1) → confidence |2p − 1|; several classes: the winner's probability.
    const confidence = v.binary ? Math.abs(2 * v.surface[i]! - 1) : v.surface[i]!;
    const [r, g, b] = STRONG[k % STRONG.length]!;
    const t = 0.15 + 0.45 * confidence;
    image.data[4 * i] = Math.round(255 + (r - 255) * t);
    image.data[4 * i + 1] = Math.round(255 + (g - 255) * t);
    image.data[4 * i + 2] = Math.round(255 + (b - 255) * t);
    image.data[4 * i + 3] = 255;
  }
  const small = document.createElement('canvas');
  small.width = GRID;
  small.height = GRID;
  small.getContext('2d')!.putImageData(image, 0, 0);
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(small, 0, 0, canvas.width, canvas.height);
  const [lo, hi] = v.extent;
  const px = (x: number) => ((x - lo) / (hi - lo)) * canvas.width;
  const py = (y: number) => ((hi - y) / (hi - lo)) * canvas.height;
  const dots = (xy: number[], labels: number[], hollow: boolean) => {
    for (let i = 0; i < labels.length; i++) {
      const colour = STRONG[labels[i]! % STRONG.length]!;
      drawDot(ctx, px(xy[2 * i]!), py(xy[2 * i + 1]!), colour, hollow, hollow ? 4 : 4.5);
    }
  };
  dots(v.train, v.trainLabels, false);
  dots(v.test, v.testLabels, true);
}
