import { saveModelFile } from '@backprop/model/node';
import { Command } from 'commander';
import { usage } from '../errors';
import type { Io } from '../io';
import { isOnnxPath, readModel } from '../model-file';
import { checkOutputs } from '../outputs';

export function importCommand(io: Io): Command {
  return new Command('import')
    .description('read a model from another engine (an ONNX file) and save it as a backprop model')
    .argument(
      '<model.onnx>',
      'an ONNX file: a chain of dense layers, as torch.onnx.export writes for an MLP',
    )
    .requiredOption('--out <model.json>', 'the backprop model file to write')
    .option('--json', 'print one JSON document on stdout and nothing else', false)
    .addHelpText(
      'after',
      `
Reads Gemm (or MatMul + Add) layers with Relu, Sigmoid, Tanh, Softmax, LeakyRelu, Elu,
Softplus, GELU (tanh) and BatchNormalization; anything else is an error naming the node.
Every command that takes a model file also reads .onnx files directly.

Examples:
  $ backprop import mlp.onnx --out mlp.json
  $ backprop trace mlp.onnx --samples 1`,
    )
    .action((path: string, o: { out: string; json: boolean }) => {
      if (!isOnnxPath(path)) throw usage(`import: '${path}' is not an .onnx file`);
      checkOutputs([{ flag: '--out', path: o.out }]);
      const model = readModel(path);
      saveModelFile(o.out, model);
      io.out(
        o.json
          ? `${JSON.stringify({ command: 'import', file: path, out: o.out, inputSize: model.inputSize, outputSize: model.outputSize, parameters: model.parameterCount, layers: model.layers.map((l) => l.describe()) })}\n`
          : `${model.summary()}\nsaved the model to ${o.out}\n`,
      );
    });
}
