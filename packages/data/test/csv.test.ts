import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Rng } from '@backprop/linalg';
import { afterAll, describe, expect, it } from 'vitest';
import {
  CsvScanner,
  cellText,
  type DataFormatError,
  isDataFormatError,
  parseCsv,
  parseStrictNumber,
} from '../src/index';
import { loadCsv } from '../src/node/index';

const rows = (t: ReturnType<typeof parseCsv>) => t.X.toArray();

describe('parseCsv', () => {
  it('reads numbers, with or without a header (auto-detected)', () => {
    expect(rows(parseCsv('1,2\n3,4\n'))).toEqual([
      [1, 2],
      [3, 4],
    ]);
    const t = parseCsv('a,b\n1,2\n');
    expect([t.header, t.columns, rows(t)]).toEqual([true, ['a', 'b'], [[1, 2]]]);
    expect(parseCsv('a,b\n', { header: true }).X.shape).toEqual([0, 2]);
    expect(parseCsv('1,2\n', { header: false }).X.shape).toEqual([1, 2]);
  });

  it('RFC 4180: quotes, escaped quotes, delimiters and line breaks inside quotes, CRLF, BOM, blank lines', () => {
    const text = '\uFEFF"name ""x""","b,c"\r\n"1",2\r\n\r\n\n3,"4"\r\n';
    const t = parseCsv(text);
    expect(t.columns).toEqual(['name "x"', 'b,c']);
    expect(rows(t)).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(parseCsv('"multi\nline",c\n1,2\n').columns).toEqual(['multi\nline', 'c']);
    expect(rows(parseCsv('1;2\n3;4', { delimiter: ';' }))).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });

  it("Kaggle's MNIST layout: label by name or index, classes checked", () => {
    const text = `label,${Array.from({ length: 4 }, (_, i) => `pixel${i}`).join(',')}\n7,0,0,255,12\n2,1,2,3,4\n`;
    const t = parseCsv(text, { labelColumn: 'label', numClasses: 10 });
    expect([t.label, t.columns.length, Array.from(t.y!), rows(t)[0]]).toEqual([
      'label',
      4,
      [7, 2],
      [0, 0, 255, 12],
    ]);
    expect(
      Array.from(parseCsv('5,1.5\n6,2.5\n', { labelColumn: 1, labelType: 'value' }).y!),
    ).toEqual([1.5, 2.5]);
  });
});

describe('the strict number grammar', () => {
  const ok: [string, number][] = [
    ['0', 0],
    ['-12', -12],
    ['+7', 7],
    ['3.25', 3.25],
    ['.5', 0.5],
    ['5.', 5],
    ['1e3', 1000],
    ['-2.5E-2', -0.025],
    ['123456789012345678', 1.2345678901234568e17],
    ['0.1', 0.1],
    [' 1', 1],
    ['1 ', 1],
    ['\t-2.5 ', -2.5],
    ['  123456789012345678  ', 1.2345678901234568e17],
  ];
  const bad = [
    '',
    ' ',
    '\t',
    '1 2',
    '- 1',
    '0x1F',
    '1_000',
    '1,5',
    'NaN',
    'Infinity',
    '-',
    '.',
    'e5',
    '1e',
    '1e+',
    '--1',
    '1.2.3',
    '٣',
  ];
  it.each(ok)('%s is %d', (text, value) => {
    expect(parseStrictNumber(text, 0, text.length)).toBe(value);
  });
  it.each(bad.map((b) => [JSON.stringify(b), b]))('%s is not a number', (_, text) => {
    expect(parseStrictNumber(text, 0, text.length)).toBeNaN();
  });
});

describe('scanning in chunks gives the same records as one pass (seeded random CSV)', () => {
  function randomCsv(rng: Rng): string {
    const cell = () => {
      const r = rng.int(6);
      if (r === 0) return `"${['a', 'b,c', 'x""y', 'line\nbreak', ''][rng.int(5)]}"`;
      return String(rng.int(1000) - 500);
    };
    const lines = Array.from({ length: 1 + rng.int(8) }, () =>
      Array.from({ length: 1 + rng.int(5) }, cell).join(','),
    );
    return lines.join(rng.int(2) ? '\r\n' : '\n') + (rng.int(2) ? '\n' : '');
  }
  const scanAll = (chunks: string[]) => {
    const out: string[][] = [];
    const s = new CsvScanner(',', 'x', (r) =>
      out.push(
        Array.from(
          { length: r.count },
          (_, k) => `${r.lines[k]}:${r.columns[k]}:${cellText(r, k)}`,
        ),
      ),
    );
    for (const c of chunks) s.push(c);
    s.finish();
    return out;
  };
  it('for 300 random files, each cut into random chunks (including 1-character ones)', () => {
    const rng = new Rng(2024);
    for (let n = 0; n < 300; n++) {
      const text = randomCsv(rng);
      const chunks: string[] = [];
      for (let i = 0; i < text.length; ) {
        const len = 1 + rng.int(7);
        chunks.push(text.slice(i, i + len));
        i += len;
      }
      expect(scanAll(chunks), JSON.stringify(text)).toEqual(scanAll([text]));
    }
  });
});

