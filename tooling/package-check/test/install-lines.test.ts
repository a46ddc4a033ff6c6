import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { libraryPackages } from './helpers';

/**
 * Every README's install line is true today: the packages are not on the npm registry, so each
 * README installs the tarballs `pnpm pack:all` writes — its own and those of every backprop
 * package it depends on, no more, no fewer (the smoke test installs such tarballs with npm).
 */
const packages = libraryPackages();
const manifest = (dir: string) => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
const byName = new Map(packages.map((p) => [p.name, manifest(p.dir)]));

function closure(name: string): string[] {
  const out = [name];
  for (let i = 0; i < out.length; i++)
    for (const dep of Object.keys(byName.get(out[i]!)!.dependencies ?? {}))
      if (dep.startsWith('@backprop/') && !out.includes(dep)) out.push(dep);
  return out;
}

const tarball = (name: string) =>
  `backprop-${name.slice('@backprop/'.length)}-${byName.get(name)!.version}.tgz`;

describe.each(packages)('$name README', (pkg) => {
  it('installs its own tarball and those of its backprop dependencies', () => {
    const readme = readFileSync(join(pkg.dir, 'README.md'), 'utf8');
    expect(readme).toContain('pnpm pack:all');
    expect(readme).not.toMatch(/npm install @backprop\//);
    const line = /^npm install (.+)$/m.exec(readme)?.[1] ?? '';
    const named = line.split(/\s+/).map((t) => t.replace(/^.*\//, ''));
    expect(named.sort()).toEqual(closure(pkg.name).map(tarball).sort());
  });
});
