/**
 * Where the course's data files live for tests: `$BACKPROP_DATASETS`, or `../shared/datasets`
 * beside the repository. A user's fresh clone has no such folder, so tests that need it skip —
 * with the reason in the suite's title. CI has it and must run them: with CI=true a missing
 * folder is an error, never a silent skip.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export const datasetsDir = resolve(
  process.env.BACKPROP_DATASETS ?? join(repoRoot, '..', 'shared', 'datasets'),
);

export const haveDatasets = existsSync(datasetsDir);

if (!haveDatasets && process.env.CI) {
  throw new Error(
    `CI must run the dataset tests, but ${datasetsDir} does not exist (set BACKPROP_DATASETS)`,
  );
}

if (!haveDatasets) {
  // The default reporter shows a skipped file only as "↓ … skipped": say why, once per file.
  console.warn(
    `SKIPPED: the tests here that read ${datasetsDir} (it does not exist; set BACKPROP_DATASETS to run them)`,
  );
}

/** A suite title that says why it is skipped when the datasets are absent. */
export function datasetSuite(title: string): string {
  return haveDatasets
    ? title
    : `${title} (SKIPPED: ${datasetsDir} not found; set BACKPROP_DATASETS to run)`;
}

/** Path of a file under the datasets folder. */
export function dataset(...parts: string[]): string {
  return join(datasetsDir, ...parts);
}
