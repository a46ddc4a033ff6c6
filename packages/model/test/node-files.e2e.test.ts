import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dense, load, sequential } from '../src/index';
import {
  FileWriteError,
  loadModelFile,
  saveModelFile,
  type WriteFs,
  writeFileAtomic,
} from '../src/node/index';

const dir = fs.mkdtempSync(join(tmpdir(), 'backprop-files-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const path = (name: string) => join(dir, name);
const leftovers = () => fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'));

describe('writeFileAtomic', () => {
  it('writes streamed pieces and keeps the mode of the file it replaces', () => {
    const file = path('a.txt');
    fs.writeFileSync(file, 'old', { mode: 0o600 });
    writeFileAtomic(file, ['new ', 'text ', new TextEncoder().encode('bytes'), ' ü']);
    expect(fs.readFileSync(file, 'utf8')).toBe('new text bytes ü');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(leftovers()).toEqual([]);
  });

  it('a short write that runs out of space (mocked ENOSPC) leaves the old file untouched', () => {
    const file = path('full.json');
    fs.writeFileSync(file, 'the previous model');
    let written = 0;
    const full: WriteFs = {
      ...fs,
      // Accepts 10 bytes per call (a short write), then the disk is full.
      writeSync: ((fd: number, buffer: Uint8Array, offset: number, length: number) => {
        if (written >= 25)
          throw Object.assign(new Error('ENOSPC: no space left'), { code: 'ENOSPC' });
        const n = Math.min(10, length);
        written += fs.writeSync(fd, buffer, offset, n);
        return n;
      }) as WriteFs['writeSync'],
    };
    let error: unknown;
    try {
      writeFileAtomic(file, 'x'.repeat(1000), { fs: full });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FileWriteError);
    expect((error as FileWriteError).code).toBe('ENOSPC');
    expect((error as Error).message).toBe(
      `${file}: not saved: no space left on the device; any previous file there is untouched`,
    );
    expect(fs.readFileSync(file, 'utf8')).toBe('the previous model');
    expect(leftovers()).toEqual([]);
  });

  it('a missing directory is a FileWriteError naming the path', () => {
    expect(() => writeFileAtomic(path('no/such/dir/m.json'), 'x')).toThrow(
      /no\/such\/dir\/m\.json: not saved: the directory does not exist/,
    );
  });
});

/** A tiny tmpfs, where the disk really fills up (needs root and mount; skipped with a reason otherwise). */
function mountTinyTmpfs(): string | null {
  const mount = join(dir, 'tiny');
  fs.mkdirSync(mount);
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', mount], { stdio: 'ignore' });
    return mount;
  } catch {
    return null;
  }
}
const tiny = mountTinyTmpfs();
afterAll(() => {
  if (tiny) execFileSync('umount', [tiny]);
});
if (!tiny)
  process.stderr.write(
    'node-files.e2e: the real full-disk test is skipped: cannot mount a tmpfs here (needs root)\n',
  );

describe.skipIf(!tiny)('on a real 64 KB file system', () => {
  it('a model too large for the disk fails with ENOSPC and the previous model survives', () => {
    const file = join(tiny!, 'model.json');
    const small = sequential(2, [dense({ units: 3 })], { seed: 1 });
    saveModelFile(file, small);
    const before = fs.readFileSync(file, 'utf8');
    const big = sequential(100, [dense({ units: 200 })]); // ~270 KB of JSON
    expect(() => saveModelFile(file, big)).toThrow(
      /model\.json: not saved: no space left on the device/,
    );
    expect(fs.readFileSync(file, 'utf8')).toBe(before);
    expect(fs.readdirSync(tiny!)).toEqual(['model.json']);
  });
});

describe('saveModelFile and loadModelFile', () => {
  it('round-trip a model; a broken file is an error naming the file', () => {
    const file = path('m.json');
    const model = sequential(4, [
      dense({ units: 5, activation: 'relu' }),
      dense({ units: 2, activation: 'softmax' }),
    ]);
    saveModelFile(file, model);
    expect(fs.readFileSync(file, 'utf8').endsWith('}\n')).toBe(true);
    expect(loadModelFile(file).summary()).toBe(model.summary());
    fs.writeFileSync(path('broken.json'), '{"format":');
    expect(() => loadModelFile(path('broken.json'))).toThrow(
      new RegExp(`^${path('broken.json')}: not valid JSON`),
    );
    expect(() => loadModelFile(path('absent.json'))).toThrow(/absent\.json: no such file$/);
  });
});

describe('kill -9 in the middle of a save', () => {
  /** Saves a large model over `file` in a child process; stops it (SIGSTOP) once its temporary file exists. */
  function saveAndKill(file: string): Promise<'killed mid-write' | 'finished first'> {
    const script = `
      import { dense, sequential } from '@backprop/model';
      import { saveModelFile } from '@backprop/model/node';
      const model = sequential(1000, [dense({ units: 3000 })]);
      process.stdout.write('ready\\n');
      saveModelFile(${JSON.stringify(file)}, model);
    `;
    const child = spawn(
      process.execPath,
      ['--conditions=@backprop/source', '--import', 'tsx', '--input-type=module', '-e', script],
      { cwd: join(__dirname, '..'), stdio: ['ignore', 'pipe', 'inherit'] },
    );
    return new Promise((resolve) => {
      let outcome: 'killed mid-write' | 'finished first' = 'finished first';
      const poll = setInterval(() => {
        if (!leftovers().length) return;
        child.kill('SIGSTOP');
        // Still a temporary file while stopped: the rename has not happened, the write is mid-way.
        if (leftovers().length > 0) outcome = 'killed mid-write';
        child.kill('SIGKILL');
        clearInterval(poll);
      }, 2);
      child.on('exit', () => {
        clearInterval(poll);
        resolve(outcome);
      });
    });
  }

  it('leaves the previous model intact and loadable', async () => {
    const file = path('precious.json');
    const previous = sequential(2, [dense({ units: 3 })], { seed: 7 });
    saveModelFile(file, previous);
    const bytes = fs.readFileSync(file);
    let outcome = await saveAndKill(file);
    for (let retry = 0; outcome !== 'killed mid-write' && retry < 3; retry++) {
      saveModelFile(file, previous);
      outcome = await saveAndKill(file);
    }
    expect(outcome).toBe('killed mid-write');
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
    expect(load(fs.readFileSync(file, 'utf8')).summary()).toBe(previous.summary());
    for (const f of leftovers()) fs.rmSync(join(dir, f));
  }, 120_000);
});
