import { Matrix } from '@backprop/linalg';
import { load, predict, type Sequential } from '@backprop/model';
import { mnistInput } from './digit';
import { $ } from './dom';

/**
 * "Draw a digit": a canvas to draw on, the 28 x 28 input the network actually sees, and its ten
 * probabilities, live while drawing. The network (public/digit-model.json, made by
 * scripts/train-digit-model.ts) runs on the page's thread: one forward pass is microseconds.
 */
export function createDigitPanel(): void {
  const canvas = $<HTMLCanvasElement>('digit-canvas');
  const seen = $<HTMLCanvasElement>('digit-input');
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  let model: Sequential | null = null;
  let drawing = false;
  let queued = false;
  const bars = $('digit-bars');
  bars.replaceChildren(
    ...Array.from({ length: 10 }, (_, k) => {
      const row = document.createElement('div');
      row.className = 'digit-bar';
      row.dataset.digit = String(k);
      row.innerHTML = `<span>${k}</span><span class="bar"><span></span></span><span class="p">–</span>`;
      return row;
    }),
  );

  const clear = () => {
    ctx.fillStyle = '#000';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    seen.getContext('2d')!.clearRect(0, 0, seen.width, seen.height);
    $('digit-top').textContent = '–';
    for (const row of bars.children) {
      (row as HTMLElement).dataset.p = '0';
      (row.querySelector('.bar span') as HTMLElement).style.width = '0';
      row.querySelector('.p')!.textContent = '–';
    }
  };

  function classify(): void {
    queued = false;
    if (!model) return;
    const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    const ink = new Float32Array(canvas.width * canvas.height);
    for (let i = 0; i < ink.length; i++) ink[i] = data[4 * i]! / 255;
    const x = mnistInput(ink, canvas.width, canvas.height);
    if (!x) return;
    const p = predict(model, new Matrix(1, 784, x)).data;
    let top = 0;
    for (let k = 0; k < 10; k++) {
      if (p[k]! > p[top]!) top = k;
      const row = bars.children[k] as HTMLElement;
      row.dataset.p = String(p[k]);
      (row.querySelector('.bar span') as HTMLElement).style.width = `${(100 * p[k]!).toFixed(1)}%`;
      row.querySelector('.p')!.textContent = `${(100 * p[k]!).toFixed(1)}%`;
    }
    $('digit-top').textContent = String(top);
    const image = seen.getContext('2d')!.createImageData(28, 28);
    for (let i = 0; i < 784; i++) {
      const v = Math.round(255 * x[i]!);
      image.data.set([v, v, v, 255], 4 * i);
    }
    const small = document.createElement('canvas');
    small.width = 28;
    small.height = 28;
    small.getContext('2d')!.putImageData(image, 0, 0);
    const out = seen.getContext('2d')!;
    out.imageSmoothingEnabled = false;
    out.drawImage(small, 0, 0, seen.width, seen.height);
  }
  const later = () => {
    if (!queued) {
      queued = true;
      requestAnimationFrame(classify);
    }
  };

  const at = (e: PointerEvent) => {
    const box = canvas.getBoundingClientRect();
    return [
      ((e.clientX - box.left) / box.width) * canvas.width,
      ((e.clientY - box.top) / box.height) * canvas.height,
    ] as const;
  };
  canvas.addEventListener('pointerdown', (e) => {
    drawing = true;
    canvas.setPointerCapture(e.pointerId);
    const [x, y] = at(e);
    ctx.beginPath();
    ctx.moveTo(x, y);
  });
  canvas.addEventListener('pointermove', (e) => {
    if (!drawing) return;
    const [x, y] = at(e);
    ctx.lineTo(x, y);
    ctx.strokeStyle = '#fff';
    ctx.lineWidth = 22;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.stroke();
    later();
  });
  const end = () => {
    drawing = false;
    later();
  };
  canvas.addEventListener('pointerup', end);
  canvas.addEventListener('pointercancel', end);
  $('digit-clear').onclick = clear;
  clear();
  fetch(new URL('./digit-model.json', document.baseURI))
    .then((r) => {
      if (!r.ok) throw new Error(`digit-model.json: HTTP ${r.status}`);
      return r.text();
    })
    .then((text) => {
      model = load(text);
      $('digit-status').textContent = 'ready: draw a digit';
    })
    .catch((error) => {
      $('digit-status').textContent =
        `the digit model could not be loaded (${(error as Error).message})`;
    });
}
