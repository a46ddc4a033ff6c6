import { join } from 'node:path';
import { describe, it } from 'vitest';
import { libraryPackages, repoRoot, run } from './helpers';

const bin = (name: string) => join(repoRoot, 'node_modules', '.bin', name);

// publint and attw read the built dist/ (turbo builds every dependency before this test).
describe.each(libraryPackages())('$name exports map', (pkg) => {
  it('passes publint --strict', async () => {
    await run(bin('publint'), ['--strict'], pkg.dir);
  });

  it('passes attw --pack (node16 and bundler resolution, ESM and CJS)', async () => {
    await run(bin('attw'), ['--pack', '.', '--profile', 'node16'], pkg.dir);
  });
});
