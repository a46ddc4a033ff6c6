import type { PlainMatrix } from './session';
import type { UnitMap } from './unit-maps';

const SUB = '₀₁₂₃₄₅₆₇₈₉';
const sub = (n: number) => String(n).replace(/\d/g, (d) => SUB[Number(d)]!);
/** The diagram's own coordinates (scaled to the canvas's width). */
const WIDTH = 360;
const HEIGHT = 200;
/** Most weights drawn as lines (wider networks show their units only). */
const MAX_EDGES = 3000;
const BLUE = [41, 128, 185] as const;
const ORANGE = [230, 126, 34] as const;

/** What the diagram shows now: the weights and the unit maps, and where each thing is drawn. */
interface Shown {
  sizes: number[];
  weights: PlainMatrix[];
  maps: Map<number, UnitMap>;
  total: number;
}

const x = (sizes: number[], layer: number) =>
  20 + (layer * (WIDTH - 40)) / Math.max(1, sizes.length - 1);
const y = (unit: number, count: number) => (HEIGHT * (unit + 0.5)) / count;
const mapSide = (count: number) => Math.min(30, (0.8 * HEIGHT) / count);

/**
 * The network as a diagram on a canvas: a column of units per layer, a line per weight — blue
 * positive, orange negative, wider for larger |w| — and each unit of a layer up to 16 wide as a
 * heatmap of its output over the plane. Hovering — or the arrow keys, once it has focus — shows
 * the value of the weight or unit under the pointer, updated with every redraw while training. (A canvas, not SVG: repainting hundreds of
 * SVG lines and a canvas per unit cost Chromium 60 → 17 frames/s on a 3 x 16 network.)
 */
