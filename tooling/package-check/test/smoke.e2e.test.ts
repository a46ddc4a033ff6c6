import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { libraryPackages, run, specifier } from './helpers';

/**
 * What a user gets from `npm install`: pack every library package exactly as it would be
 * published, install the tarballs with npm into an empty directory outside the workspace,
 * then load every entry point from a plain ESM script and from CommonJS `require`.
 */
const packages = libraryPackages();
const specifiers = packages.flatMap((p) => p.entryPoints.map((e) => specifier(p, e)));
let dir = '';

const ESM_SCRIPT = `const out = {};
for (const s of process.argv.slice(2)) out[s] = Object.keys(await import(s)).filter((k) => k !== 'default').sort();
console.log(JSON.stringify(out));
`;
const CJS_SCRIPT = `const out = {};
for (const s of process.argv.slice(2)) out[s] = Object.keys(require(s)).sort();
console.log(JSON.stringify(out));
`;

/** Export names of every entry point, as a plain Node ESM script or a CommonJS script sees them. */
async function exportNames(kind: 'esm' | 'cjs'): Promise<Record<string, string[]>> {
  const file = join(dir, kind === 'esm' ? 'names.mjs' : 'names.cjs');
  writeFileSync(file, kind === 'esm' ? ESM_SCRIPT : CJS_SCRIPT);
  return JSON.parse(await run(process.execPath, [file, ...specifiers], dir));
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'backprop-smoke-'));
  for (const pkg of packages) await run('pnpm', ['pack', '--pack-destination', dir], pkg.dir);
  const tarballs = readdirSync(dir).filter((f) => f.endsWith('.tgz'));
  expect(tarballs).toHaveLength(packages.length);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'smoke', private: true }));
  await run(
    'npm',
    ['install', '--no-audit', '--no-fund', '--prefer-offline', ...tarballs.map((t) => `./${t}`)],
    dir,
  );
}, 300_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('packed tarballs installed with npm', () => {
  it('every entry point loads from ESM and from CJS with the same export names', async () => {
    const esm = await exportNames('esm');
    const cjs = await exportNames('cjs');
    expect(Object.keys(esm).sort()).toEqual([...specifiers].sort());
    expect(cjs).toEqual(esm);
  });
});
