import { readFileSync } from 'node:fs';
import { loadMnist } from '@backprop/data/node';
import { Matrix } from '@backprop/linalg';
import { load, predictClasses } from '@backprop/model';
import { describe, expect, it } from 'vitest';
import { mnistInput } from '../src/digit';

const model = load(readFileSync(new URL('../public/digit-model.json', import.meta.url), 'utf8'));

/** A 28 x 28 image drawn 10x larger, as a person's stroke on the 280 x 280 canvas would be. */
function upscale(pixels: ArrayLike<number>): Float32Array {
  const big = new Float32Array(280 * 280);
  for (let y = 0; y < 280; y++)
    for (let x = 0; x < 280; x++)
      big[y * 280 + x] = pixels[Math.floor(y / 10) * 28 + Math.floor(x / 10)]!;
  return big;
}

describe('draw a digit', () => {
  it('sees nothing in a blank canvas', () => {
    expect(mnistInput(new Float32Array(280 * 280), 280, 280)).toBeNull();
  });

  it('scales a stroke into 20 x 20 and centres it by its mass, as MNIST was made', () => {
    // A short vertical bar in a corner: it ends up 20 pixels tall, in the middle columns.
    const ink = new Float32Array(280 * 280);
    for (let y = 10; y < 70; y++) for (let x = 20; x < 32; x++) ink[y * 280 + x] = 1;
    const x = mnistInput(ink, 280, 280)!;
    const rows = new Set<number>();
    const cols = new Set<number>();
    for (let i = 0; i < 784; i++)
      if (x[i]! > 0.5) {
        rows.add(Math.floor(i / 28));
        cols.add(i % 28);
      }
    expect(rows.size).toBe(20);
    expect(Math.min(...rows)).toBe(4);
    expect([...cols].every((c) => c >= 11 && c <= 16)).toBe(true);
  });

  it('reads real MNIST test digits, drawn 10x larger, as the network reads the originals', async () => {
    const test = await loadMnist({ split: 'test' });
    const n = 300;
    const originals = new Matrix(n, 784, test.X.data.slice(0, n * 784));
    const redrawn = new Matrix(n, 784);
    for (let i = 0; i < n; i++)
      redrawn.data.set(
        mnistInput(upscale(test.X.data.subarray(i * 784, (i + 1) * 784)), 280, 280)!,
        i * 784,
      );
    const truth = test.y.slice(0, n);
    const right = (m: Matrix) =>
      predictClasses(model, m).filter((c, i) => c === truth[i]).length / n;
    // The originals are already boxed and centred, so redrawing them changes little: measured
    // 98.3% on these 300 originals and 96.7% redrawn (a pixel of shift, a little blur) with the
    // demo's model. A broken box, scale or centring drops the redrawn figure far below 90%.
    expect(right(originals)).toBeGreaterThan(0.95);
    expect(right(redrawn)).toBeGreaterThan(0.9);
  });
});