const corpus: [string, string, object, string, RegExp][] = [
  ['empty file', '', {}, 'EMPTY', /no data rows/],
  [
    'ragged row',
    '1,2,3\n4,5\n',
    {},
    'RAGGED_ROW',
    /^t.csv: line 2: has 2 cells but the first row \(line 1\) has 3$/,
  ],
  [
    'ragged row after a header',
    'a,b\n1,2\n\n3,4,5\n',
    {},
    'RAGGED_ROW',
    /^t.csv: line 4: has 3 cells but the header \(line 1\) has 2$/,
  ],
  [
    'empty cell',
    '1,,3\n',
    {},
    'BAD_NUMBER',
    /^t.csv: line 1, column 3: empty cell: every cell must be a number$/,
  ],
  [
    'a space inside a number',
    '1,2 3\n',
    {},
    'BAD_NUMBER',
    /^t.csv: line 1, column 3: "2 3" is not a number$/,
  ],
  [
    'hexadecimal',
    'a,b\n1,0x1F\n',
    {},
    'BAD_NUMBER',
    /^t.csv: line 2, column 3: "0x1F" \(column 'b'\) is not a number$/,
  ],
  [
    'text in a numeric column',
    '1,2\n3,abc\n',
    {},
    'BAD_NUMBER',
    /line 2, column 3: "abc" is not a number/,
  ],
  [
    'unclosed quote',
    '1,"2\n3,4\n',
    {},
    'BAD_QUOTE',
    /^t.csv: line 1, column 3: a quoted cell is never closed$/,
  ],
  [
    'quote inside an unquoted cell',
    '1,2"3\n',
    {},
    'BAD_QUOTE',
    /^t.csv: line 1, column 4: a quote inside an unquoted cell/,
  ],
  [
    'text after a closing quote',
    '"1"x,2\n',
    {},
    'BAD_QUOTE',
    /^t.csv: line 1, column 4: unexpected character after a closing quote$/,
  ],
  [
    'label out of range',
    'label,x\n10,1\n',
    { labelColumn: 'label', numClasses: 10 },
    'BAD_LABEL',
    /^t.csv: line 2, column 1: class label 10 is outside 0..9 \(expected 0..9, got 10\)$/,
  ],
  [
    'negative label',
    'label,x\n-1,1\n',
    { labelColumn: 0, numClasses: 10 },
    'BAD_LABEL',
    /class label -1 is outside 0..9/,
  ],
  [
    'fractional class label',
    'label,x\n1.5,1\n',
    { labelColumn: 'label' },
    'BAD_LABEL',
    /class label 1.5 is not an integer/,
  ],
  [
    'missing label column',
    'a,b\n1,2\n',
    { labelColumn: 'label' },
    'BAD_HEADER',
    /no label column "label" \(expected one of a, b, got \?\)/,
  ],
  [
    'label by name without a header',
    '1,2\n',
    { labelColumn: 'label' },
    'BAD_HEADER',
    /labelColumn 'label' is a name but the file has no header row/,
  ],
  [
    'label index out of range',
    '1,2\n',
    { labelColumn: 5 },
    'BAD_HEADER',
    /no label column 5 \(expected an index in 0..1/,
  ],
];

describe('broken CSV: typed errors with the 1-based line and column', () => {
  it.each(corpus)('%s', (_, text, options, code, message) => {
    let error: unknown = null;
    try {
      parseCsv(text, { file: 't.csv', ...options });
    } catch (e) {
      error = e;
    }
    expect(isDataFormatError(error), String(error)).toBe(true);
    expect((error as DataFormatError).code).toBe(code);
    expect((error as DataFormatError).message).toMatch(message);
  });
});

describe('loadCsv streams files from disk', () => {
  const dir = mkdtempSync(join(tmpdir(), 'backprop-csv-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('gives the same table as parseCsv, for a small file and for a >1 MB streamed one', async () => {
    const rng = new Rng(1);
    for (const rowsCount of [10, 20_000]) {
      const lines = ['label,a,b,c,"d, quoted"'];
      for (let i = 0; i < rowsCount; i++)
        lines.push(
          [
            rng.int(10),
            rng.int(256),
            (rng.next() * 100).toFixed(3),
            -rng.int(50),
            `"${rng.int(9)}"`,
          ].join(','),
        );
      const text = `${lines.join('\r\n')}\r\n`;
      const file = join(dir, `t${rowsCount}.csv`);
      writeFileSync(file, text);
      const streamed = await loadCsv(file, { labelColumn: 'label', numClasses: 10 });
      const direct = parseCsv(text, { labelColumn: 'label', numClasses: 10 });
      expect(streamed.X.equals(direct.X)).toBe(true);
      expect(Array.from(streamed.y!)).toEqual(Array.from(direct.y!));
      expect(streamed.columns).toEqual(['a', 'b', 'c', 'd, quoted']);
    }
  });

  it('reports errors in streamed files with their line, and missing files by name', async () => {
    const file = join(dir, 'bad.csv');
    writeFileSync(file, `${'1,2\n'.repeat(300_000)}1,x\n`);
    await expect(loadCsv(file)).rejects.toThrow(
      /^bad.csv: line 300001, column 3: "x" is not a number$/,
    );
    await expect(loadCsv(join(dir, 'nope.csv'))).rejects.toThrow(/nope.csv: no such file/);
  });
});
