import { basename, dirname, join } from 'node:path';
import { type OnnxDtype, toMat, toOnnx, toTfjsLayers } from '@backprop/interop';
import { documentInfo, type Sequential } from '@backprop/model';
import { readModelBytes, writeFileAtomic } from '@backprop/model/node';
import { Command, Option } from 'commander';
import { failure } from '../errors';
import type { Io } from '../io';
import { isOnnxPath, readModel } from '../model-file';
import { checkOutputs } from '../outputs';

type Format = 'onnx' | 'tfjs' | 'mat';

interface ExportOptions {
  format?: Format;
  out: string;
  /** Absent: the model's own dtype. */
  dtype?: OnnxDtype;
  json: boolean;
}

/** The files one export writes: path → bytes or text. */
type Written = { path: string; content: Uint8Array | string }[];

/** --format, or the one --out's name implies (.json → tfjs, .mat → mat, anything else → onnx). */
function formatOf(o: ExportOptions): Format {
  if (o.format) return o.format;
  const out = o.out.toLowerCase();
  return out.endsWith('.json') ? 'tfjs' : out.endsWith('.mat') ? 'mat' : 'onnx';
}

const DESCRIPTION: Record<Format, (dtype: string) => string> = {
  onnx: (dtype) => `ONNX (opset 17, ${dtype})`,
  tfjs: () => 'TensorFlow.js layers model (float32)',
  mat: () => "MAT-file of the course's Thetas (Theta1, …; bias in column 0)",
};

/** The tfjs weight file beside model.json: `model.weights.bin` for `model.json`. */
function weightsPathFor(out: string): string {
  return `${basename(out).replace(/\.json$/i, '')}.weights.bin`;
}

/** The saved optimizer, for the ONNX file's metadata: only a backprop model file has one. */
function trainingOf(path: string): { optimizer: object; steps: number } | undefined {
  if (isOnnxPath(path)) return undefined;
  const doc = documentInfo(readModelBytes(path));
  return doc.optimizer
    ? {
        optimizer: { name: doc.optimizer.name, config: doc.optimizer.config },
        steps: doc.optimizer.iterations,
      }
    : undefined;
}

function onnxFiles(model: Sequential, path: string, o: ExportOptions): Written {
  const dtype = o.dtype ?? model.dtype;
  return [{ path: o.out, content: toOnnx(model, { dtype, training: trainingOf(path) }) }];
}

function tfjsFiles(model: Sequential, o: ExportOptions): Written {
  const weightsPath = weightsPathFor(o.out);
  const files = toTfjsLayers(model, { weightsPath });
  return [
    { path: join(dirname(o.out), weightsPath), content: files.weights },
    { path: o.out, content: `${JSON.stringify(files.modelJson)}\n` },
  ];
}

function exportModel(io: Io, path: string, o: ExportOptions): void {
  const format = formatOf(o);
  const outputs = [{ flag: '--out', path: o.out }];
  if (format === 'tfjs')
    outputs.push({ flag: '--out (weights)', path: join(dirname(o.out), weightsPathFor(o.out)) });
  checkOutputs(outputs);
  const model = readModel(path);
  let files: Written;
  try {
    files =
      format === 'onnx'
        ? onnxFiles(model, path, o)
        : format === 'tfjs'
          ? tfjsFiles(model, o)
          : [{ path: o.out, content: toMat(model) }];
  } catch (e) {
    throw failure(`${path}: ${(e as Error).message}`, e);
  }
  // The weights first: model.json never names a weight file that is not there.
  for (const f of files) writeFileAtomic(f.path, [f.content]);
  const bytes = files.reduce(
    (n, f) => n + (typeof f.content === 'string' ? Buffer.byteLength(f.content) : f.content.length),
    0,
  );
  const dtype =
    format === 'onnx' ? (o.dtype ?? model.dtype) : format === 'tfjs' ? 'float32' : 'float64';
  const what = DESCRIPTION[format](dtype);
  io.out(
    o.json
      ? `${JSON.stringify({ command: 'export', model: path, format, dtype, files: files.map((f) => f.path), bytes })}\n`
      : `wrote ${files.map((f) => f.path).join(' and ')}: ${what}, ${model.summary().split('\n')[0]}, ${bytes} bytes\n`,
  );
}

export function exportCommand(io: Io): Command {
  return new Command('export')
    .description(
      "write a saved model in another engine's format (ONNX, TensorFlow.js), to run it elsewhere",
    )
    .argument('<model.json>', 'a model saved by backprop train --out')
    .addOption(
      new Option(
        '--format <format>',
        'onnx or tfjs (default: tfjs for an --out ending in .json, else onnx)',
      ).choices(['onnx', 'tfjs']),
    )
    .requiredOption(
      '--out <file>',
      'the file to write: model.onnx, or the tfjs model.json (its weights go beside it)',
    )
    .addOption(
      new Option(
        '--dtype <dtype>',
        "ONNX weights' element type: float64 keeps them exactly, float32 is what servers and browsers run (default: the model's own, float64 unless it was trained with --dtype float32)",
      ).choices(['float64', 'float32']),
    )
    .option('--json', 'print one JSON document on stdout and nothing else', false)
    .addHelpText(
      'after',
      `
The ONNX file (opset 17, dynamic batch) runs in ONNX Runtime with the model's predictions
(float64: to 1e-12; float32: to 1e-5). The TensorFlow.js files (model.json and
model.weights.bin, float32) load with tf.loadLayersModel. backprop import reads both back.
The MAT-file holds the course's Theta1, Theta2, … (bias in column 0) for Octave, MATLAB,
scipy and backprop cost.

Examples:
  $ backprop export model.json --out model.onnx
  $ backprop export model.json --out model.onnx --dtype float32
  $ backprop export model.json --out tfjs/model.json
  $ backprop export model.json --out thetas.mat`,
    )
    .action((path: string, o: ExportOptions) => {
      exportModel(io, path, o);
    });
}
