import {
  ACTIVATIONS,
  type Activation,
  type Config,
  consistent,
  DATASETS,
  type HiddenLayer,
  INITIALIZERS,
  type InitializerName,
  isRegression,
  LOSSES,
  newLayer,
  OPTIMIZERS,
  PENALTIES,
} from './config';
import { $ } from './dom';
import { OPTIMIZER_OPTIONS, optionValue, readOptimizerOptions } from './optimizer-options';

function fillSelect(select: HTMLSelectElement, values: readonly string[]): void {
  select.replaceChildren(...values.map((v) => new Option(v, v)));
}

/**
 * The settings form: shows a configuration and reports every edit as a new one. Changes to the
 * data or the network rebuild the run (as Reset does); so do the training settings.
 */
export function createControls(onChange: (c: Config) => void): { show(c: Config): void } {
  let current: Config | null = null;
  fillSelect($('data'), DATASETS);
  fillSelect($('optimizer'), OPTIMIZERS);
  fillSelect($('init'), INITIALIZERS);
  fillSelect($('loss-select'), LOSSES);
  fillSelect($('penalty'), PENALTIES);
  const layersList = $<HTMLOListElement>('layers');
  const optionsBox = $<HTMLElement>('optimizer-options');

  const readLayer = (li: Element): HiddenLayer => {
    const field = <T extends HTMLElement>(name: string) =>
      li.querySelector<T>(`[data-field="${name}"]`)!;
    const units = Number(field<HTMLInputElement>('units').value);
    const rate = Number(field<HTMLInputElement>('dropout').value);
    return {
      units: Math.min(64, Math.max(1, Math.round(units) || 1)),
      activation: field<HTMLSelectElement>('activation').value as Activation,
      initializer: field<HTMLSelectElement>('initializer').value as InitializerName,
      dropout: Math.min(0.9, Math.max(0, rate || 0)),
    };
  };

  const read = (): Config => ({
    data: $<HTMLSelectElement>('data').value as Config['data'],
    samples: Number($<HTMLInputElement>('samples').value),
    noise: Number($<HTMLInputElement>('noise').value),
    testFraction: Number($<HTMLInputElement>('test').value),
    layers: [...layersList.querySelectorAll('li')].map(readLayer),
    initializer: $<HTMLSelectElement>('init').value as Config['initializer'],
    penalty: $<HTMLSelectElement>('penalty').value as Config['penalty'],
    lambda: Math.min(10, Math.max(0, Number($<HTMLInputElement>('lambda').value) || 0)),
    loss: $<HTMLSelectElement>('loss-select').value as Config['loss'],
    optimizer: $<HTMLSelectElement>('optimizer').value as Config['optimizer'],
    optimizerOptions: readOptimizerOptions(
      $<HTMLSelectElement>('optimizer').value as Config['optimizer'],
      (name) => {
        const input = optionsBox.querySelector<HTMLInputElement>(`[data-option="${name}"]`);
        if (!input) return null;
        return input.type === 'checkbox' ? String(input.checked) : input.value;
      },
    ),
    learningRate: Number($<HTMLInputElement>('lr').value) || current!.learningRate,
    batchSize: Math.max(0, Math.round(Number($<HTMLInputElement>('batch').value) || 0)),
    seed: Math.max(0, Math.round(Number($<HTMLInputElement>('seed').value) || 0)),
  });
  const changed = () => {
    current = consistent(read());
    show(current);
    onChange(current);
  };

  function input(type: string, value: string, label: string, field: string): HTMLInputElement {
    const e = Object.assign(document.createElement('input'), { type, value });
    e.setAttribute('aria-label', label);
    e.dataset.field = field;
    e.onchange = changed;
    return e;
  }

  function select(values: readonly string[], value: string, label: string, field: string) {
    const e = document.createElement('select');
    fillSelect(e, values);
    e.value = value;
    e.setAttribute('aria-label', label);
    e.dataset.field = field;
    e.onchange = changed;
    return e;
  }

  function layerItem(layer: HiddenLayer, index: number): HTMLLIElement {
    const li = document.createElement('li');
    const name = `hidden layer ${index + 1}`;
    const units = input('number', String(layer.units), `units of ${name}`, 'units');
    Object.assign(units, { min: '1', max: '64' });
    const rate = input('number', String(layer.dropout), `dropout rate after ${name}`, 'dropout');
    Object.assign(rate, { min: '0', max: '0.9', step: '0.05' });
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.textContent = '✕';
    remove.setAttribute('aria-label', `remove ${name}`);
    remove.onclick = () => {
      li.remove();
      changed();
    };
    li.append(
      units,
      ' units, ',
      select(ACTIVATIONS, layer.activation, `activation of ${name}`, 'activation'),
      ' ',
      select(INITIALIZERS, layer.initializer, `initializer of ${name}`, 'initializer'),
      ' dropout ',
      rate,
      ' ',
      remove,
    );
    return li;
  }

  /** The chosen optimizer's options, each with its current value and what it does. */
  function optionItems(c: Config): HTMLElement[] {
    return OPTIMIZER_OPTIONS[c.optimizer].map((o) => {
      const label = document.createElement('label');
      label.title = o.help;
      const value = optionValue(o, c.optimizerOptions);
      const e = document.createElement('input');
      e.dataset.option = o.name;
      e.setAttribute('aria-label', `${c.optimizer} ${o.name}: ${o.help}`);
      if (o.kind === 'boolean') {
        e.type = 'checkbox';
        e.checked = value === true;
      } else {
        Object.assign(e, { type: 'number', step: 'any', min: String(o.min), max: String(o.max) });
        e.value = String(value);
      }
      e.onchange = changed;
      label.append(`${o.name} `, e);
      return label;
    });
  }

  function show(c: Config): void {
    current = c;
    $<HTMLSelectElement>('data').value = c.data;
    $<HTMLInputElement>('samples').value = String(c.samples);
    $<HTMLOutputElement>('samples-value').value = String(c.samples);
    $<HTMLInputElement>('noise').value = String(c.noise);
    $<HTMLOutputElement>('noise-value').value = c.noise.toFixed(2);
    $<HTMLInputElement>('test').value = String(c.testFraction);
    $<HTMLOutputElement>('test-value').value = `${Math.round(100 * c.testFraction)}%`;
    layersList.replaceChildren(...c.layers.map(layerItem));
    $<HTMLSelectElement>('init').value = c.initializer;
    $<HTMLSelectElement>('penalty').value = c.penalty;
    $<HTMLInputElement>('lambda').value = String(c.lambda);
    $<HTMLInputElement>('lambda').disabled = c.penalty === 'none';
    $<HTMLSelectElement>('loss-select').value = c.loss;
    $<HTMLSelectElement>('optimizer').value = c.optimizer;
    optionsBox.replaceChildren(...optionItems(c));
    $<HTMLInputElement>('lr').value = String(c.learningRate);
    $<HTMLInputElement>('batch').value = String(c.batchSize);
    $<HTMLInputElement>('seed').value = String(c.seed);
    // Cross-entropy needs classes: a regression set offers MSE and MAE only.
    for (const option of $<HTMLSelectElement>('loss-select').options)
      option.disabled = option.value === 'crossEntropy' && isRegression(c);
    const made = c.data === 'xor' || c.data === 'csv' || c.data === 'icecream';
    for (const id of ['samples', 'noise']) $<HTMLInputElement>(id).disabled = made;
    $<HTMLInputElement>('test').disabled = c.data === 'xor';
  }

  for (const id of [
    'data',
    'samples',
    'noise',
    'test',
    'init',
    'penalty',
    'lambda',
    'loss-select',
    'optimizer',
    'lr',
    'batch',
    'seed',
  ])
    $(id).addEventListener('change', changed);
  $('add-layer').onclick = () => {
    if (layersList.children.length >= 8) return;
    const layer = newLayer($<HTMLSelectElement>('init').value as InitializerName);
    layersList.append(layerItem(layer, layersList.children.length));
    changed();
  };
  $('new-seed').onclick = () => {
    $<HTMLInputElement>('seed').value = String(Math.floor(Math.random() * 1e6));
    changed();
  };
  return { show };
}
