import { parseCsv } from '@backprop/data';
import { Matrix } from '@backprop/linalg';

/** Most rows and classes a dropped CSV may have (the surface has four class colours). */
export const CSV_LIMITS = { rows: 5000, classes: 4 } as const;

/** A dropped CSV's points: the first two columns as x and y, the third as the class label. */
export interface CsvPoints {
  name: string;
  X: Matrix;
  /** One column of 0/1 for two classes, one-hot for more. */
  Y: Matrix;
  /** The label values, in the order of the classes 0..K-1. */
  labels: number[];
}

/**
 * Reads "x,y,label" rows (a header row is recognised and skipped; labels are integers, any K from 2
 * to 4, mapped to classes in increasing order). Errors name the file and the problem.
 */
export function csvPoints(text: string, name: string): CsvPoints {
  const table = parseCsv(text, { file: name, labelColumn: 2, maxRows: CSV_LIMITS.rows });
  const { X: all, y } = table;
  if (all.cols < 2 || !y)
    throw new Error(`${name}: needs three columns — x, y and an integer class label — per row`);
  const labels = [...new Set(y)].sort((a, b) => a - b);
  if (labels.length < 2 || labels.length > CSV_LIMITS.classes)
    throw new Error(
      `${name}: the label column holds ${labels.length} class${labels.length === 1 ? '' : 'es'}; the playground draws 2 to ${CSV_LIMITS.classes}`,
    );
  const n = all.rows;
  const X = new Matrix(n, 2);
  const K = labels.length;
  const Y = new Matrix(n, K === 2 ? 1 : K);
  for (let i = 0; i < n; i++) {
    X.data[2 * i] = all.data[i * all.cols]!;
    X.data[2 * i + 1] = all.data[i * all.cols + 1]!;
    const k = labels.indexOf(y[i]!);
    if (K === 2) Y.data[i] = k;
    else Y.data[i * K + k] = 1;
  }
  return { name, X, Y, labels };
}
