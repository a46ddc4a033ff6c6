import type { PlainMatrix } from './session';

const NS = 'http://www.w3.org/2000/svg';
const SUB = '₀₁₂₃₄₅₆₇₈₉';
const sub = (n: number) => String(n).replace(/\d/g, (d) => SUB[Number(d)]!);
/** Most edges drawn (wider networks show their units, and the weights on hover of fewer edges). */
const MAX_EDGES = 3000;

interface Built {
  key: string;
  edges: SVGLineElement[][];
  titles: SVGTitleElement[][];
}

let built: Built | null = null;

function el<K extends keyof SVGElementTagNameMap>(name: K, attrs: Record<string, string | number>) {
  const e = document.createElementNS(NS, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  return e;
}

/**
 * The network as a diagram: a column of units per layer, a line per weight — blue positive,
 * orange negative, wider for larger |w| — whose hover text is the weight's current value (updated
 * every snapshot while training).
 */
export function drawNetwork(svg: SVGSVGElement, sizes: number[], weights: PlainMatrix[]): void {
  const width = 360;
  const height = 200;
  const key = sizes.join('-');
  const x = (layer: number) => 20 + (layer * (width - 40)) / Math.max(1, sizes.length - 1);
  const y = (unit: number, count: number) => (height * (unit + 0.5)) / count;
  const total = weights.reduce((n, w) => n + w.rows * w.cols, 0);
  if (built?.key !== key) {
    svg.replaceChildren();
    svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
    const edges: SVGLineElement[][] = [];
    const titles: SVGTitleElement[][] = [];
    weights.forEach((w, l) => {
      const lines: SVGLineElement[] = [];
      const texts: SVGTitleElement[] = [];
      if (total <= MAX_EDGES)
        for (let i = 0; i < w.rows; i++)
          for (let j = 0; j < w.cols; j++) {
            const line = el('line', { x1: x(l), y1: y(i, w.rows), x2: x(l + 1), y2: y(j, w.cols) });
            const title = el('title', {});
            line.append(title);
            svg.append(line);
            lines.push(line);
            texts.push(title);
          }
      edges.push(lines);
      titles.push(texts);
    });
    sizes.forEach((n, l) => {
      for (let u = 0; u < n; u++) {
        const c = el('circle', {
          cx: x(l),
          cy: y(u, n),
          r: Math.max(2.5, Math.min(7, 60 / n)),
          class: 'unit',
        });
        const t = el('title', {});
        t.textContent = l === 0 ? `input ${u + 1}` : `unit ${u + 1} of layer ${l}`;
        c.append(t);
        svg.append(c);
      }
    });
    built = { key, edges, titles };
  }
  let largest = 1e-12;
  for (const w of weights) for (const v of w.data) largest = Math.max(largest, Math.abs(v));
  weights.forEach((w, l) => {
    const lines = built!.edges[l]!;
    for (let k = 0; k < lines.length; k++) {
      const v = w.data[k]!;
      const line = lines[k]!;
      line.setAttribute('stroke', v >= 0 ? '#2980b9' : '#e67e22');
      line.setAttribute('stroke-width', (0.3 + 3.2 * (Math.abs(v) / largest)).toFixed(2));
      line.setAttribute('data-value', String(v));
      built!.titles[l]![k]!.textContent =
        `W${sub(l + 1)}[${Math.floor(k / w.cols) + 1}, ${(k % w.cols) + 1}] = ${v.toPrecision(5)}`;
    }
  });
}
