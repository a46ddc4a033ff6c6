import { oneHot } from '@backprop/data';
import { Matrix, Rng, randn } from '@backprop/linalg';
import { type Sequential, sequential } from '@backprop/model';
import type { Command } from 'commander';
import { positiveInt, seed } from './args';
import { BUILT_IN, loadDataset, modelTargets } from './data-source';
import { fromFlags, usage } from './errors';
import { parseLayers } from './layers';
import { checkFeatures, readModel } from './model-file';

/** The flags gradcheck and trace share: a saved model or a fresh one, and the data to use. */
export interface ProblemOptions {
  layers?: string;
  inputs: number;
  data?: string;
  samples: number;
  seed: number;
}

/** Adds the shared flags to a command. */
export function problemFlags(command: Command, samples: number): Command {
  return command
    .option('--layers <spec>', 'units:activation,… for a fresh network')
    .option('--inputs <n>', 'inputs of a fresh network', positiveInt('--inputs'), 4)
    .option(
      '--data <source>',
      `use this data (${BUILT_IN.join(' | ')} | file.csv | file.mat) instead of random inputs`,
    )
    .option('--samples <n>', 'samples to use', positiveInt('--samples'), samples)
    .option('--seed <n>', 'seed', seed, 0);
}

/** Random inputs and random class targets for a network given by --layers. */
function randomProblem(model: Sequential, samples: number, s: number): { X: Matrix; Y: Matrix } {
  const rng = new Rng(s);
  const X = randn(samples, model.inputSize, rng);
  const k = model.outputSize;
  const labels = Int32Array.from({ length: samples }, () => rng.int(k === 1 ? 2 : k));
  return { X, Y: k === 1 ? new Matrix(samples, 1, Float64Array.from(labels)) : oneHot(labels, k) };
}

/** The model (from the file, or built from --layers) and the (X, Y) to run it on. */
export async function modelAndProblem(
  command: string,
  file: string | undefined,
  o: ProblemOptions,
): Promise<{ model: Sequential; X: Matrix; Y: Matrix }> {
  if (!file && !o.layers) throw usage(`${command}: give a model file or --layers`);
  const model = file
    ? readModel(file)
    : fromFlags('--layers', () => sequential(o.inputs, parseLayers(o.layers!), { seed: o.seed }));
  if (!o.data) return { model, ...randomProblem(model, o.samples, o.seed) };
  const data = await loadDataset(o.data, { samples: o.samples, seed: o.seed });
  checkFeatures(model, data.X.cols, data.name);
  return { model, X: data.X, Y: modelTargets(model, data) };
}
