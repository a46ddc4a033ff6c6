/**
 * @backprop/data/node — file helpers for Node.js around the pure parsers: loadIdx, loadCsv
 * (streaming), loadMnist and loadFashionMnist, and readBytes. (`.mat` files: @backprop/mat/node.)
 *
 * @module @backprop/data/node
 */
export { loadCsv, loadIdx, readBytes } from './files';
export { loadFashionMnist, loadMnist, type MnistOptions, type MnistSet } from './mnist';
