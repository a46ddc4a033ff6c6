import { defineConfig } from 'vite';

/**
 * The playground: a static site (no CDN; works offline from any static server). Dev and preview
 * serve it cross-origin isolated, so the matrix products may use every core (SharedArrayBuffer).
 * The backprop packages are read from their TypeScript sources (the `@backprop/source` export
 * condition), so the playground needs no prior build of them.
 */
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  base: './',
  resolve: { conditions: ['@backprop/source', 'browser', 'import', 'module', 'default'] },
  worker: { format: 'es' },
  build: { target: 'es2022', outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 2000 },
  server: { headers: isolation },
  preview: { headers: isolation },
});
