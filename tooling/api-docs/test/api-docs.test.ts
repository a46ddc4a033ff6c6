import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * The API reference builds from the doc comments with no warning (broken {@link}s are errors),
 * and has a page for each package and for the functions people look up first.
 */
const here = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = mkdtempSync(join(tmpdir(), 'backprop-api-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

function typedoc(): Promise<{ code: number; output: string }> {
  return new Promise((done) => {
    execFile(
      join(here, 'node_modules', '.bin', 'typedoc'),
      ['--options', 'typedoc.json', '--out', out],
      { cwd: here, encoding: 'utf8' },
      (error, stdout, stderr) =>
        done({ code: error ? Number(error.code ?? 1) : 0, output: stdout + stderr }),
    );
  });
}

describe('pnpm run docs', () => {
  it('builds the API reference without warnings', async () => {
    const r = await typedoc();
    expect(r.code, r.output).toBe(0);
    expect(r.output).not.toMatch(/warning/i);
    for (const page of [
      'modules/_backprop_model.html',
      'modules/_backprop_mat.html',
      'functions/_backprop_model.fit.html',
      'functions/_backprop_model.sequential.html',
      'functions/_backprop_activations.getActivation.html',
      'functions/_backprop_optim.registerOptimizer.html',
    ])
      expect(existsSync(join(out, page)), page).toBe(true);
    expect(readFileSync(join(out, 'functions/_backprop_model.fit.html'), 'utf8')).toContain(
      'backpropagation',
    );
  }, 180_000);
});
