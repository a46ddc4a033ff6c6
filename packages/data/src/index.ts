/**
 * @backprop/data — MNIST IDX and CSV parsers that validate everything, the course's synthetic
 * datasets (XOR, moons, planar, spirals, ice-cream sales) and the usual transforms. MIT; `.mat`
 * files are read by @backprop/mat.
 *
 * @module @backprop/data
 */
export { FASHION_MNIST_CLASSES } from './class-names';
export { parseStrictNumber } from './csv/number';
export { parseCsv } from './csv/parse';
export { type CsvRecord, CsvScanner, cellText } from './csv/scanner';
export { type CsvOptions, type CsvTable, CsvTableBuilder } from './csv/table';
export {
  circles,
  iceCream16,
  iceCreamSales,
  type LabelledSet,
  moons,
  planar,
  spirals,
  xor,
} from './datasets';
export {
  type DataErrorCode,
  DataFormatError,
  type DataLocation,
  isDataFormatError,
  LimitExceededError,
  UnsupportedFeatureError,
} from './errors';
export { type IdxArray, type IdxData, type IdxType, type ParseIdxOptions, parseIdx } from './idx';
export { type CompressionFormat, type InflateResult, type Inflater, webInflater } from './inflate';
export {
  type ColumnTransform,
  courseLabelsToDigits,
  fitScale,
  fitStandardize,
  type Labels,
  oneHot,
  type Split,
  type SplitOptions,
  scale,
  shuffle,
  standardize,
  stratifiedSplit,
  trainTestSplit,
} from './transforms';
