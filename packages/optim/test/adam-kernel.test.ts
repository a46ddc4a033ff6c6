import { type FloatArray, Rng } from '@backprop/linalg';
import { describe, expect, it } from 'vitest';
import { adamLoop, adamUpdate } from '../src/adam';

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

const forms = [
  { name: 'adam', inside: false, decay: 0 },
  { name: 'adam, ε inside the root', inside: true, decay: 0 },
  { name: 'adamw', inside: false, decay: 0.01 },
];

describe("Adam's WebAssembly kernel", () => {
  for (const make of [(n: number) => new Float64Array(n), (n: number) => new Float32Array(n)])
    for (const form of forms)
      it(`gives the JavaScript loop's bits: ${form.name}, ${make(0).constructor.name}, odd and even lengths, 30 steps`, () => {
        const rng = new Rng(17);
        for (const n of [1, 2, 7, 64, 1001]) {
          const p = values(n, rng, make);
          const [start, p2, m, v, m2, v2] = [
            p.slice(),
            p.slice(),
            make(n),
            make(n),
            make(n),
            make(n),
          ];
          const kernel = adamUpdate(0.9, 0.999, 1e-8, form.inside, form.decay);
          const loop = adamLoop(0.9, 0.999, 1e-8, form.inside, form.decay);
          for (let t = 1; t <= 30; t++) {
            const g = values(n, rng, make);
            kernel(p, g, [m, v], 0.001 * t, t);
            loop(p2, g, [m2, v2], 0.001 * t, t);
          }
          expect(firstDifference(p, p2), `p, n = ${n}`).toBe(-1);
          expect(firstDifference(m, m2), `m, n = ${n}`).toBe(-1);
          expect(firstDifference(v, v2), `v, n = ${n}`).toBe(-1);
          // And it moved (below 7 entries the extremes fill the tensor, and 30 steps cannot move them).
          if (n >= 7) expect(firstDifference(p, start)).not.toBe(-1);
        }
      });
});
