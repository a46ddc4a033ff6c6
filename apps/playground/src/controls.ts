import {
  ACTIVATIONS,
  type Activation,
  type Config,
  DATASETS,
  type HiddenLayer,
  INITIALIZERS,
  LOSSES,
  OPTIMIZERS,
  PENALTIES,
} from './config';
import { $ } from './dom';

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

  const read = (): Config => ({
    data: $<HTMLSelectElement>('data').value as Config['data'],
    samples: Number($<HTMLInputElement>('samples').value),
    noise: Number($<HTMLInputElement>('noise').value),
    testFraction: Number($<HTMLInputElement>('test').value),
    layers: [...layersList.querySelectorAll('li')].map((li) => ({
      units: Math.min(64, Math.max(1, Math.round(Number(li.querySelector('input')!.value) || 1))),
      activation: li.querySelector('select')!.value as Activation,
    })),
    initializer: $<HTMLSelectElement>('init').value as Config['initializer'],
    dropout: Math.min(0.9, Math.max(0, Number($<HTMLInputElement>('dropout').value) || 0)),
    penalty: $<HTMLSelectElement>('penalty').value as Config['penalty'],
    lambda: Math.min(10, Math.max(0, Number($<HTMLInputElement>('lambda').value) || 0)),
    loss: $<HTMLSelectElement>('loss-select').value as Config['loss'],
    optimizer: $<HTMLSelectElement>('optimizer').value as Config['optimizer'],
    learningRate: Number($<HTMLInputElement>('lr').value) || current!.learningRate,
    batchSize: Math.max(0, Math.round(Number($<HTMLInputElement>('batch').value) || 0)),
    seed: Math.max(0, Math.round(Number($<HTMLInputElement>('seed').value) || 0)),
  });
  const changed = () => {
    current = read();
    show(current);
    onChange(current);
  };

  function layerItem(layer: HiddenLayer, index: number): HTMLLIElement {
    const li = document.createElement('li');
    const units = document.createElement('input');
    units.type = 'number';
    units.min = '1';
    units.max = '64';
    units.value = String(layer.units);
    units.setAttribute('aria-label', `units of hidden layer ${index + 1}`);
    const activation = document.createElement('select');
    fillSelect(activation, ACTIVATIONS);
    activation.value = layer.activation;
    activation.setAttribute('aria-label', `activation of hidden layer ${index + 1}`);
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.textContent = '✕';
    remove.setAttribute('aria-label', `remove hidden layer ${index + 1}`);
    remove.onclick = () => {
      li.remove();
      changed();
    };
    units.onchange = changed;
    activation.onchange = changed;
    li.append(units, ' units, ', activation, ' ', remove);
    return li;
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
    $<HTMLInputElement>('dropout').value = String(c.dropout);
    $<HTMLSelectElement>('penalty').value = c.penalty;
    $<HTMLInputElement>('lambda').value = String(c.lambda);
    $<HTMLInputElement>('lambda').disabled = c.penalty === 'none';
    $<HTMLSelectElement>('loss-select').value = c.loss;
    $<HTMLSelectElement>('optimizer').value = c.optimizer;
    $<HTMLInputElement>('lr').value = String(c.learningRate);
    $<HTMLInputElement>('batch').value = String(c.batchSize);
    $<HTMLInputElement>('seed').value = String(c.seed);
    const made = c.data === 'xor' || c.data === 'csv';
    for (const id of ['samples', 'noise']) $<HTMLInputElement>(id).disabled = made;
    $<HTMLInputElement>('test').disabled = c.data === 'xor';
  }

  for (const id of [
    'data',
    'samples',
    'noise',
    'test',
    'init',
    'dropout',
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
    layersList.append(layerItem({ units: 4, activation: 'tanh' }, layersList.children.length));
    changed();
  };
  $('new-seed').onclick = () => {
    $<HTMLInputElement>('seed').value = String(Math.floor(Math.random() * 1e6));
    changed();
  };
  return { show };
}
