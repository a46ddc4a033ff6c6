import type { Matrix } from '@backprop/linalg';
import type { Explained, TraceResult } from '@backprop/model';
import { fixed } from './format';

/** Entries up to which a tensor is shown whole (beyond: shape, range, mean, norm, first entries). */
const WHOLE = 16;

export interface Summary {
  shape: [number, number];
  min: number;
  max: number;
  mean: number;
  norm: number;
  first: number[];
}

export function summarize(m: Matrix): Summary {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let sum = 0;
  let squares = 0;
  for (const v of m.data) {
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
    squares += v * v;
  }
  return {
    shape: [m.rows, m.cols],
    min,
    max,
    mean: sum / m.data.length,
    norm: Math.sqrt(squares),
    first: Array.from(m.data.subarray(0, 6)),
  };
}

/** A tensor as text: whole (rows in brackets) when small or `full`, else summarised. */
export function valueText(m: Matrix, full: boolean): string {
  const number = (v: number) => (full ? String(v) : fixed(v));
  if (full || m.data.length <= WHOLE)
    return `[${m
      .toArray()
      .map((r) => `[${r.map(number).join(', ')}]`)
      .join(', ')}]`;
  const s = summarize(m);
  return `min ${fixed(s.min)}  max ${fixed(s.max)}  mean ${fixed(s.mean)}  ‖·‖ ${fixed(s.norm)}  first ${s.first.map(fixed).join(', ')}, …`;
}

/** A tensor for --json: the values when small or `full`, else a summary. */
export function valueJson(m: Matrix, full: boolean): unknown {
  return full || m.data.length <= WHOLE
    ? { shape: [m.rows, m.cols], values: m.toArray() }
    : { summary: summarize(m) };
}

function rows(entries: Explained[], full: boolean): string[][] {
  return entries.map((e) => [
    e.formula,
    `${e.value.rows}x${e.value.cols}`,
    valueText(e.value, full),
  ]);
}

/** The trace as aligned text (format 'table') or Markdown tables. */
export function traceText(t: TraceResult, format: 'table' | 'markdown', full: boolean): string {
  const out: string[] = [];
  const section = (title: string, entries: Explained[]) => {
    if (entries.length === 0) return;
    if (format === 'markdown') {
      out.push(`**${title}**`, '', '| step | shape | value |', '| --- | --- | --- |');
      for (const [f, s, v] of rows(entries, full)) out.push(`| \`${f}\` | ${s} | ${v} |`);
      out.push('');
    } else {
      out.push(`  ${title}`);
      const r = rows(entries, full);
      const w = Math.max(...r.map(([f]) => f!.length));
      for (const [f, s, v] of r) out.push(`    ${f!.padEnd(w)}  ${s!.padStart(7)}  ${v}`);
    }
  };
  const heading = (text: string) => out.push(format === 'markdown' ? `### ${text}\n` : text);
  heading(`loss ${t.loss.name} over m = ${t.m}: J = ${full ? t.loss.value : fixed(t.loss.value)}`);
  out.push(format === 'markdown' ? `\`${t.loss.formula}\`\n` : `  ${t.loss.formula}`);
  if (t.penalty)
    out.push(`  penalty ${t.penalty.name}: ${t.penalty.formula} = ${fixed(t.penalty.value)}`);
  for (const layer of t.layers) {
    heading(`layer ${layer.l}: ${layer.description}`);
    section('forward', [layer.input, ...layer.forward]);
    section('backward', layer.backward);
  }
  for (const u of t.updates) {
    heading(`${u.optimizer} step for ${u.param} of layer ${u.layer + 1}`);
    section('update', u.entries);
  }
  return `${out.join('\n')}\n`;
}

/** The trace as one JSON document. */
export function traceJson(t: TraceResult, full: boolean): unknown {
  const entry = (e: Explained) => ({
    symbol: e.symbol,
    formula: e.formula,
    ...(valueJson(e.value, full) as object),
  });
  return {
    m: t.m,
    loss: t.loss,
    penalty: t.penalty && {
      name: t.penalty.name,
      value: t.penalty.value,
      formula: t.penalty.formula,
    },
    layers: t.layers.map((l) => ({
      l: l.l,
      description: l.description,
      forward: [l.input, ...l.forward].map(entry),
      backward: l.backward.map(entry),
    })),
    updates: t.updates.map((u) => ({
      layer: u.layer,
      param: u.param,
      optimizer: u.optimizer,
      entries: u.entries.map(entry),
    })),
  };
}
