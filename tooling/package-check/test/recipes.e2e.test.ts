import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { datasetsDir } from '../../test-support/datasets';
import { repoRoot, run } from './helpers';
import { applyRecipe, copyRepository, recipeSteps } from './recipe';

/**
 * Every recipe in docs/contributing, followed word for word in a copy of the repository: its
 * files created, its hunks applied, then its own checks run (type check, lint, tests). A recipe
 * that drifted from the code — a hunk whose context moved, an example that no longer compiles or
 * passes Biome, a test that hard-codes a list the new part changes — fails here.
 */
const dir = join(repoRoot, 'docs', 'contributing');
const recipes = readdirSync(dir).filter((f) => f.endsWith('.md'));
const copies: string[] = [];
// The copy has no ../shared beside it: its tests read the course's data from where this
// repository's do (under CI=true a missing folder is an error, not a skip).
process.env.BACKPROP_DATASETS ??= datasetsDir;
afterAll(() => {
  for (const c of copies) rmSync(c, { recursive: true, force: true });
});

describe.each(recipes)('%s', (recipe) => {
  it('followed word for word in a copy of the repository, passes its checks', async () => {
    const steps = recipeSteps(readFileSync(join(dir, recipe), 'utf8'));
    expect(steps.some((s) => s.kind === 'create')).toBe(true);
    const copy = mkdtempSync(join(tmpdir(), 'backprop-recipe-'));
    copies.push(copy);
    copyRepository(repoRoot, copy);
    const commands = applyRecipe(copy, steps);
    expect(commands.length).toBeGreaterThan(0);
    for (const command of commands) await run('bash', ['-c', command], copy);
  }, 600_000);
});
