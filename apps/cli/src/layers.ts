import { type Activation, activationNames, getActivation } from '@backprop/activations';
import { getInitializer } from '@backprop/init';
import { type DenseSpec, type DropoutSpec, dense, dropout } from '@backprop/model';
import { fromFlags, usage } from './errors';

/** How one layer is written, for error messages. */
const GRAMMAR =
  'units:activation[(option)][:nobias][:l1(λ)|:l2(λ)], e.g. 64:relu:l2(0.001),8:leakyRelu(0.1),10:softmax';

/**
 * `--layers 64:relu,32:relu,10:softmax` → layer specs. A layer may add, after its activation:
 * an activation option in parentheses (`leakyRelu(0.1)`, `elu(0.5)`), `:nobias` (no bias), and
 * `:l2(λ)` / `:l1(λ)` (an activity regulariser on its outputs, as Keras's activity_regularizer).
 * With `dropout`, a dropout layer follows every hidden layer; `init` names the kernel initializer
 * of every dense layer.
 */
export function parseLayers(
  text: string,
  options: { dropout?: number; init?: string } = {},
): (DenseSpec | DropoutSpec)[] {
  const parts = text.split(/,(?![^(]*\))/).map((p) => p.trim());
  if (parts.length === 0 || parts.some((p) => p === ''))
    throw usage(`--layers: '${text}' has an empty layer; write ${GRAMMAR}`);
  const init =
    options.init === undefined
      ? undefined
      : fromFlags('--init', () => getInitializer(options.init!));
  const layers: (DenseSpec | DropoutSpec)[] = [];
  parts.forEach((part, i) => {
    layers.push({ ...parseLayer(part), ...(init ? { kernelInitializer: init } : {}) });
    if (options.dropout && i < parts.length - 1) layers.push(dropout(options.dropout));
  });
  return layers;
}

function parseLayer(part: string): DenseSpec {
  const [head, name, ...modifiers] = part.split(':');
  if (!(head && /^\d+$/.test(head) && name))
    throw usage(
      `--layers: '${part}' is not ${GRAMMAR} (activations: ${activationNames.join(', ')})`,
    );
  const units = Number(head);
  if (units < 1) throw usage(`--layers: '${part}' needs at least 1 unit`);
  if (!Number.isSafeInteger(units))
    throw usage(`--layers: '${part}': ${head} units is not a layer size anyone can train`);
  const activation = parseActivation(part, name);
  if (units === 1 && activation.name === 'softmax')
    throw usage(
      `--layers: '${part}': a softmax over 1 unit always outputs 1; for two classes end with 1:sigmoid (or 2:softmax)`,
    );
  return dense({ units, activation, ...parseModifiers(part, modifiers) });
}

/** `relu`, or `leakyRelu(0.1)`: the number is the activation's one option. */
function parseActivation(part: string, text: string): Activation {
  const match = /^([A-Za-z]+)(?:\((.*)\))?$/.exec(text);
  if (!match)
    throw usage(`--layers: '${part}': '${text}' is not an activation or activation(option)`);
  const name = match[1]!;
  const plain = fromFlags('--layers', () => getActivation(name));
  if (match[2] === undefined) return plain;
  const config = (plain.toConfig() as { config?: Record<string, unknown> }).config ?? {};
  const keys = Object.keys(config);
  if (keys.length !== 1) throw usage(`--layers: '${part}': ${name} takes no option in parentheses`);
  const value = parseNumber(part, match[2]);
  return fromFlags('--layers', () => getActivation({ name, config: { [keys[0]!]: value } }));
}

function parseModifiers(part: string, modifiers: string[]): Partial<DenseSpec> {
  const spec: Partial<DenseSpec> = {};
  for (const modifier of modifiers) {
    const activity = /^(l1|l2)\((.*)\)$/.exec(modifier);
    if (modifier === 'nobias' && spec.useBias === undefined) spec.useBias = false;
    else if (activity && spec.activityRegularizer === undefined)
      spec.activityRegularizer = {
        name: activity[1] as 'l1' | 'l2',
        lambda: parseLambda(part, activity[2]!),
      };
    else
      throw usage(
        `--layers: '${part}': '${modifier}' is not nobias, l1(λ) or l2(λ) (each at most once)`,
      );
  }
  return spec;
}

function parseLambda(part: string, text: string): number {
  const lambda = parseNumber(part, text);
  if (lambda < 0) throw usage(`--layers: '${part}': λ must be >= 0, got ${lambda}`);
  return lambda;
}

function parseNumber(part: string, text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value))
    throw usage(`--layers: '${part}': '${text}' is not a number`);
  return value;
}
