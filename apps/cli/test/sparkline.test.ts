import { describe, expect, it } from 'vitest';
import { sparkline } from '../src/sparkline';

describe('sparkline', () => {
  it('places each value between the least and the greatest, in eight steps', () => {
    // (v − 0) / 7 · 8, floored, capped at 7: 0→▁, 1→▂ (8/7), …, 7→█.
    expect(sparkline([0, 1, 2, 3, 4, 5, 6, 7])).toBe('▁▂▃▄▅▆▇█');
    expect(sparkline([3, 3, 3])).toBe('▁▁▁');
    expect(sparkline([])).toBe('');
  });

  it('averages a long series into at most `width` bars', () => {
    // Pairs (0, 0), (0, 0), (10, 10), (10, 10) average to 0, 0, 10, 10.
    expect(sparkline([0, 0, 0, 0, 10, 10, 10, 10], 4)).toBe('▁▁██');
    expect(sparkline(Array.from({ length: 1000 }, (_, i) => i)).length).toBe(40);
  });

  it('marks a bar holding a non-finite value (a diverged loss) with !', () => {
    expect(sparkline([1, Number.NaN, 0, Number.POSITIVE_INFINITY])).toBe('█!▁!');
  });
});
