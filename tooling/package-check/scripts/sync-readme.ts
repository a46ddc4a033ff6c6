/**
 * Rewrites the example section of a package README from its examples/readme.ts and the output
 * that running it prints — the section test/readme-examples.test.ts checks.
 *
 *   pnpm --filter @backprop/package-check sync-readme packages/linalg
 *
 * The section starts at the first ```ts block and ends after the ```text block that follows
 * "prints"; everything else in the README is left alone.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { repoRoot, run, tsxLoader } from '../test/helpers';

for (const arg of process.argv.slice(2)) {
  const dir = resolve(repoRoot, arg);
  const readmePath = join(dir, 'README.md');
  // Format (and sort imports) first, so `pnpm lint` will not change the file after the README copied it.
  await run(
    join(repoRoot, 'node_modules', '.bin', 'biome'),
    ['check', '--write', join(dir, 'examples', 'readme.ts')],
    repoRoot,
  );
  const readme = readFileSync(readmePath, 'utf8');
  const code = readFileSync(join(dir, 'examples', 'readme.ts'), 'utf8');
  const output = await run(
    process.execPath,
    ['--conditions=@backprop/source', '--import', tsxLoader, 'examples/readme.ts'],
    dir,
  );
  const start = readme.indexOf('```ts\n');
  const printsAt = readme.indexOf('\nprints\n', start);
  const end = readme.indexOf('```', readme.indexOf('```text\n', printsAt) + 8) + 3;
  if (start < 0 || printsAt < 0 || end < 3)
    throw new Error(`${readmePath}: no \`\`\`ts … prints … \`\`\`text section`);
  const section = `\`\`\`ts\n${code}\`\`\`\n\nprints\n\n\`\`\`text\n${output}\`\`\``;
  writeFileSync(readmePath, readme.slice(0, start) + section + readme.slice(end));
  console.log(`${readmePath}: example section updated`);
}
