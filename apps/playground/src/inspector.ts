import { $ } from './dom';
import type { ToWorker } from './protocol';
import type { PlainMatrix, TraceStep, TraceView } from './session';

/** A value as text: 4 significant digits, rows on lines; large matrices shown in part. */
function valueText(m: PlainMatrix): string {
  const fmt = (v: number) => (Number.isFinite(v) ? Number(v.toPrecision(4)).toString() : String(v));
  const rows: string[] = [];
  for (let r = 0; r < Math.min(m.rows, 6); r++) {
    const row = m.data.slice(r * m.cols, r * m.cols + Math.min(m.cols, 8)).map(fmt);
    rows.push(`[${row.join(', ')}${m.cols > 8 ? ', …' : ''}]`);
  }
  if (m.rows > 6) rows.push(`… (${m.rows} x ${m.cols})`);
  return m.rows === 1 && m.cols === 1 ? fmt(m.data[0]!) : rows.join('\n');
}

const PHASE: Record<TraceStep['phase'], string> = {
  forward: 'forward',
  loss: 'loss',
  backward: 'backward',
  update: 'update',
};

/**
 * The step inspector: backpropagation on one training point, one number-producing step at a time
 * — forward layer by layer, the loss, backward δ by δ, then the optimizer's update of the chosen
 * parameter — each value beside the formula that produced it (from @backprop/model's trace()).
 */
export function createInspector(send: (m: ToWorker) => void): {
  show(view: TraceView): void;
  pick(index: number): void;
} {
  let view: TraceView | null = null;
  let current = 0;
  const list = $<HTMLOListElement>('trace-steps');

  const visible = () => {
    if (!view) return [];
    const param = $<HTMLSelectElement>('trace-param').value;
    return view.steps.filter((s) => s.phase !== 'update' || s.symbol.startsWith(`${param} `));
  };

  function render(): void {
    const steps = visible();
    current = Math.min(current, steps.length - 1);
    list.replaceChildren(
      ...steps.map((s, i) => {
        const li = document.createElement('li');
        li.dataset.phase = s.phase;
        li.dataset.symbol = s.symbol;
        li.dataset.value = JSON.stringify(s.value.data);
        li.hidden = i > current;
        if (i === current) li.setAttribute('aria-current', 'step');
        const head = document.createElement('div');
        head.className = 'step-head';
        head.textContent = `${PHASE[s.phase]} · ${s.symbol}`;
        const formula = document.createElement('code');
        formula.textContent = s.formula;
        const value = document.createElement('pre');
        value.textContent = valueText(s.value);
        li.append(head, formula, value);
        return li;
      }),
    );
    $('trace-position').textContent = steps.length ? `step ${current + 1} of ${steps.length}` : '';
    list.querySelector('[aria-current]')?.scrollIntoView({ block: 'nearest' });
  }

  function show(v: TraceView): void {
    const params = [
      ...new Set(v.steps.filter((s) => s.phase === 'update').map((s) => s.symbol.split(' ')[0]!)),
    ];
    const select = $<HTMLSelectElement>('trace-param');
    const keep = select.value;
    select.replaceChildren(...params.map((p) => new Option(p, p)));
    if (params.includes(keep)) select.value = keep;
    view = v;
    current = 0;
    $('trace-sample-text').dataset.point = JSON.stringify({ x: v.x, y: v.y });
    $('trace-sample-text').textContent =
      `point ${v.index}: x = (${v.x.map((t) => t.toPrecision(3)).join(', ')}), y = ${v.y.join(', ')}`;
    render();
  }

  const pick = (index: number) => {
    $<HTMLInputElement>('trace-index').value = String(index);
    send({ type: 'trace', index });
  };
  $('trace-run').onclick = () => pick(Number($<HTMLInputElement>('trace-index').value) || 0);
  $('trace-next').onclick = () => {
    current = Math.min(current + 1, visible().length - 1);
    render();
  };
  $('trace-prev').onclick = () => {
    current = Math.max(current - 1, 0);
    render();
  };
  $('trace-all').onclick = () => {
    current = visible().length - 1;
    render();
  };
  $('trace-param').onchange = render;
  return { show, pick };
}
