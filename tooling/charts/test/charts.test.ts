import { describe, expect, it } from 'vitest';
import { confusionChart, escapeXml, render } from '../src/index';

describe('render', () => {
  it('is an SVG named by its (escaped) title, with no scripts', () => {
    const c = render('t', 'loss <per> "epoch"', 300, 200, {
      xAxis: { type: 'value' },
      yAxis: { type: 'value' },
      series: [
        {
          type: 'line',
          data: [
            [0, 1],
            [1, 0.5],
          ],
        },
      ],
    });
    expect(c.svg).toMatch(
      /^<svg[^>]* role="img" aria-label="loss &lt;per&gt; &quot;epoch&quot;"><title>loss &lt;per&gt; &quot;epoch&quot;<\/title>/,
    );
    expect(c.svg).not.toContain('<script');
    expect(escapeXml('a&b')).toBe('a&amp;b');
  });
});

describe('confusionChart', () => {
  it('writes every count in its cell and scales the errors to the largest off-diagonal count', () => {
    const c = confusionChart({
      id: 'cm',
      title: 'confusion',
      classes: ['cat', 'dog'],
      counts: [
        [41, 7],
        [3, 52],
      ],
    });
    for (const n of [41, 7, 3, 52]) expect(c.svg).toContain(`>${n}<`);
    expect(c.svg).toContain('7+ errors');
  });
});
