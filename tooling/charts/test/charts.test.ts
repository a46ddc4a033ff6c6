import { describe, expect, it } from 'vitest';
import { confusionChart, escapeXml, figureHtml, render } from '../src/index';

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

describe('hover values', () => {
  // outerBoundsMode 'none': the grid is exactly these margins (ECharts 6 would otherwise shrink
  // it to keep the axis labels inside the chart).
  const grid = { left: 50, right: 50, top: 20, bottom: 30, outerBoundsMode: 'none' };
  it('line charts: a spot per x, where the axes put it, naming every series there', () => {
    // 300 x 200 with that grid: x ∈ [0, 10] over 200 px from 50, y ∈ [0, 1] over 150 px from 20.
    const c = render('l', 'loss', 300, 200, {
      grid,
      xAxis: { type: 'value', min: 0, max: 10, name: 'epoch' },
      yAxis: { type: 'value', min: 0, max: 1 },
      series: [
        {
          type: 'line',
          name: 'train',
          data: [
            [0, 1],
            [5, 0.5],
            [10, 0.25],
          ],
        },
        { type: 'line', name: 'test', data: [[5, 0.625]] },
      ],
    });
    expect(c.hover).toMatchObject({ width: 300, height: 200, mode: 'column' });
    expect(c.hover!.spots).toEqual([
      [50, 20, 'epoch 0: train 1'],
      [150, 95, 'epoch 5: train 0.5 · test 0.625'],
      [250, 132.5, 'epoch 10: train 0.25'],
    ]);
    const html = figureHtml(c, 'a <caption>');
    expect(html).toMatch(/^<figure data-chart="l" data-hover="\{&quot;width&quot;:300,/);
    expect(html).toContain('<figcaption>a &lt;caption&gt;</figcaption>');
  });

  it("heatmaps: a spot per cell with its axes' labels; none when asked for none", () => {
    const option = {
      grid,
      xAxis: { type: 'category', data: ['a', 'b'], name: 'predicted' },
      yAxis: { type: 'category', data: ['x', 'y', 'z'], name: 'actual' },
      visualMap: { min: 0, max: 9, show: false },
      series: [{ type: 'heatmap', data: [[1, 2, 7]] }],
    };
    const c = render('h', 'cells', 300, 200, option);
    // Column b is the second of two over 200 px (centre 200); row z the third of three over 150
    // px from the bottom up (centre 20 + 25).
    expect(c.hover).toEqual({
      width: 300,
      height: 200,
      mode: 'nearest',
      spots: [[200, 45, 'predicted b, actual z: 7']],
    });
    expect(render('h', 'cells', 300, 200, option, { hover: false }).hover).toBeNull();
    expect(figureHtml(render('h', 'cells', 300, 200, option, { hover: false }))).not.toContain(
      'data-hover',
    );
  });
});
