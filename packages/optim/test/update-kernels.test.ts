import { type FloatArray, Rng } from '@backprop/linalg';
import { describe, expect, it } from 'vitest';
import { adadeltaLoop, adadeltaUpdate } from '../src/adadelta';
import { adagradLoop, adagradUpdate } from '../src/adagrad';
import { adamLoop, adamUpdate } from '../src/adam';
import type { UpdateRule } from '../src/optimizer';
import { rmspropLoop, rmspropMomentumLoop, rmspropUpdate } from '../src/rmsprop';
import { momentumLoop, nesterovLoop, plainLoop, sgdUpdate } from '../src/sgd';

/** n values: mostly uniform in [−1, 1) scaled by 10^[−4, 2), with zeros, −0 and a few extremes. */
function values(n: number, rng: Rng, make: (n: number) => FloatArray): FloatArray {
  const x = make(n);
  for (let i = 0; i < n; i++) x[i] = rng.uniform(-1, 1) * 10 ** rng.uniform(-4, 2);
  const specials = [0, -0, 1e-30, -1e30, 5e-324, 3e38];
  for (let k = 0; k < specials.length && k < n; k++) x[(k * 7) % n] = specials[k]!;
  return x;
}

/** The first index whose bits differ (−0 against +0 included), or −1. */
function firstDifference(a: FloatArray, b: FloatArray): number {
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return i;
  return a.length === b.length ? -1 : a.length;
}

/** Each rule in WebAssembly (its optimizer's update) beside its JavaScript loop, and its slots. */
const rules: { name: string; kernel: UpdateRule; loop: UpdateRule; slots: number }[] = [
  {
    name: 'adam',
    kernel: adamUpdate(0.9, 0.999, 1e-8, false),
    loop: adamLoop(0.9, 0.999, 1e-8, false),
    slots: 2,
  },
  {
    name: 'adam, ε inside the root',
    kernel: adamUpdate(0.9, 0.999, 1e-8, true),
    loop: adamLoop(0.9, 0.999, 1e-8, true),
    slots: 2,
  },
  {
    name: 'adamw',
    kernel: adamUpdate(0.9, 0.999, 1e-8, false, 0.01),
    loop: adamLoop(0.9, 0.999, 1e-8, false, 0.01),
    slots: 2,
  },
  { name: 'rmsprop', kernel: rmspropUpdate(0.9, 1e-8), loop: rmspropLoop(0.9, 1e-8), slots: 1 },
  {
    name: 'rmsprop with momentum',
    kernel: rmspropUpdate(0.9, 1e-8, 0.5),
    loop: rmspropMomentumLoop(0.9, 1e-8, 0.5),
    slots: 2,
  },
  { name: 'adagrad', kernel: adagradUpdate(1e-8), loop: adagradLoop(1e-8), slots: 1 },
  {
    name: 'adadelta',
    kernel: adadeltaUpdate(0.95, 1e-6),
    loop: adadeltaLoop(0.95, 1e-6),
    slots: 2,
  },
  { name: 'sgd', kernel: sgdUpdate(0, false), loop: plainLoop, slots: 0 },
  { name: 'sgd with momentum', kernel: sgdUpdate(0.9, false), loop: momentumLoop(0.9), slots: 1 },
  { name: 'sgd, nesterov', kernel: sgdUpdate(0.9, true), loop: nesterovLoop(0.9), slots: 1 },
];

describe("the update rules' WebAssembly kernels", () => {
  for (const make of [(n: number) => new Float64Array(n), (n: number) => new Float32Array(n)])
    for (const rule of rules)
      it(`give the JavaScript loop's bits: ${rule.name}, ${make(0).constructor.name}, odd and even lengths, 30 steps`, () => {
        const rng = new Rng(17);
        // Short tensors take the loop on both sides (kernel-sizes.ts); 512 and 1001 run the kernel.
        for (const n of [1, 2, 7, 64, 512, 1001]) {
          const p = values(n, rng, make);
          const [start, p2] = [p.slice(), p.slice()];
          const slots = Array.from({ length: rule.slots }, () => make(n));
          const slots2 = Array.from({ length: rule.slots }, () => make(n));
          for (let t = 1; t <= 30; t++) {
            const g = values(n, rng, make);
            rule.kernel(p, g, slots, 0.001 * t, t);
            rule.loop(p2, g, slots2, 0.001 * t, t);
          }
          expect(firstDifference(p, p2), `p, n = ${n}`).toBe(-1);
          for (let s = 0; s < rule.slots; s++)
            expect(firstDifference(slots[s]!, slots2[s]!), `slot ${s}, n = ${n}`).toBe(-1);
          // And it moved (below 7 entries the extremes fill the tensor, and 30 steps cannot move them).
          if (n >= 7) expect(firstDifference(p, start)).not.toBe(-1);
        }
      });
});
