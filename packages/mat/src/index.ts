/**
 * @backprop/mat — MATLAB .mat files (Level 4, and Level 5: v6 and v7, compressed or not, either
 * byte order) into backprop matrices, validated before decoding. GPL-3.0-or-later: it bundles
 * mat-for-js, which is. Kept apart from @backprop/data (MIT) so that an app that never reads a
 * .mat file never ships GPL code.
 *
 * @module @backprop/mat
 */
export { type ParseMatOptions, parseMat } from './parse';
export type {
  MatCell,
  MatChar,
  MatFile,
  MatNumeric,
  MatSparse,
  MatStruct,
  MatValue,
  NumericData,
} from './types';
