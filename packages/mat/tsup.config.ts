import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', 'node/index': 'src/node/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
  platform: 'neutral',
  // mat-for-js is ESM-only (a CommonJS build cannot require it on Node 20), so it is bundled into
  // both builds, with its dependency pako. Both stay under their own licences (GPL-3.0-or-later
  // and MIT); @backprop/mat is GPL-3.0-or-later for that reason.
  noExternal: ['mat-for-js', 'pako'],
  external: [/^node:/, '@backprop/mat', '@backprop/data', '@backprop/linalg'],
});
