import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { adamLoop, adamUpdate } from '../src/adam';

/** numpy's float32 Adam (fixtures/adam-float32.py): inputs and every step's p, m and v. */
const fixture = JSON.parse(
  readFileSync(new URL('./fixtures/adam-float32.json', import.meta.url), 'utf8'),
) as {
  p0: number[];
  grads: number[][];
  cases: {
    name: string;
    inside: boolean;
    decay: number;
    steps: { p: number[]; m: number[]; v: number[] }[];
  }[];
};

/** The first index whose bits differ (−0 against +0 included), or −1. */
function firstDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return i;
  return a.length === b.length ? -1 : a.length;
}

describe('float32 Adam computes in float32 arithmetic', () => {
  for (const c of fixture.cases)
    for (const [path, rule] of [
      ['the kernel', adamUpdate(0.9, 0.999, 1e-8, c.inside, c.decay)],
      ['the loop', adamLoop(0.9, 0.999, 1e-8, c.inside, c.decay)],
    ] as const)
      it(`${c.name}, ${path}: numpy float32's bits at every step (67 entries)`, () => {
        const p = Float32Array.from(fixture.p0);
        const [m, v] = [new Float32Array(p.length), new Float32Array(p.length)];
        c.steps.forEach((expected, t) => {
          rule(p, Float32Array.from(fixture.grads[t]!), [m, v], 1e-3, t + 1);
          expect(firstDifference(p, expected.p), `p after step ${t + 1}`).toBe(-1);
          expect(firstDifference(m, expected.m), `m after step ${t + 1}`).toBe(-1);
          expect(firstDifference(v, expected.v), `v after step ${t + 1}`).toBe(-1);
        });
      });
});
