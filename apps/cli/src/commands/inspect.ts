import { readFileSync } from 'node:fs';
import { parseCsv, parseIdx } from '@backprop/data';
import { loadCsv, readBytes } from '@backprop/data/node';
import { describeOnnx, fromOnnx, type OnnxDescription } from '@backprop/interop';
import type { MatValue } from '@backprop/mat';
import { loadMat } from '@backprop/mat/node';
import { documentInfo, fingerprint, load, type RunRecord } from '@backprop/model';
import { readModelBytes } from '@backprop/model/node';
import { Command } from 'commander';
import { failure, usage } from '../errors';
import { fixed, table } from '../format';
import type { Io } from '../io';
import { describeClasses } from '../labels';

function range(values: ArrayLike<number | bigint>): [number, number] {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i++) {
    const v = Number(values[i]!);
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return [min, max];
}

function counts(values: ArrayLike<number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (let i = 0; i < values.length; i++) out[values[i]!] = (out[values[i]!] ?? 0) + 1;
  return out;
}

function describeMat(v: MatValue) {
  const base = { name: v.name, class: v.class, kind: v.kind, dims: v.dims };
  if (v.kind === 'numeric')
    return { ...base, min: range(v.data)[0], max: range(v.data)[1], complex: v.imag !== undefined };
  if (v.kind === 'sparse')
    return { ...base, nonzeros: v.values.length, min: range(v.values)[0], max: range(v.values)[1] };
  if (v.kind === 'char')
    return { ...base, text: v.value.length > 40 ? `${v.value.slice(0, 40)}…` : v.value };
  if (v.kind === 'cell') return { ...base, cells: v.cells.length };
  return { ...base, fields: v.fields };
}

/** The weights' fingerprint, and what the saved run record says about them. */
function runLines(weights: string, run: RunRecord | null): string {
  if (!run) return `weights: ${weights}\n`;
  const same = run.weights === weights;
  return `weights: ${weights}${same ? " (the run's final fingerprint)" : ` — NOT the run's final fingerprint ${run.weights}`}\nrun: ${run.epochs.length} epochs fingerprinted${run.data ? `, data ${run.data}` : ''}${run.config ? `, config ${run.config}` : ''}\n`;
}

/** An ONNX file's graph, node by node, and the backprop model it reads as (or why it does not). */
function inspectOnnx(path: string): {
  kind: string;
  details: Record<string, unknown>;
  text: string;
} {
  const bytes = readModelBytes(path);
  let d: OnnxDescription;
  try {
    d = describeOnnx(bytes);
  } catch (e) {
    throw failure(`${path}: ${(e as Error).message}`, e);
  }
  let readsAs: string;
  let model: string[] | null = null;
  try {
    const m = fromOnnx(bytes);
    model = m.layers.map((l) => l.describe());
    readsAs = `reads as: ${m.summary()}`;
  } catch (e) {
    readsAs = `does not read as a backprop model: ${(e as Error).message}`;
  }
  const io = (list: { name: string; shape: string }[]) =>
    list.map((v) => `${v.name} [${v.shape}]`).join(', ');
  const text = `${path}: ONNX (IR version ${d.irVersion}${d.producer ? `, from ${d.producer}` : ''}; opsets ${d.opsets.map((o) => `${o.domain} ${o.version}`).join(', ')})
input ${io(d.inputs)} → output ${io(d.outputs)}; ${d.initializers} constant tensors, ${d.values} values
${table(
  ['node', 'op', 'inputs', 'outputs'],
  d.nodes.map((n) => [n.name, n.op, n.inputs.join(', '), n.outputs.join(', ')]),
)}${readsAs}
`;
  return { kind: 'onnx', details: { ...d, model }, text };
}

