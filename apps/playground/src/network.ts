import type { PlainMatrix } from './session';
import type { UnitMap } from './unit-maps';

const NS = 'http://www.w3.org/2000/svg';
const SUB = '₀₁₂₃₄₅₆₇₈₉';
const sub = (n: number) => String(n).replace(/\d/g, (d) => SUB[Number(d)]!);
/** Most edges drawn (wider networks show their units, and the weights on hover of fewer edges). */
const MAX_EDGES = 3000;

interface Built {
  key: string;
  edges: SVGLineElement[][];
  titles: SVGTitleElement[][];
  /** Per layer (index = layer number), per unit: its heatmap's canvas and its hover text. */
  maps: { canvas: HTMLCanvasElement; title: SVGTitleElement }[][];
  unitTitles: SVGTitleElement[][];
}

let built: Built | null = null;

/** A unit drawn as its heatmap: a small canvas (in the SVG) centred at (cx, cy), side s. */
function heatmap(
  svg: SVGSVGElement,
  cx: number,
  cy: number,
  side: number,
  map: UnitMap,
  title: SVGTitleElement,
): { canvas: HTMLCanvasElement; title: SVGTitleElement } {
  const box = el('foreignObject', {
    x: cx - side / 2,
    y: cy - side / 2,
    width: side,
    height: side,
  });
  box.setAttribute('class', 'unit-map');
  const canvas = document.createElement('canvas');
  canvas.width = map.width;
  canvas.height = map.height;
  box.append(title, canvas);
  svg.append(box);
  return { canvas, title };
}

/**
 * Paints a layer's unit heatmaps: blue where the unit's output is positive, orange where
 * negative, stronger for larger |output| (each unit scaled by its own largest |output|, so a
 * unit's pattern shows whatever its range); the hover text gives the range.
 */
function paintLayer(map: UnitMap, units: { canvas: HTMLCanvasElement; title: SVGTitleElement }[]) {
  const cells = map.width * map.height;
  units.forEach(({ canvas, title }, u) => {
    const ctx = canvas.getContext('2d')!;
    const image = ctx.createImageData(map.width, map.height);
    const scale = Math.max(Math.abs(map.min[u]!), Math.abs(map.max[u]!), 1e-12);
    for (let c = 0; c < cells; c++) {
      const v = map.data[u * cells + c]! / scale;
      const [r, g, b] = v >= 0 ? [41, 128, 185] : [230, 126, 34];
      const t = Math.abs(v);
      image.data[4 * c] = Math.round(255 + (r - 255) * t);
      image.data[4 * c + 1] = Math.round(255 + (g - 255) * t);
      image.data[4 * c + 2] = Math.round(255 + (b - 255) * t);
      image.data[4 * c + 3] = 255;
    }
    ctx.putImageData(image, 0, 0);
    title.textContent = `unit ${u + 1} of layer ${map.l}: output ${map.min[u]!.toPrecision(3)} … ${map.max[u]!.toPrecision(3)} over the plane`;
  });
}

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
export function drawNetwork(
  svg: SVGSVGElement,
  sizes: number[],
  weights: PlainMatrix[],
  unitMaps: UnitMap[] = [],
): void {
  const width = 360;
  const height = 200;
  const mapped = new Map(unitMaps.map((m) => [m.l, m]));
  const key = `${sizes.join('-')}/${unitMaps.map((m) => `${m.l}:${m.width}x${m.height}`).join(',')}`;
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
    const maps: Built['maps'] = [];
    const unitTitles: Built['unitTitles'] = [];
    sizes.forEach((n, l) => {
      maps[l] = [];
      unitTitles[l] = [];
      const map = mapped.get(l);
      for (let u = 0; u < n; u++) {
        const t = el('title', {});
        t.textContent = l === 0 ? `input ${u + 1}` : `unit ${u + 1} of layer ${l}`;
        unitTitles[l]!.push(t);
        if (map) {
          maps[l]!.push(heatmap(svg, x(l), y(u, n), Math.min(30, (0.8 * height) / n), map, t));
          continue;
        }
        const c = el('circle', {
          cx: x(l),
          cy: y(u, n),
          r: Math.max(2.5, Math.min(7, 60 / n)),
          class: 'unit',
        });
        c.append(t);
        svg.append(c);
      }
    });
    built = { key, edges, titles, maps, unitTitles };
  }
  for (const map of unitMaps) paintLayer(map, built.maps[map.l]!);
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
