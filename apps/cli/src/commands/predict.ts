import { writeFileSync } from 'node:fs';
import { parseIdx } from '@backprop/data';
import { loadCsv, loadMat, readBytes } from '@backprop/data/node';
import type { Matrix } from '@backprop/linalg';
import { classesOf, predict } from '@backprop/model';
import { Command } from 'commander';
import { number } from '../args';
import { failure, usage } from '../errors';
import type { Io } from '../io';
import { checkFeatures, readModel } from '../model-file';

interface PredictOptions {
  input: string;
  x: string;
  scale?: number;
  format: 'csv' | 'json';
  out?: string;
  json: boolean;
}

/** Features from a CSV (a 'label' column is dropped), IDX (images, scaled) or MAT file. */
async function readInput(path: string, o: PredictOptions, inputs: number): Promise<Matrix> {
  const lower = path.toLowerCase();
  if (lower.endsWith('.csv')) {
    const probe = await loadCsv(path);
    if (probe.X.cols === inputs + 1 && probe.header && probe.columns.includes('label'))
      return (await loadCsv(path, { labelColumn: 'label' })).X;
    return probe.X;
  }
  if (lower.endsWith('.mat')) {
    const v = (await loadMat(path)).variables[o.x];
    if (!v) throw usage(`--x: ${path} has no variable '${o.x}'`);
    if (v.kind !== 'numeric' && v.kind !== 'sparse')
      throw failure(`${path}: '${o.x}' is ${v.class}, not a numeric matrix`);
    return v.toMatrix();
  }
  if (/\.(idx\d?-?ubyte|idx|gz)$|ubyte$/.test(lower)) {
    const idx = await parseIdx(await readBytes(path), { file: path });
    return idx.toMatrix({ scale: o.scale ?? (idx.type === 'uint8' ? 1 / 255 : 1) });
  }
  throw usage(`--input: '${path}' is not a .csv, .idx (or .gz) or .mat file`);
}

export function predictCommand(io: Io): Command {
  return new Command('predict')
    .description('predictions of a saved model for new inputs')
    .argument('<model.json>', 'a model saved by backprop train --out')
    .requiredOption('--input <file>', 'a .csv, .idx/.gz (images) or .mat file of inputs')
    .option('--x <name>', 'variable holding the inputs in a .mat file', 'X')
    .option(
      '--scale <factor>',
      'multiply IDX values by this (default 1/255 for uint8 images)',
      number('--scale'),
    )
    .option('--format <csv|json>', 'output format', 'csv')
    .option('--out <file>', 'write the predictions here instead of stdout')
    .option('--json', 'same as --format json', false)
    .addHelpText(
      'after',
      '\nExamples:\n  $ backprop predict mnist.json --input t10k-images-idx3-ubyte.gz --out predictions.csv\n  $ backprop predict model.json --input new.csv --format json',
    )
    .action(async (file: string, o: PredictOptions) => {
      if (o.format !== 'csv' && o.format !== 'json')
        throw usage(`--format must be csv or json, got '${o.format}'`);
      const model = readModel(file);
      const X = await readInput(o.input, o, model.inputSize);
      checkFeatures(model, X.cols, o.input);
      const outputs = predict(model, X);
      const classes = classesOf(outputs);
      const json = o.json || o.format === 'json';
      const text = json
        ? `${JSON.stringify({ command: 'predict', model: file, input: o.input, predictions: Array.from(classes), outputs: outputs.toArray() })}\n`
        : `prediction,${Array.from({ length: outputs.cols }, (_, k) => `output${k}`).join(',')}\n${outputs
            .toArray()
            .map((row, i) => `${classes[i]},${row.join(',')}`)
            .join('\n')}\n`;
      if (o.out) {
        writeFileSync(o.out, text);
        if (!json) io.err(`wrote ${X.rows} predictions to ${o.out}\n`);
        else io.out(`${JSON.stringify({ command: 'predict', rows: X.rows, out: o.out })}\n`);
      } else io.out(text);
    });
}
