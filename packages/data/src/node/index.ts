/**
 * @backprop/data/node — file helpers for Node.js around the pure parsers: loadMat, loadIdx,
 * loadCsv (streaming), loadMnist and loadFashionMnist. The only part of backprop that touches the
 * file system.
 */
export { loadCsv, loadIdx, loadMat, readBytes } from './files';
export { loadFashionMnist, loadMnist, type MnistOptions, type MnistSet } from './mnist';
