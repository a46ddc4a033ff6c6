/**
 * @backprop/charts (private) — the charts of backprop's reports: the demo's page and
 * `backprop reproduce`'s, rendered by ECharts on the server to self-contained SVG, with one set of
 * fonts, colours and accessible names.
 *
 * @module @backprop/charts
 */
export { type ConfusionChartOptions, confusionChart } from './confusion';
export { HOVER_CSS, HOVER_SCRIPT, type HoverData } from './hover';
export { svgToPng } from './png';
export { axisName, type Chart, COLORS, escapeXml, FONT, figureHtml, render } from './render';
