import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** tsx's ESM loader as a file URL, for `node --import <it>` from any directory. */
export const tsxLoader = pathToFileURL(
  join(createRequire(import.meta.url).resolve('tsx/package.json'), '../dist/loader.mjs'),
).href;

export interface LibraryPackage {
  name: string;
  dir: string;
  /** Subpaths from the exports map, e.g. `.` and `./testing` (without `./package.json`). */
  entryPoints: string[];
}

/** Every publishable package under packages/, read from its package.json. */
export function libraryPackages(): LibraryPackage[] {
  const base = join(repoRoot, 'packages');
  return readdirSync(base).map((folder) => {
    const dir = join(base, folder);
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const entryPoints = Object.keys(pkg.exports).filter((k) => k !== './package.json');
    return { name: pkg.name as string, dir, entryPoints };
  });
}

export function specifier(pkg: LibraryPackage, entry: string): string {
  return entry === '.' ? pkg.name : `${pkg.name}/${entry.slice(2)}`;
}

/**
 * Runs a command and resolves with its stdout; on failure the error carries its full output so
 * the test report shows it. Asynchronous on purpose: `npm install` or attw can take minutes on a
 * busy machine, and a test worker blocked that long cannot answer vitest ("Timeout calling
 * onTaskUpdate", a failed run although every test passed).
 */
export function run(cmd: string, args: string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { cwd, encoding: 'utf8', maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      if (error)
        reject(new Error(`${cmd} ${args.join(' ')} failed in ${cwd}:\n${stdout}\n${stderr}`));
      else resolve(stdout);
    });
  });
}
