import { activationNames, getActivation } from '@backprop/activations';
import { getInitializer } from '@backprop/init';
import { type DenseSpec, type DropoutSpec, dense, dropout } from '@backprop/model';
import { fromFlags, usage } from './errors';

/**
 * `--layers 64:relu,32:relu,10:softmax` → layer specs. With `dropout`, a dropout layer follows
 * every hidden layer; `init` names the kernel initializer of every dense layer.
 */
export function parseLayers(
  text: string,
  options: { dropout?: number; init?: string } = {},
): (DenseSpec | DropoutSpec)[] {
  const parts = text.split(',').map((p) => p.trim());
  if (parts.length === 0 || parts.some((p) => p === ''))
    throw usage(
      `--layers: '${text}' has an empty layer; write units:activation,… (e.g. 64:relu,10:softmax)`,
    );
  const init =
    options.init === undefined
      ? undefined
      : fromFlags('--init', () => getInitializer(options.init!));
  const layers: (DenseSpec | DropoutSpec)[] = [];
  parts.forEach((part, i) => {
    const match = /^(\d+):([A-Za-z]+)$/.exec(part);
    if (!match)
      throw usage(
        `--layers: '${part}' is not units:activation (e.g. 64:relu,10:softmax; activations: ${activationNames.join(', ')})`,
      );
    const units = Number(match[1]);
    if (units < 1) throw usage(`--layers: '${part}' needs at least 1 unit`);
    if (!Number.isSafeInteger(units))
      throw usage(`--layers: '${part}': ${match[1]} units is not a layer size anyone can train`);
    const name = match[2]!;
    const activation = fromFlags('--layers', () => getActivation(name));
    if (units === 1 && name === 'softmax')
      throw usage(
        `--layers: '${part}': a softmax over 1 unit always outputs 1; for two classes end with 1:sigmoid (or 2:softmax)`,
      );
    layers.push(dense({ units, activation, ...(init ? { kernelInitializer: init } : {}) }));
    if (options.dropout && i < parts.length - 1) layers.push(dropout(options.dropout));
  });
  return layers;
}
