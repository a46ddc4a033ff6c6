/**
 * @backprop/charts (private) — the charts of backprop's reports: the demo's page and
 * `backprop reproduce`'s, rendered by ECharts on the server to self-contained SVG, with one set of
 * fonts, colours and accessible names.
 *
 * @module @backprop/charts
 */
export { type ConfusionChartOptions, confusionChart } from './confusion';
export { axisName, type Chart, COLORS, escapeXml, FONT, render } from './render';
