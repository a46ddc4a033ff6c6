import { type CsvRecord, CsvScanner } from './scanner';
import { type CsvOptions, type CsvTable, CsvTableBuilder } from './table';

function scanAll(text: string, options: CsvOptions, onRecord: (r: CsvRecord) => void): void {
  const scanner = new CsvScanner(options.delimiter ?? ',', options.file ?? '<buffer>', onRecord);
  scanner.push(text);
  scanner.finish();
}

/**
 * Parses numeric CSV text (RFC 4180) into features X and, with `labelColumn`, labels y. Every cell
 * must be a number in a strict grammar ("", " " and "0x1F" are errors, not 0 and 31); rows must
 * all have the header's width. Errors name the 1-based line and column. Kaggle's MNIST and
 * Fashion-MNIST layout is `{ labelColumn: 'label' }`.
 */
export function parseCsv(text: string, options: CsvOptions = {}): CsvTable {
  const builder = new CsvTableBuilder(options);
  scanAll(text, options, builder.count);
  builder.allocate();
  scanAll(text, options, builder.fill);
  return builder.result();
}
