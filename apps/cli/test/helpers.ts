import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { matFile } from '../../../packages/mat/test/helpers/mat-writer';

/** The built command (turbo builds the CLI before its tests). */
export const bin = resolve(dirname(fileURLToPath(import.meta.url)), '../bin/backprop.js');

export interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `backprop …` to completion in `cwd`, as a user would (stdout/stderr are pipes, not a TTY).
 * Asynchronous on purpose: a synchronous child blocks the test worker, and a worker that cannot
 * answer vitest for a minute on a busy machine fails the run ("Timeout calling onTaskUpdate").
 */
export function backprop(
  args: string[],
  cwd: string,
  options: { input?: string; env?: NodeJS.ProcessEnv; nodeArgs?: string[] } = {},
): Promise<Result> {
  return new Promise((done) => {
    const child = execFile(
      process.execPath,
      [...(options.nodeArgs ?? []), bin, ...args],
      {
        cwd,
        encoding: 'utf8',
        timeout: 300_000,
        maxBuffer: 64 << 20,
        env: options.env ?? process.env,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        done({ code, stdout, stderr });
      },
    );
    if (options.input !== undefined) child.stdin!.end(options.input);
    else child.stdin!.end();
  });
}

/** Starts `backprop …` and resolves when it exits; `onStderr` sees stderr as it arrives. */
export function backpropAsync(
  args: string[],
  cwd: string,
  onStderr: (text: string, kill: (signal: NodeJS.Signals) => void) => void,
): Promise<Result> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
      onStderr(stderr, (signal) => child.kill(signal));
    });
    child.on('close', (code) => done({ code: code ?? -1, stdout, stderr }));
  });
}

export function tempDir(): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'backprop-cli-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * A `--json` run of backprop in `dir` that must succeed: its one line of JSON on stdout, parsed
 * (exit code 0, or the test fails showing stderr).
 */
export async function backpropJson(dir: string, ...args: string[]) {
  const r = await backprop([...args, '--json'], dir);
  expect(r.code, r.stderr).toBe(0);
  expect(r.stdout.trim().split('\n')).toHaveLength(1);
  return JSON.parse(r.stdout);
}

/**
 * The 20 inputs of packages/model/scripts/coursera-reference.py as a .mat in ex4data1.mat's
 * layout (column-major X 20x400, y 20x1 of labels 1..10): a stand-in for the course's data,
 * which is not obtainable here.
 */
export function courseraStandInMat(): Uint8Array {
  const X = Array.from({ length: 20 * 400 }, (_, k) => {
    const [i, j] = [k % 20, Math.floor(k / 20)]; // column-major: k = j*20 + i
    return (((31 * i + 17 * j) % 101) - 50) / 50;
  });
  const y = Array.from({ length: 20 }, (_, i) => (i % 10) + 1);
  return matFile({
    X: { class: 'double', dims: [20, 400], data: X },
    y: { class: 'double', dims: [20, 1], data: y },
  });
}
