import type { ExperimentResult, Metric } from '@backprop/course';
import { type Chart, figureHtml, HOVER_CSS, HOVER_SCRIPT } from '@backprop/charts';
import { chartOf } from './charts';

const escape = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

const CSS = `
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0; background: #f8fafc; color: #0f172a; }
header { background: #0f172a; color: #f8fafc; padding: 28px 40px; }
header h1 { margin: 0 0 6px; font-size: 26px; }
header p { margin: 0; color: #cbd5e1; }
main { max-width: 1240px; margin: 0 auto; padding: 24px 40px 60px; }
section { background: #fff; border: 1px solid #e2e8f0; border-radius: 10px; padding: 20px 24px; margin: 20px 0; }
h2 { margin: 0 0 4px; font-size: 20px; }
.source { color: #475569; margin: 0 0 12px; }
.figures { display: flex; flex-wrap: wrap; gap: 20px; align-items: flex-start; margin-top: 12px; }
table { border-collapse: collapse; font-size: 14px; }
td, th { padding: 4px 12px; border-bottom: 1px solid #e2e8f0; text-align: left; vertical-align: top; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
.inside { color: #047857; font-weight: 600; } .outside { color: #b91c1c; font-weight: 600; } .shortened, .none { color: #64748b; }
`;

/** A metric's number as the tables show it: full precision, or a percentage. */
export function figure(m: Metric, v: number | null): string {
  if (v === null || Number.isNaN(v)) return '';
  return m.format === 'percent' ? `${(100 * v).toFixed(2)}%` : String(v);
}

/** The band as text: [low, high], or ≥ low when open above. */
export function bandText(m: Metric): string {
  if (!m.band) return '';
  if (m.band.high === Number.POSITIVE_INFINITY) return `≥ ${figure(m, m.band.low)}`;
  if (m.band.low === m.band.high) return `= ${figure(m, m.band.low)}`;
  if (m.band.center !== undefined) {
    const half = m.band.high - m.band.center;
    return `${figure(m, m.band.center)} ± ${m.format === 'percent' ? `${Number((100 * half).toPrecision(2))}%` : Number(half.toPrecision(1)).toExponential().replace(/e\+?0$/, '')}`;
  }
  const digits = (v: number) => (m.format === 'percent' ? figure(m, v) : Number(v.toPrecision(13)).toString());
  return `[${digits(m.band.low)}, ${digits(m.band.high)}]`;
}

function section(r: ExperimentResult): string {
  const rows = r.metrics
    .map(
      (m) =>
        `<tr><td>${escape(m.name)}</td><td class="n">${escape(figure(m, m.ours))}</td><td class="n">${escape(m.document === null ? m.documentText : `${figure(m, m.document)}${m.documentText ? ` (${m.documentText})` : ''}`)}</td><td class="n">${escape(bandText(m))}</td><td class="${m.verdict === 'no band' ? 'none' : m.verdict}">${m.verdict}</td></tr>`,
    )
    .join('');
  const settings = Object.entries(r.settings)
    .map(([k, v]) => `${escape(k)} ${escape(String(v))}`)
    .join(' · ');
  return `<section id="${escape(r.id)}"><h2>${escape(r.id)} — ${escape(r.title)}</h2><p class="source">${escape(r.source)} · ${settings}${r.shortened ? ' · <b>shortened: the bands do not apply</b>' : ''}</p>
<table><tr><th>metric</th><th>ours</th><th>document</th><th>band</th><th>verdict</th></tr>${rows}</table>
${r.notes.length ? `<ul>${r.notes.map((n) => `<li>${escape(n)}</li>`).join('')}</ul>` : ''}
<div class="figures">${r.plots.map((p) => figureHtml(chartOf(p))).join('')}</div></section>`;
}

/** One self-contained HTML page (inline SVG charts, no scripts, no external requests). */
export function reportPage(results: ExperimentResult[], skipped: { id: string; why: string }[]): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>backprop reproduce</title><style>${CSS}${HOVER_CSS}</style></head><body>
<header><h1>backprop reproduce</h1><p>The course material's experiments: our number beside the document's, with the band ours must fall in.</p></header>
<main>${results.map(section).join('')}${skipped.length ? `<section><h2>Not run</h2><ul>${skipped.map((s) => `<li><b>${escape(s.id)}</b>: ${escape(s.why)}</li>`).join('')}</ul></section>` : ''}</main><script>${HOVER_SCRIPT}</script></body></html>
`;
}

/** A self-contained HTML page of charts (inline SVG, values on hover): `backprop plot`'s .html. */
export function chartsPage(title: string, lead: string, charts: Chart[]): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(title)}</title><style>${CSS}${HOVER_CSS}</style></head><body>
<header><h1>${escape(title)}</h1><p>${escape(lead)}</p></header>
<main><section><div class="figures">${charts.map((c) => figureHtml(c)).join('')}</div></section></main><script>${HOVER_SCRIPT}</script></body></html>
`;
}
