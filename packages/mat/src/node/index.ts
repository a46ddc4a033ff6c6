/**
 * @backprop/mat/node — `loadMat(path)` for Node.js: reads the file and parses it (see parseMat).
 *
 * @module @backprop/mat/node
 */
import { basename } from 'node:path';
import { readBytes } from '@backprop/data/node';
// The package's own public entry (kept external by tsup): one copy of the parser in both builds.
import { type MatFile, type ParseMatOptions, parseMat } from '@backprop/mat';

/** Reads and parses a MAT-file. Large arrays are views of the file's bytes (no copy). */
export async function loadMat(
  path: string,
  options: Omit<ParseMatOptions, 'file'> = {},
): Promise<MatFile> {
  return parseMat(await readBytes(path), { copy: false, ...options, file: basename(path) });
}
