import { type Config, isRegression } from './config';
import { waveCode } from './wave';

/** How the playground's session builds the data set of a configuration, as code. */
function dataLines(c: Config, csv: CsvFile | null): { imports: string[]; lines: string[] } {
  if (c.data === 'xor') return { imports: ['xor'], lines: ['const all = xor();'] };
  if (c.data === 'icecream')
    return {
      imports: ['iceCream16'],
      lines: [
        "// The thesis's 16 days, both columns /10 as it scales them.",
        'const all = iceCream16({ scale: 10 });',
      ],
    };
  if (c.data === 'wave') return { imports: [], lines: waveCode(c.samples, c.noise) };
  if (c.data === 'csv')
    return {
      imports: ['parseCsv'],
      lines: [
        `// ${csv?.name ?? 'points.csv'}: x, y and an integer class label per row.`,
        `const table = parseCsv(readFileSync(${JSON.stringify(csv?.name ?? 'points.csv')}, 'utf8'), { labelColumn: 2 });`,
        'const labels = [...new Set(table.y!)].sort((a, b) => a - b);',
        'const K = labels.length;',
        'const all = { X: new Matrix(table.X.rows, 2), Y: new Matrix(table.X.rows, K === 2 ? 1 : K) };',
        'for (let i = 0; i < table.X.rows; i++) {',
        '  all.X.data[2 * i] = table.X.data[i * table.X.cols]!;',
        '  all.X.data[2 * i + 1] = table.X.data[i * table.X.cols + 1]!;',
        '  const k = labels.indexOf(table.y![i]!);',
        '  if (K === 2) all.Y.data[i] = k;',
        '  else all.Y.data[i * K + k] = 1;',
        '}',
      ],
    };
  const make = {
    moons: `moons(${c.samples}, ${c.noise}, rng)`,
    circles: `circles(${c.samples}, ${c.noise}, rng)`,
    spirals: `spirals(${Math.max(2, Math.round(c.samples / 2))}, 2, rng, ${c.noise})`,
    planar: `planar(${2 * Math.round(c.samples / 2)}, rng)`,
  }[c.data];
  return { imports: [c.data], lines: [`const all = ${make};`] };
}

/** The optimizer's config as code: the learning rate and the options that differ from defaults. */
function optimizerConfig(c: Config): string {
  const entries = [`learningRate: ${c.learningRate}`].concat(
    Object.entries(c.optimizerOptions).map(([name, v]) => `${name}: ${v}`),
  );
  return `{ ${entries.join(', ')} }`;
}

/** A dropped CSV file: its name (the generated code reads it from there) and its classes. */
export interface CsvFile {
  name: string;
  classes: number;
}

/**
 * TypeScript that builds and trains the same network on the same data with the backprop
 * packages — the same seeds, the same epochs: it ends at the page's loss, to the last digit
 * (a test runs it). `epochs` is how many the page has trained.
 */
export function codeFor(
  c: Config,
  epochs: number,
  csv: CsvFile | null = null,
  /** Mini-batches the page has trained of the epoch after `epochs` ("One step"). */
  batches = 0,
): string {
  const data = dataLines(c, csv);
  const classes = c.data === 'csv' ? (csv?.classes ?? 2) : 2;
  const regression = isRegression(c);
  const matrix = c.data === 'csv' || c.data === 'wave';
  const split = c.data !== 'xor' && c.testFraction > 0;
  const imports = [...data.imports, ...(split ? ['trainTestSplit'] : [])].sort();
  const hidden = c.layers.flatMap((l) => [
    `    dense({ units: ${l.units}, activation: '${l.activation}', kernelInitializer: '${l.initializer}' }),`,
    ...(l.dropout > 0 ? [`    dropout(${l.dropout}),`] : []),
  ]);
  const init = `, kernelInitializer: '${c.initializer}'`;
  const output = regression
    ? `    dense({ units: 1, activation: 'linear'${init} }), // one numeric target`
    : classes === 2
      ? `    dense({ units: 1, activation: 'sigmoid'${init} }), // 2 classes (softmax for more)`
      : `    dense({ units: ${classes}, activation: 'softmax'${init} }),`;
  const penalty =
    c.penalty === 'none'
      ? ''
      : `penalty: { name: '${c.penalty}', config: { lambda: ${c.lambda} } }`;
  // Options fit and evaluate both take: the penalty, and the loss when it is not the output's own.
  const extra = [
    penalty,
    c.loss !== 'crossEntropy' ? `loss: '${c.loss}'` : regression ? "loss: 'mse'" : '',
  ]
    .filter(Boolean)
    .join(', ');
  const batch = c.batchSize === 0 ? "'full'" : `X.rows <= ${c.batchSize} ? 'full' : ${c.batchSize}`;
  return [
    ...(imports.length ? [`import { ${imports.join(', ')} } from '@backprop/data';`] : []),
    ...(c.data === 'csv' ? [`import { readFileSync } from 'node:fs';`] : []),
    `import { ${matrix ? 'Matrix, ' : ''}Rng } from '@backprop/linalg';`,
    `import { dense, ${c.layers.some((l) => l.dropout > 0) ? 'dropout, ' : ''}evaluate, fit, sequential } from '@backprop/model';`,
    `import { getOptimizer } from '@backprop/optim';`,
    '',
    `const rng = new Rng(${c.seed});`,
    ...data.lines,
    ...(split
      ? [
          `const split = trainTestSplit(all.X, all.Y, { testSize: ${c.testFraction}, rng: rng.fork() });`,
          'const [X, Y] = [split.XTrain, split.yTrain];',
        ]
      : ['const [X, Y] = [all.X, all.Y];']),
    '',
    'const model = sequential(',
    `  ${regression ? 1 : 2},`,
    '  [',
    ...hidden,
    output,
    '  ],',
    `  { seed: ${c.seed} },`,
    ');',
    `const optimizer = getOptimizer({ name: '${c.optimizer}', config: ${optimizerConfig(c)} });`,
    '',
    '// One epoch at a time, each shuffled with its own seed, as the playground trains.',
    ...(batches > 0
      ? [
          `// (The page is ${batches} mini-batch${batches === 1 ? '' : 'es'} into epoch ${epochs + 1}; this stops at the end of epoch ${epochs}.)`,
        ]
      : []),
    `for (let epoch = 1; epoch <= ${epochs}; epoch++)`,
    `  fit(model, X, Y, { optimizer, epochs: 1, batchSize: ${c.batchSize === 0 ? batch : `(${batch})`}, seed: ${c.seed} + epoch${extra ? `, ${extra}` : ''} });`,
    `console.log(\`loss after ${epochs} epochs: \${evaluate(model, X, Y${extra ? `, { ${extra} }` : ''}).loss}\`);`,
    '',
  ].join('\n');
}
