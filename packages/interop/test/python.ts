import { execFile, execFileSync } from 'node:child_process';

/**
 * A python3 with scipy, or null: Debian's (/usr/bin/python3 with python3-scipy, which .ci/run
 * installs) first, then the one on PATH.
 */
export const pythonWithScipy: string | null = (() => {
  for (const python of ['/usr/bin/python3', 'python3']) {
    try {
      execFileSync(python, ['-c', 'import scipy.io'], { stdio: 'ignore', timeout: 60_000 });
      return python;
    } catch {
      // not this one
    }
  }
  if (process.env.CI)
    throw new Error(
      'CI must run the scipy checks, but no python3 here imports scipy (apt-get install python3-scipy)',
    );
  return null;
})();

/** Runs a Python script asynchronously (a blocked test worker cannot answer vitest) and gives its stdout. */
export function runPython(python: string, args: string[]): Promise<string> {
  return new Promise((done, fail) => {
    execFile(python, args, { encoding: 'utf8', timeout: 120_000 }, (error, stdout, stderr) => {
      if (error) fail(new Error(`${python} ${args.join(' ')}: ${error.message}\n${stderr}`));
      else done(stdout);
    });
  });
}
