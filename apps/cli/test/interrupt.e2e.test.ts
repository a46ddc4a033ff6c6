import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { load } from '@backprop/model';
import { afterAll, describe, expect, it } from 'vitest';
import { backprop, backpropAsync, bin, tempDir } from './helpers';

const { dir, cleanup } = tempDir();
afterAll(cleanup);
const temporaryFiles = () => readdirSync(dir).filter((f) => f.endsWith('.tmp'));

/** A long training run on moons (batch 1, 100000 epochs) that writes `out` and `history`. */
const longRun = (out: string, history: string) => [
  'train',
  '--data',
  'moons',
  '--samples',
  '400',
  '--batch-size',
  '1',
  '--epochs',
  '100000',
  '--out',
  out,
  '--history',
  history,
];

describe.each([
  ['SIGINT', 130, 'Ctrl-C'],
  ['SIGTERM', 143, 'SIGTERM'],
] as const)('%s during training', (signal, exitCode, by) => {
  it(`stops after the current batch, writes a loadable model and the history, exits ${exitCode}`, async () => {
    let sent = false;
    const r = await backpropAsync(
      longRun(`${signal}.json`, `${signal}.h.json`),
      dir,
      (stderr, kill) => {
        // Once training is under way (the first epoch line has been printed).
        if (!sent && /\nepoch 2\/100000 /.test(stderr)) {
          sent = true;
          kill(signal);
        }
      },
    );
    expect(sent).toBe(true);
    expect(r.code).toBe(exitCode);
    expect(r.stderr).toContain(
      `stopping after the current batch, then saving (${by} again to quit now)`,
    );
    expect(r.stdout).toMatch(
      new RegExp(`^done after \\d+ epochs \\(stopped by ${by}\\): loss \\d`),
    );
    expect(load(readFileSync(join(dir, `${signal}.json`), 'utf8')).inputSize).toBe(2);
    expect(JSON.parse(readFileSync(join(dir, `${signal}.h.json`), 'utf8')).stopReason).toBe(
      'aborted',
    );
  });
});

describe('signals around a long save never corrupt a file', () => {
  // 2000-2000-1 with Adam state: about 100 MB of JSON, long enough to signal during the save.
  const big = ['--data', 'xor', '--layers', '2000:relu,2000:relu,1:sigmoid', '--epochs', '1'];

  it('a second SIGTERM right after the first: the run ends with 143 and the model file is whole', async () => {
    let sent = 0;
    const r = await backpropAsync(
      ['train', ...big, '--epochs', '100000', '--out', 'twice.json'],
      dir,
      (stderr, kill) => {
        if (sent === 0 && /\nepoch 1\/100000 /.test(stderr)) {
          sent = 1;
          kill('SIGTERM');
        } else if (sent === 1 && stderr.includes('stopping after the current batch')) {
          sent = 2;
          setTimeout(() => kill('SIGTERM'), 50);
        }
      },
    );
    expect(sent).toBe(2);
    expect(r.code).toBe(143);
    // Either the save finished before the second signal was handled (saves are synchronous and
    // atomic), or the process quit before it began: never a partial file, never a leftover.
    if (existsSync(join(dir, 'twice.json')))
      expect(load(readFileSync(join(dir, 'twice.json'), 'utf8')).outputSize).toBe(1);
    expect(temporaryFiles()).toEqual([]);
  }, 120_000);

  it('kill -9 in the middle of writing --out leaves the previous model intact', async () => {
    const r = await backprop(
      ['train', '--data', 'xor', '--epochs', '2', '--out', 'keep.json'],
      dir,
    );
    expect(r.code, r.stderr).toBe(0);
    const before = readFileSync(join(dir, 'keep.json'));
    const outcome = await new Promise<string>((resolve) => {
      const child = spawn(process.execPath, [bin, 'train', ...big, '--out', 'keep.json'], {
        cwd: dir,
        stdio: 'ignore',
      });
      let result = 'finished before the kill';
      const poll = setInterval(() => {
        if (temporaryFiles().length === 0) return;
        child.kill('SIGSTOP');
        // Frozen with its temporary file present: the rename has not happened yet.
        if (temporaryFiles().length > 0) result = 'killed mid-write';
        child.kill('SIGKILL');
        clearInterval(poll);
      }, 2);
      child.on('exit', () => {
        clearInterval(poll);
        resolve(result);
      });
    });
    expect(outcome).toBe('killed mid-write');
    expect(readFileSync(join(dir, 'keep.json')).equals(before)).toBe(true);
    expect(load(readFileSync(join(dir, 'keep.json'), 'utf8')).inputSize).toBe(2);
    for (const f of temporaryFiles()) rmSync(join(dir, f));
  }, 120_000);
});
