import { parseCsv, parseIdx } from '@backprop/data';
import { loadCsv, readBytes } from '@backprop/data/node';
import type { Matrix } from '@backprop/linalg';
import { loadMat } from '@backprop/mat/node';
import { classesOf, predict, type Sequential } from '@backprop/model';
import { writeFileAtomic } from '@backprop/model/node';
import { Command } from 'commander';
import { scaleText } from '../args';
import { isRegressor, scaleInputs } from '../data-source';
import { failure, usage } from '../errors';
import type { Io } from '../io';
import { modelClasses } from '../labels';
import { checkFeatures, readModel } from '../model-file';
import { checkOutputs } from '../outputs';
import { readStdin } from '../stdin';

interface PredictOptions {
  input: string;
  x: string;
  scale?: string;
  format: 'csv' | 'json';
  out?: string;
  json: boolean;
}

/** Features from a CSV (a 'label' column is dropped; `-` reads standard input), IDX (images, scaled) or MAT file. */
async function readInput(path: string, o: PredictOptions, inputs: number): Promise<Matrix> {
  const lower = path.toLowerCase();
  if (path === '-' || lower.endsWith('.csv')) {
    const text = path === '-' ? await readStdin() : null;
    const read = (options: { labelColumn?: string; labelType?: 'value' } = {}) =>
      text === null ? loadCsv(path, options) : parseCsv(text, { file: '<stdin>', ...options });
    const probe = await read();
    if (probe.X.cols === inputs + 1 && probe.header && probe.columns.includes('label'))
      return (await read({ labelColumn: 'label', labelType: 'value' })).X;
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
    if (o.scale === undefined) return idx.toMatrix({ scale: idx.type === 'uint8' ? 1 / 255 : 1 });
    return idx.toMatrix();
  }
  throw usage(
    `--input: '${path}' is not a .csv, .idx (or .gz) or .mat file, or - for CSV on standard input`,
  );
}

export function predictCommand(io: Io): Command {
  return new Command('predict')
    .description('predictions of a saved model for new inputs')
    .argument('<model.json>', 'a model saved by backprop train --out')
    .requiredOption(
      '--input <file>',
      'a .csv, .idx/.gz (images) or .mat file of inputs; - reads CSV from standard input',
    )
    .option('--x <name>', 'variable holding the inputs in a .mat file', 'X')
    .option(
      '--scale <factor|1/N>',
      'multiply every input value by this, or divide by N for 1/N (the same --scale as train was given; default for uint8 IDX images: 1/255)',
      scaleText('--scale'),
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
      checkOutputs([{ flag: '--out', path: o.out }]);
      const model = readModel(file);
      const read = await readInput(o.input, o, model.inputSize);
      const X = o.scale === undefined ? read : scaleInputs(read, o.scale);
      checkFeatures(model, X.cols, o.input === '-' ? '<stdin>' : o.input);
      const outputs = predict(model, X);
      const json = o.json || o.format === 'json';
      const text = isRegressor(model)
        ? regressionText(file, o.input, outputs, json)
        : classificationText(file, o.input, model, outputs, json);
      if (o.out) {
        writeFileAtomic(o.out, text);
        if (!json) io.err(`wrote ${X.rows} predictions to ${o.out}\n`);
        else io.out(`${JSON.stringify({ command: 'predict', rows: X.rows, out: o.out })}\n`);
      } else io.out(text);
    });
}

/** A regressor's predictions: the fitted value of every row. */
function regressionText(file: string, input: string, outputs: Matrix, json: boolean): string {
  const values = Array.from(outputs.data);
  return json
    ? `${JSON.stringify({ command: 'predict', model: file, input, task: 'regression', predictions: values, outputs: outputs.toArray() })}\n`
    : `prediction\n${values.join('\n')}\n`;
}

/** A classifier's predictions: the class of every row (and its name), then the outputs. */
function classificationText(
  file: string,
  input: string,
  model: Sequential,
  outputs: Matrix,
  json: boolean,
): string {
  const indices = classesOf(outputs);
  const { values, names } = modelClasses(model);
  const labels = Array.from(indices, (k) => values[k]!);
  // A name column only when some class has a name other than its value (Fashion-MNIST's).
  const named = names.some((n, k) => n !== String(values[k]));
  return json
    ? `${JSON.stringify({ command: 'predict', model: file, input, predictions: labels, names: Array.from(indices, (k) => names[k]!), outputs: outputs.toArray() })}\n`
    : `prediction,${named ? 'name,' : ''}${Array.from({ length: outputs.cols }, (_, k) => `output${k}`).join(',')}\n${outputs
        .toArray()
        .map(
          (row, i) =>
            `${labels[i]},${named ? `${csvText(names[indices[i]!]!)},` : ''}${row.join(',')}`,
        )
        .join('\n')}\n`;
}

/** A CSV cell for text: quoted when it holds a delimiter, a quote or a line break. */
function csvText(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