export function createNetwork(canvas: HTMLCanvasElement, tip: HTMLElement) {
  const ctx = canvas.getContext('2d')!;
  let shown: Shown | null = null;
  /** The pointer, in diagram coordinates (null when it is elsewhere). */
  let pointer: { px: number; py: number } | null = null;
  const scratch = document.createElement('canvas');

  function resize(): void {
    const ratio = window.devicePixelRatio || 1;
    const width = Math.max(1, Math.round(canvas.clientWidth * ratio));
    const height = Math.round((width * HEIGHT) / WIDTH);
    if (canvas.width !== width || canvas.height !== height) {
      canvas.width = width;
      canvas.height = height;
    }
  }

  function paintMap(map: UnitMap, u: number, cx: number, cy: number, side: number): void {
    const cells = map.width * map.height;
    scratch.width = map.width;
    scratch.height = map.height;
    const sctx = scratch.getContext('2d')!;
    const image = sctx.createImageData(map.width, map.height);
    // Each unit scaled by its own largest |output|, so its pattern shows whatever its range.
    const scale = Math.max(Math.abs(map.min[u]!), Math.abs(map.max[u]!), 1e-12);
    for (let c = 0; c < cells; c++) {
      const v = map.data[u * cells + c]! / scale;
      const [r, g, b] = v >= 0 ? BLUE : ORANGE;
      const t = Math.abs(v);
      image.data[4 * c] = Math.round(255 + (r - 255) * t);
      image.data[4 * c + 1] = Math.round(255 + (g - 255) * t);
      image.data[4 * c + 2] = Math.round(255 + (b - 255) * t);
      image.data[4 * c + 3] = 255;
    }
    sctx.putImageData(image, 0, 0);
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(scratch, cx - side / 2, cy - side / 2, side, side);
    ctx.strokeStyle = '#1d2433';
    ctx.lineWidth = 0.5;
    ctx.strokeRect(cx - side / 2, cy - side / 2, side, side);
  }

  function paint(): void {
    if (!shown) return;
    resize();
    const { sizes, weights, maps, total } = shown;
    ctx.setTransform(canvas.width / WIDTH, 0, 0, canvas.height / HEIGHT, 0, 0);
    ctx.clearRect(0, 0, WIDTH, HEIGHT);
    let largest = 1e-12;
    for (const w of weights) for (const v of w.data) largest = Math.max(largest, Math.abs(v));
    ctx.lineCap = 'round';
    ctx.globalAlpha = 0.8;
    if (total <= MAX_EDGES)
      weights.forEach((w, l) => {
        for (let i = 0; i < w.rows; i++)
          for (let j = 0; j < w.cols; j++) {
            const v = w.data[i * w.cols + j]!;
            const [r, g, b] = v >= 0 ? BLUE : ORANGE;
            ctx.strokeStyle = `rgb(${r},${g},${b})`;
            ctx.lineWidth = 0.3 + 3.2 * (Math.abs(v) / largest);
            ctx.beginPath();
            ctx.moveTo(x(sizes, l), y(i, w.rows));
            ctx.lineTo(x(sizes, l + 1), y(j, w.cols));
            ctx.stroke();
          }
      });
    ctx.globalAlpha = 1;
    sizes.forEach((n, l) => {
      const map = maps.get(l);
      for (let u = 0; u < n; u++) {
        if (map) {
          paintMap(map, u, x(sizes, l), y(u, n), mapSide(n));
          continue;
        }
        ctx.beginPath();
        ctx.arc(x(sizes, l), y(u, n), Math.max(2.5, Math.min(7, 60 / n)), 0, 2 * Math.PI);
        ctx.fillStyle = '#1d2433';
        ctx.fill();
        ctx.strokeStyle = '#fff';
        ctx.lineWidth = 1;
        ctx.stroke();
      }
    });
    showTip();
  }

  /** The text for what is under the pointer: a unit (its output's range) or the nearest weight. */
  function hovered(px: number, py: number): string | null {
    if (!shown) return null;
    const { sizes, weights, maps, total } = shown;
    for (let l = 0; l < sizes.length; l++) {
      const n = sizes[l]!;
      const half = maps.has(l) ? mapSide(n) / 2 : Math.max(3, Math.min(7, 60 / n));
      for (let u = 0; u < n; u++)
        if (Math.abs(px - x(sizes, l)) <= half && Math.abs(py - y(u, n)) <= half) {
          const map = maps.get(l);
          if (l === 0) return `input ${u + 1}`;
          return map
            ? `unit ${u + 1} of layer ${l}: output ${map.min[u]!.toPrecision(3)} … ${map.max[u]!.toPrecision(3)} over the plane`
            : `unit ${u + 1} of layer ${l}`;
        }
    }
    if (total > MAX_EDGES) return null;
    let best: string | null = null;
    let bestDistance = 3;
    weights.forEach((w, l) => {
      const [x1, x2] = [x(sizes, l), x(sizes, l + 1)];
      if (px < x1 || px > x2) return;
      const t = (px - x1) / (x2 - x1);
      for (let i = 0; i < w.rows; i++)
        for (let j = 0; j < w.cols; j++) {
          const d = Math.abs(py - (y(i, w.rows) + t * (y(j, w.cols) - y(i, w.rows))));
          if (d < bestDistance) {
            bestDistance = d;
            best = weightText(l, i, j, w.data[i * w.cols + j]!);
          }
        }
    });
    return best;
  }

  /**
   * What the keyboard steps through (arrow keys, once the diagram has focus): every unit, then
   * every drawn weight, each with where it is and its current text.
   */
  function items(): { px: number; py: number; text: () => string | null }[] {
    if (!shown) return [];
    const { sizes, weights, total } = shown;
    const list: { px: number; py: number; text: () => string | null }[] = [];
    sizes.forEach((n, l) => {
      for (let u = 0; u < n; u++) {
        const [px, py] = [x(sizes, l), y(u, n)];
        list.push({ px, py, text: () => hovered(px, py) });
      }
    });
    if (total <= MAX_EDGES)
      weights.forEach((w, l) => {
        for (let i = 0; i < w.rows; i++)
          for (let j = 0; j < w.cols; j++) {
            const px = x(sizes, l) + 0.3 * (x(sizes, l + 1) - x(sizes, l));
            const py = y(i, w.rows) + 0.3 * (y(j, w.cols) - y(i, w.rows));
            list.push({
              px,
              py,
              text: () => weightText(l, i, j, shown!.weights[l]!.data[i * w.cols + j]!),
            });
          }
      });
    return list;
  }
  /** The item the keyboard is on (-1: none). */
  let focused = -1;

  function showTip(): void {
    const item = focused >= 0 ? items()[focused] : undefined;
    const text = item ? item.text() : pointer ? hovered(pointer.px, pointer.py) : null;
    tip.hidden = text === null;
    if (text !== null) tip.textContent = text;
    if (item) {
      const box = canvas.getBoundingClientRect();
      tip.style.left = `${(item.px / WIDTH) * box.width + 12}px`;
      tip.style.top = `${(item.py / HEIGHT) * box.height + 12}px`;
    }
  }

  canvas.tabIndex = 0;
  canvas.addEventListener('keydown', (event) => {
    const count = items().length;
    const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[event.key];
    if (event.key === 'Escape') focused = -1;
    else if (step !== undefined && count > 0) focused = (focused + step + count) % count;
    else return;
    event.preventDefault();
    showTip();
  });
  canvas.addEventListener('blur', () => {
    focused = -1;
    showTip();
  });

  canvas.addEventListener('mousemove', (event) => {
    focused = -1;
    const box = canvas.getBoundingClientRect();
    pointer = {
      px: ((event.clientX - box.left) / box.width) * WIDTH,
      py: ((event.clientY - box.top) / box.height) * HEIGHT,
    };
    tip.style.left = `${event.clientX - box.left + 12}px`;
    tip.style.top = `${event.clientY - box.top + 12}px`;
    showTip();
  });
  canvas.addEventListener('mouseleave', () => {
    pointer = null;
    showTip();
  });
  new ResizeObserver(paint).observe(canvas);

  return {
    /** Draws the network with these weights and unit maps (and refreshes the hover text). */
    draw(sizes: number[], weights: PlainMatrix[], unitMaps: UnitMap[]): void {
      const total = weights.reduce((n, w) => n + w.rows * w.cols, 0);
      shown = { sizes, weights, maps: new Map(unitMaps.map((m) => [m.l, m])), total };
      // For scripts and tests: every weight as drawn, layer by layer.
      canvas.dataset.weights = JSON.stringify(weights.map((w) => w.data));
      paint();
    },
  };
}

const weightText = (l: number, i: number, j: number, v: number) =>
  `W${sub(l + 1)}[${i + 1}, ${j + 1}] = ${v.toPrecision(5)}`;
