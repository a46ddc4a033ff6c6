import { closeSync, openSync, statSync, unlinkSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { reasonOf } from '@backprop/model/node';
import { usage } from './errors';

/** An output file a command will write: the flag that named it and the path. */
export interface OutputFile {
  flag: string;
  path: string | undefined;
}

function isDirectory(path: string): boolean | null {
  try {
    return statSync(path).isDirectory();
  } catch {
    return null;
  }
}

/** Can a file be created in `dir`? Tries it (permission bits say nothing to root or on a read-only mount). */
function writableReason(dir: string): string | null {
  const probe = join(dir, `.backprop-write-check-${process.pid}`);
  try {
    closeSync(openSync(probe, 'wx'));
    unlinkSync(probe);
    return null;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return null;
    // The directory exists (checked before), so ENOENT means it takes no new files (/proc, /sys).
    return code === 'ENOENT' ? 'it does not take new files' : reasonOf(code);
  }
}

/**
 * Checks, before any work starts, that every output can be written: its directory exists and
 * takes new files, the path is not a directory, and no two flags name the same file. A problem is
 * a usage error (exit 2) naming the flag and the path — never a discovery after hours of training.
 */
export function checkOutputs(outputs: OutputFile[]): void {
  const seen = new Map<string, string>();
  for (const { flag, path } of outputs) {
    if (path === undefined) continue;
    const full = resolve(path);
    const other = seen.get(full);
    if (other) throw usage(`${other} and ${flag} both name ${path}; give each output its own file`);
    seen.set(full, flag);
    if (isDirectory(full))
      throw usage(
        `${flag}: ${path} is a directory; give a file name (e.g. ${join(path, 'model.json')})`,
      );
    const dir = dirname(full);
    const kind = isDirectory(dir);
    if (kind === null)
      throw usage(`${flag}: ${path}: the directory ${dirname(path)} does not exist`);
    if (!kind) throw usage(`${flag}: ${path}: ${dirname(path)} is not a directory`);
    const problem = writableReason(dir);
    if (problem) throw usage(`${flag}: ${path}: cannot write in ${dirname(path)} (${problem})`);
  }
}
