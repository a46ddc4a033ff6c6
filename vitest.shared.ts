import { defineConfig } from 'vitest/config';

/**
 * Shared vitest settings for every workspace package.
 *
 * Tests import sibling packages by name (`@backprop/linalg`). The `@backprop/source`
 * export condition (listed first in each package's exports map) resolves those imports to the
 * sibling's TypeScript sources, so `pnpm test` on a clean clone needs no build step and never
 * sees a stale `dist/`. Published consumers never set that condition and get `dist/`.
 */
export default defineConfig({
  resolve: { conditions: ['@backprop/source', 'import', 'module', 'node', 'default'] },
  ssr: { resolve: { conditions: ['@backprop/source', 'import', 'node', 'default'] } },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
