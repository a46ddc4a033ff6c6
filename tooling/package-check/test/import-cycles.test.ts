import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './helpers';

/**
 * No import cycles, between packages or between the files of one: every runtime import
 * (`import … from`, `export … from`; `import type` is erased and cannot form a cycle at run time)
 * of packages/*\/src and apps/*\/src, resolved to a file, must form a graph without cycles.
 */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

const roots = ['packages', 'apps'].flatMap((group) =>
  readdirSync(join(repoRoot, group)).map((name) => join(repoRoot, group, name, 'src')),
);
const files = roots.flatMap((root) => {
  try {
    return sources(root);
  } catch {
    return [];
  }
});

/** `@backprop/<pkg>` (or a subpath) to that package's entry file. */
function resolveImport(from: string, specifier: string): string | null {
  if (specifier.startsWith('.')) {
    const base = resolve(dirname(from), specifier);
    for (const candidate of [`${base}.ts`, join(base, 'index.ts')])
      if (files.includes(candidate)) return candidate;
    return null;
  }
  const m = /^@backprop\/([^/]+)(?:\/(.+))?$/.exec(specifier);
  if (!m) return null;
  for (const group of ['packages', 'apps']) {
    const entry = join(repoRoot, group, m[1]!, 'src', m[2] ? `${m[2]}/index.ts` : 'index.ts');
    if (files.includes(entry)) return entry;
  }
  return null;
}

const RUNTIME_IMPORT = /^\s*(?:import|export)\s+(?!type\b)(?:[^'"]*?\sfrom\s+)?['"]([^'"]+)['"]/gm;

function graph(): Map<string, string[]> {
  const edges = new Map<string, string[]>();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const targets: string[] = [];
    for (const match of text.matchAll(RUNTIME_IMPORT)) {
      // `import { type A, type B } from` is erased too.
      if (/^\s*import\s*\{\s*(?:type\s+\w+\s*,?\s*)+\}/.test(match[0])) continue;
      const target = resolveImport(file, match[1]!);
      if (target) targets.push(target);
    }
    edges.set(file, targets);
  }
  return edges;
}

function findCycle(edges: Map<string, string[]>): string[] | null {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string): string[] | null => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of edges.get(node) ?? []) {
      if (state.get(next) === 'open') return [...stack.slice(stack.indexOf(next)), next];
      if (!state.has(next)) {
        const cycle = visit(next);
        if (cycle) return cycle;
      }
    }
    stack.pop();
    state.set(node, 'done');
    return null;
  };
  for (const node of edges.keys()) {
    if (state.has(node)) continue;
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return null;
}

describe('import graph', () => {
  it('has no cycles in any package or between packages', () => {
    const cycle = findCycle(graph());
    expect(cycle?.map((f) => relative(repoRoot, f)).join(' → ') ?? null).toBeNull();
  });

  it('would catch one (the checker is not vacuous)', () => {
    const a = join(repoRoot, 'a.ts');
    const b = join(repoRoot, 'b.ts');
    expect(
      findCycle(
        new Map([
          [a, [b]],
          [b, [a]],
        ]),
      ),
    ).toEqual([a, b, a]);
    expect(files.length).toBeGreaterThan(100);
  });
});