async function inspectFile(
  path: string,
  label: string | undefined,
): Promise<{ kind: string; details: Record<string, unknown>; text: string }> {
  const lower = path.toLowerCase();
  if (lower.endsWith('.mat')) {
    const mat = await loadMat(path);
    const vars = Object.values(mat.variables).map(describeMat);
    const text = `${path}: MAT-file ${mat.format}, ${mat.littleEndian ? 'little' : 'big'}-endian, ${vars.length} variables\n${table(
      ['name', 'class', 'dims', 'min', 'max'],
      vars.map((v) => [
        v.name,
        `${v.class}${v.kind === 'sparse' ? ' (sparse)' : ''}`,
        v.dims.join('x'),
        'min' in v ? fixed(v.min as number) : '',
        'max' in v ? fixed(v.max as number) : '',
      ]),
    )}`;
    return {
      kind: 'mat',
      details: { format: mat.format, header: mat.header, variables: vars },
      text,
    };
  }
  if (lower.endsWith('.onnx')) return inspectOnnx(path);
  if (lower.endsWith('.json')) {
    const bytes = readModelBytes(path);
    let model: ReturnType<typeof load>;
    try {
      model = load(bytes);
    } catch (e) {
      throw failure(`${path}: ${(e as Error).message}`, e);
    }
    const doc = documentInfo(bytes);
    const layers = model.layers.map((l, i) => ({
      index: i,
      type: l.type,
      inputs: l.inputs,
      units: l.units,
      config: l.toConfig(),
      parameters: l.params().reduce((n, p) => n + p.value.data.length, 0),
    }));
    const classes = model.classes ? `classes: ${describeClasses(model.classes)}\n` : '';
    const weights = fingerprint(model);
    const dtype =
      model.dtype === 'float32' ? 'dtype: float32 (stored widened to float64, exactly)\n' : '';
    const summary = `${path}: backprop model (document version ${doc.version})\n${model.summary()}\n${dtype}${classes}${doc.optimizer ? `optimizer: ${JSON.stringify({ name: doc.optimizer.name, config: doc.optimizer.config })}, ${doc.optimizer.iterations} steps taken\n` : 'no optimizer state saved\n'}${runLines(weights, doc.run)}`;
    return {
      kind: 'model',
      details: {
        inputSize: model.inputSize,
        outputSize: model.outputSize,
        parameters: model.parameterCount,
        classes: model.classes,
        layers,
        optimizer: doc.optimizer
          ? {
              name: doc.optimizer.name,
              config: doc.optimizer.config,
              steps: doc.optimizer.iterations,
            }
          : null,
        fingerprint: weights,
        run: doc.run,
      },
      text: summary,
    };
  }
  if (lower.endsWith('.csv')) {
    const head = parseCsv(readFileSync(path, 'utf8').split(/\r?\n/, 1)[0]!, { header: true });
    const column = label ?? (head.columns.includes('label') ? 'label' : undefined);
    const t = await loadCsv(
      path,
      column === undefined ? {} : { labelColumn: /^\d+$/.test(column) ? Number(column) : column },
    );
    const [min, max] = range(t.X.data);
    const labels = t.y ? counts(t.y) : null;
    const text = `${path}: CSV, ${t.X.rows} rows, ${t.X.cols} feature columns${t.label ? ` + label '${t.label}'` : ''}${t.header ? ', with header' : ''}\nfeature values: ${fixed(min)} .. ${fixed(max)}\n${
      labels
        ? `label counts:\n${table(
            ['label', 'count'],
            Object.entries(labels).map(([k, n]) => [k, n]),
          )}`
        : ''
    }`;
    return {
      kind: 'csv',
      details: {
        rows: t.X.rows,
        features: t.X.cols,
        header: t.header,
        columns: t.columns,
        label: t.label,
        min,
        max,
        labelCounts: labels,
      },
      text,
    };
  }
  if (/\.(gz|idx)$|ubyte$/.test(lower)) {
    const idx = await parseIdx(await readBytes(path), { file: path });
    const [min, max] = range(idx.data);
    const labels =
      idx.dims.length === 1 && idx.type !== 'float32' && idx.type !== 'float64'
        ? counts(idx.data)
        : null;
    const text = `${path}: IDX, ${idx.type}, dims ${idx.dims.join('x')}, values ${fixed(min)} .. ${fixed(max)}\n${
      labels
        ? `label counts:\n${table(
            ['label', 'count'],
            Object.entries(labels).map(([k, n]) => [k, n]),
          )}`
        : ''
    }`;
    return {
      kind: 'idx',
      details: { type: idx.type, dims: idx.dims, min, max, labelCounts: labels },
      text,
    };
  }
  throw usage(`inspect: '${path}' is not a .mat, .idx/.gz, .csv, model .json or .onnx file`);
}

export function inspectCommand(io: Io): Command {
  return new Command('inspect')
    .description('describe a .mat, .idx/.gz, .csv, model .json or .onnx file')
    .argument('<file>')
    .option('--label <column>', 'label column of a CSV file (default: "label" when present)')
    .option('--json', 'print one JSON document on stdout and nothing else', false)
    .addHelpText(
      'after',
      '\nExamples:\n  $ backprop inspect ex4weights.mat\n  $ backprop inspect train-labels-idx1-ubyte.gz\n  $ backprop inspect mnist.json --json',
    )
    .action(async (file: string, o: { label?: string; json: boolean }) => {
      const r = await inspectFile(file, o.label);
      io.out(
        o.json
          ? `${JSON.stringify({ command: 'inspect', file, kind: r.kind, ...r.details })}\n`
          : r.text,
      );
    });
}
