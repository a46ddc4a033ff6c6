/**
 * Writes the broken-file corpus to a directory, one file per case, for manual checks or other
 * tools (the tests generate it in memory):
 *   pnpm --filter @backprop/data corpus /tmp/broken
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { matCorpus } from '../test/helpers/mat-corpus';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: corpus <directory>');
  process.exit(2);
}
mkdirSync(dir, { recursive: true });
for (const c of matCorpus()) {
  const file = join(dir, `${c.name.replace(/[^a-z0-9]+/gi, '-')}.mat`);
  writeFileSync(file, c.bytes);
  console.log(`${file}  (${c.code})`);
}
