import * as nodeFs from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { FileWriteError } from './file-errors';

/** The file-system calls an atomic write makes (injectable, to test short writes and full disks). */
export type WriteFs = Pick<
  typeof nodeFs,
  'openSync' | 'writeSync' | 'fsyncSync' | 'closeSync' | 'renameSync' | 'unlinkSync' | 'statSync'
>;

export interface AtomicWriteOptions {
  /** File-system calls to use (default node:fs). */
  fs?: WriteFs;
  /** Called with the temporary file's path once it exists (lets a caller clean up on a signal). */
  onTemporaryFile?: (path: string | null) => void;
}

/** Bytes gathered before each write call. */
const BUFFER = 1 << 20;
const utf8 = new TextEncoder();

/** `.name.json.<pid>.<n>.tmp` beside the target: the same file system, so rename is atomic. */
let counter = 0;
export function temporaryPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${++counter}.tmp`);
}

/** Writes every byte of `bytes` (write may be short: it loops), or throws. */
function writeAll(fs: WriteFs, fd: number, bytes: Uint8Array): void {
  let done = 0;
  while (done < bytes.length) {
    const n = fs.writeSync(fd, bytes, done, bytes.length - done);
    if (!(n > 0)) throw Object.assign(new Error('write made no progress'), { code: 'EIO' });
    done += n;
  }
}

/** Streams text pieces as UTF-8 through one reused buffer: no copy of the whole text is made. */
function writePieces(fs: WriteFs, fd: number, pieces: Iterable<string | Uint8Array>): void {
  const buffer = new Uint8Array(BUFFER);
  let used = 0;
  const flush = () => {
    writeAll(fs, fd, buffer.subarray(0, used));
    used = 0;
  };
  for (const piece of pieces) {
    if (typeof piece !== 'string') {
      flush();
      writeAll(fs, fd, piece);
      continue;
    }
    let rest = piece;
    while (rest.length > 0) {
      if (BUFFER - used < 4) flush();
      const { read, written } = utf8.encodeInto(rest, buffer.subarray(used));
      used += written!;
      rest = read! < rest.length ? rest.slice(read) : '';
    }
  }
  flush();
}

/** The mode of an existing target (kept by the new file), or the default for new files. */
function modeOf(fs: WriteFs, path: string): number {
  try {
    return fs.statSync(path).mode & 0o7777;
  } catch {
    return 0o666;
  }
}

/** Best effort: flushes the directory entry of the rename (not every platform allows it). */
function syncDirectory(path: string): void {
  let fd: number | null = null;
  try {
    fd = nodeFs.openSync(dirname(path), 'r');
    nodeFs.fsyncSync(fd);
  } catch {
    // Directories cannot be opened or synced on some systems; the rename itself is still atomic.
  } finally {
    if (fd !== null) nodeFs.closeSync(fd);
  }
}

/**
 * Writes `content` to `path` so that the file is always either the old one or the new one, whole:
 * the text goes to a temporary file in the same directory, is flushed to disk (fsync), and is then
 * renamed over `path`. On any failure — a full disk, a read-only place, a crash or `kill -9` part
 * way — the previous file is untouched, the temporary file is removed where the process lives to
 * do so, and a FileWriteError names the path and the cause.
 */
export function writeFileAtomic(
  path: string,
  content: string | Iterable<string | Uint8Array>,
  options: AtomicWriteOptions = {},
): void {
  const fs = options.fs ?? nodeFs;
  const temporary = temporaryPathFor(path);
  let fd: number | null = null;
  try {
    fd = fs.openSync(temporary, 'wx', modeOf(fs, path));
    options.onTemporaryFile?.(temporary);
    writePieces(fs, fd, typeof content === 'string' ? [content] : content);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = null;
    fs.renameSync(temporary, path);
  } catch (cause) {
    if (fd !== null) {
      try {
        fs.closeSync(fd);
      } catch {
        // Already failing: the original error is the one to report.
      }
    }
    try {
      fs.unlinkSync(temporary);
    } catch {
      // It may never have been created.
    }
    throw FileWriteError.from(path, cause);
  } finally {
    options.onTemporaryFile?.(null);
  }
  syncDirectory(path);
}
