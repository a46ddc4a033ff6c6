import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * A contributing recipe as steps a machine can follow word for word: its fenced blocks titled
 * with a path — ```ts title="packages/optim/src/lion.ts"``` creates that file, a ```diff``` block
 * titled with a path applies its hunk there (context lines start with a space, removed ones with
 * -, added ones with +) — and its ```sh``` blocks are commands run from the repository's root.
 */
export interface RecipeStep {
  kind: 'create' | 'patch' | 'run';
  path: string;
  body: string;
}

const FENCE = /^( *)```(\w+)(?: title="([^"]+)")?\n([\s\S]*?)^\1```$/gm;

export function recipeSteps(markdown: string): RecipeStep[] {
  const steps: RecipeStep[] = [];
  for (const m of markdown.matchAll(FENCE)) {
    const [, , lang, title, body] = m;
    // Recipes indent their blocks inside numbered lists: strip the common indentation.
    const lines = body!.replace(/\n$/, '').split('\n');
    const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => /^ */.exec(l)![0].length));
    const text = `${lines.map((l) => l.slice(indent)).join('\n')}\n`;
    if (lang === 'sh') steps.push({ kind: 'run', path: '', body: text });
    else if (title && lang === 'diff') steps.push({ kind: 'patch', path: title, body: text });
    else if (title) steps.push({ kind: 'create', path: title, body: text });
  }
  return steps;
}

/** Applies a diff hunk: its context and removed lines must appear, in order, exactly once. */
export function applyHunk(file: string, hunk: string, path: string): string {
  const lines = hunk.replace(/\n$/, '').split('\n');
  const before = lines.filter((l) => !l.startsWith('+')).map((l) => l.slice(1));
  const after = lines.filter((l) => !l.startsWith('-')).map((l) => l.slice(1));
  const needle = `${before.join('\n')}\n`;
  const at = file.indexOf(needle);
  if (at < 0 || file.indexOf(needle, at + 1) >= 0)
    throw new Error(
      `${path}: the hunk's context ${at < 0 ? 'is not in the file' : 'appears twice'}:\n${needle}`,
    );
  return `${file.slice(0, at)}${after.join('\n')}\n${file.slice(at + needle.length)}`;
}

/**
 * A copy of the repository's files (tracked and new, as `git ls-files` lists them) in `target`,
 * sharing the original's installed node_modules through symlinks.
 */
export function copyRepository(root: string, target: string): void {
  const listed = execFileSync(
    'git',
    ['ls-files', '-z', '--cached', '--others', '--exclude-standard'],
    {
      cwd: root,
      encoding: 'utf8',
    },
  )
    .split('\0')
    .filter((f) => f && existsSync(join(root, f)));
  for (const f of listed) {
    mkdirSync(dirname(join(target, f)), { recursive: true });
    cpSync(join(root, f), join(target, f));
  }
  symlinkSync(join(root, 'node_modules'), join(target, 'node_modules'));
  for (const group of ['packages', 'apps', 'tooling'])
    for (const name of readdirSync(join(root, group))) {
      const modules = join(root, group, name, 'node_modules');
      if (existsSync(modules) && existsSync(join(target, group, name)))
        symlinkSync(modules, join(target, group, name, 'node_modules'));
    }
}

/** Follows the steps in `target`; returns the commands to run (sh blocks) in order. */
export function applyRecipe(target: string, steps: RecipeStep[]): string[] {
  const commands: string[] = [];
  for (const step of steps) {
    const path = join(target, step.path);
    if (step.kind === 'create') {
      if (existsSync(path)) throw new Error(`${step.path}: the recipe creates a file that exists`);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, step.body);
    } else if (step.kind === 'patch') {
      writeFileSync(path, applyHunk(readFileSync(path, 'utf8'), step.body, step.path));
    } else commands.push(...step.body.split('\n').filter((l) => l.trim() && !l.startsWith('#')));
  }
  return commands;
}
