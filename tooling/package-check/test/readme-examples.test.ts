import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, run, tsxLoader } from './helpers';

/**
 * Keeps every README honest: a package's `examples/readme.ts` must appear verbatim in its
 * README as a ```ts block, followed by "prints" and a ```text block equal to what running it
 * prints (from the TypeScript sources of every package, through the @backprop/source condition).
 */
const withExamples = ['packages', 'apps'].flatMap((group) =>
  readdirSync(join(repoRoot, group))
    .map((name) => join(repoRoot, group, name))
    .filter((dir) => existsSync(join(dir, 'examples', 'readme.ts'))),
);

describe.each(withExamples.map((dir) => [dir.slice(repoRoot.length + 1), dir]))(
  '%s README',
  (_, dir) => {
    it('shows examples/readme.ts and exactly the output it prints', async () => {
      const readme = readFileSync(join(dir, 'README.md'), 'utf8');
      const code = readFileSync(join(dir, 'examples', 'readme.ts'), 'utf8');
      const block = `\`\`\`ts\n${code}\`\`\`\n\nprints\n\n\`\`\`text\n`;
      const at = readme.indexOf(block);
      expect(
        at,
        'README must contain examples/readme.ts as a ```ts block followed by "prints"',
      ).toBeGreaterThanOrEqual(0);
      const rest = readme.slice(at + block.length);
      const documented = rest.slice(0, rest.indexOf('```'));
      const actual = await run(
        process.execPath,
        ['--conditions=@backprop/source', '--import', tsxLoader, 'examples/readme.ts'],
        dir,
      );
      expect(actual).toBe(documented);
    });
  },
);
