import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fromTfjsLayers } from '@backprop/interop';
import { isBackpropError } from '@backprop/linalg';
import { fromThetas, type Sequential } from '@backprop/model';
import { readModelBytes, saveModelFile } from '@backprop/model/node';
import { Command } from 'commander';
import { failure, usage } from '../errors';
import type { Io } from '../io';
import { isOnnxPath, readModel } from '../model-file';
import { checkOutputs } from '../outputs';
import { readThetas } from '../thetas-file';

/** A TensorFlow.js layers model.json and its weight files (read from the manifest's paths). */
function readTfjs(path: string): Sequential {
  let json: { weightsManifest?: { paths?: string[] }[] };
  try {
    json = JSON.parse(new TextDecoder().decode(readModelBytes(path)));
  } catch (e) {
    if (isBackpropError(e)) throw failure(e.message, e);
    throw failure(`${path}: not JSON (${(e as Error).message})`, e);
  }
  if ((json as { format?: unknown }).format === 'backprop.sequential')
    throw usage(
      `import: '${path}' is already a backprop model; import reads .onnx files and TensorFlow.js model.json files`,
    );
  const paths = (json.weightsManifest ?? []).flatMap((g) => g.paths ?? []);
  const parts = paths.map((p) => {
    const file = join(dirname(path), p);
    try {
      return readFileSync(file);
    } catch (e) {
      throw failure(
        `${path}: its weight file ${file} cannot be read (${(e as NodeJS.ErrnoException).code})`,
        e,
      );
    }
  });
  try {
    return fromTfjsLayers(json, Buffer.concat(parts));
  } catch (e) {
    if (isBackpropError(e)) throw failure(`${path}: ${e.message}`, e);
    throw e;
  }
}

/** The course's Thetas (Theta1, Theta2, …; bias in column 0) as a sigmoid network. */
async function readThetaModel(path: string): Promise<Sequential> {
  const thetas = await readThetas(path);
  try {
    return fromThetas(thetas);
  } catch (e) {
    if (isBackpropError(e)) throw failure(`${path}: ${e.message}`, e);
    throw e;
  }
}

export function importCommand(io: Io): Command {
  return new Command('import')
    .description(
      'read a model from another engine (ONNX, TensorFlow.js) and save it as a backprop model',
    )
    .argument(
      '<file>',
      'an ONNX file (.onnx), or a TensorFlow.js layers model.json with its weight files beside it',
    )
    .requiredOption('--out <model.json>', 'the backprop model file to write')
    .option('--json', 'print one JSON document on stdout and nothing else', false)
    .addHelpText(
      'after',
      `
ONNX: Gemm (or MatMul + Add) layers with Relu, Sigmoid, Tanh, Softmax, LeakyRelu, Elu, Softplus,
GELU (tanh) and BatchNormalization, as torch.onnx.export writes an MLP. TensorFlow.js: a
Sequential of Dense, Activation, ReLU, LeakyReLU, ELU, Softmax, Dropout and BatchNormalization
layers. A .mat: Theta1, Theta2, … with the bias in column 0 (ex4weights.mat), as a sigmoid
network. Anything else is an error naming the node or layer. Every command that takes a model
file also reads .onnx files directly.

Examples:
  $ backprop import mlp.onnx --out mlp.json
  $ backprop import tfjs/model.json --out model.json
  $ backprop import ex4weights.mat --out coursera.json
  $ backprop trace mlp.onnx --samples 1`,
    )
    .action(async (path: string, o: { out: string; json: boolean }) => {
      const lower = path.toLowerCase();
      if (!isOnnxPath(path) && !lower.endsWith('.json') && !lower.endsWith('.mat'))
        throw usage(
          `import: '${path}' is not an .onnx file, a TensorFlow.js model.json or a .mat of Thetas`,
        );
      checkOutputs([{ flag: '--out', path: o.out }]);
      const model = lower.endsWith('.json')
        ? readTfjs(path)
        : lower.endsWith('.mat')
          ? await readThetaModel(path)
          : readModel(path);
      saveModelFile(o.out, model);
      io.out(
        o.json
          ? `${JSON.stringify({ command: 'import', file: path, out: o.out, inputSize: model.inputSize, outputSize: model.outputSize, parameters: model.parameterCount, layers: model.layers.map((l) => l.describe()) })}\n`
          : `${model.summary()}\nsaved the model to ${o.out}\n`,
      );
    });
}
