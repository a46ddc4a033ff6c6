import { type OnnxDtype, toOnnx } from '@backprop/interop';
import { documentInfo } from '@backprop/model';
import { readModelBytes, writeFileAtomic } from '@backprop/model/node';
import { Command, Option } from 'commander';
import { failure, usage } from '../errors';
import type { Io } from '../io';
import { readModel } from '../model-file';
import { checkOutputs } from '../outputs';

interface ExportOptions {
  format: 'onnx';
  out: string;
  dtype: OnnxDtype;
  json: boolean;
}

export function exportCommand(io: Io): Command {
  return new Command('export')
    .description("write a saved model in another engine's format (ONNX), to run it elsewhere")
    .argument('<model.json>', 'a model saved by backprop train --out')
    .addOption(
      new Option('--format <format>', 'the format to write').choices(['onnx']).default('onnx'),
    )
    .requiredOption('--out <file>', 'the file to write (e.g. model.onnx)')
    .addOption(
      new Option(
        '--dtype <dtype>',
        "the weights' element type: float64 keeps them exactly, float32 is what servers and browsers run",
      )
        .choices(['float64', 'float32'])
        .default('float64'),
    )
    .option('--json', 'print one JSON document on stdout and nothing else', false)
    .addHelpText(
      'after',
      `
The ONNX file (opset 17, dynamic batch) runs in ONNX Runtime with the model's predictions
(float64: to 1e-12; float32: to 1e-5); backprop import reads it back.

Examples:
  $ backprop export model.json --out model.onnx
  $ backprop export model.json --out model.onnx --dtype float32`,
    )
    .action((path: string, o: ExportOptions) => {
      if (o.format !== 'onnx') throw usage(`--format: '${o.format}' is not a format export writes`);
      checkOutputs([{ flag: '--out', path: o.out }]);
      const model = readModel(path);
      const doc = documentInfo(readModelBytes(path));
      const training = doc.optimizer
        ? {
            optimizer: { name: doc.optimizer.name, config: doc.optimizer.config },
            steps: doc.optimizer.iterations,
          }
        : undefined;
      let bytes: Uint8Array;
      try {
        bytes = toOnnx(model, { dtype: o.dtype, training });
      } catch (e) {
        throw failure(`${path}: ${(e as Error).message}`, e);
      }
      writeFileAtomic(o.out, [bytes]);
      const summary = {
        command: 'export',
        model: path,
        out: o.out,
        format: o.format,
        dtype: o.dtype,
        bytes: bytes.length,
      };
      io.out(
        o.json
          ? `${JSON.stringify(summary)}\n`
          : `wrote ${o.out}: ONNX (opset 17, ${o.dtype}), ${model.summary().split('\n')[0]}, ${bytes.length} bytes\n`,
      );
    });
}
