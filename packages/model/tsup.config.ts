import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', 'node/index': 'src/node/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
  platform: 'neutral',
  // The Node helpers import the package's own public entry, so both entry points share one copy
  // of the model code in the ESM and the CommonJS builds.
  external: [/^node:/, '@backprop/model'],
});
