import * as echarts from 'echarts';
import { type HoverData, hoverData } from './hover';

/** One chart, rendered server-side by ECharts as an SVG string. */
export interface Chart {
  id: string;
  title: string;
  svg: string;
  /** What the chart says on hover in a page (see figureHtml and HOVER_SCRIPT), or null. */
  hover: HoverData | null;
}

// No quoted family names: ECharts writes this into a double-quoted SVG attribute without escaping.
export const FONT = 'system-ui, -apple-system, Segoe UI, Roboto, Helvetica, Arial, sans-serif';
/** The series colours every chart uses, in order. */
export const COLORS = ['#2563eb', '#dc2626', '#059669', '#d97706'];

/** Text made safe for an SVG or HTML attribute or element. */
export const escapeXml = (s: string): string =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/**
 * Renders an ECharts option to SVG (no DOM, no animation), with the title as the SVG's accessible
 * name (for screen readers, and for anyone who opens the .svg on its own).
 */
export function render(
  id: string,
  title: string,
  width: number,
  height: number,
  option: echarts.EChartsCoreOption,
  /** false: no hover values (e.g. pictures drawn as heatmaps, whose cells are pixels). */
  options: { hover?: boolean } = {},
): Chart {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({
      animation: false,
      color: COLORS,
      textStyle: { fontFamily: FONT },
      ...option,
    });
    const text = escapeXml(title);
    const svg = chart
      .renderToSVGString()
      .replace(/^<svg([^>]*)>/, `<svg$1 role="img" aria-label="${text}"><title>${text}</title>`);
    const hover = options.hover === false ? null : hoverData(chart, option, width, height);
    return { id, title, svg, hover };
  } finally {
    chart.dispose();
  }
}

/** An axis name centred under (or beside) its axis. */
export const axisName = (name: string, gap = 32) => ({
  name,
  nameLocation: 'middle' as const,
  nameGap: gap,
});

/**
 * A chart as an HTML figure: its SVG, its caption and (when it has any) its hover values in a
 * data attribute, which HOVER_SCRIPT turns into a tooltip.
 */
export function figureHtml(c: Chart, caption?: string): string {
  const hover = c.hover ? ` data-hover="${escapeXml(JSON.stringify(c.hover))}"` : '';
  const text = caption === undefined ? '' : `<figcaption>${escapeXml(caption)}</figcaption>`;
  return `<figure data-chart="${escapeXml(c.id)}"${hover}>${c.svg}${text}</figure>`;
}
