import { BackpropError } from '@backprop/linalg';

const REASONS: Record<string, string> = {
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is exceeded',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOENT: 'the directory does not exist',
  ENOTDIR: 'a part of the path is not a directory',
  EISDIR: 'it is a directory',
  EIO: 'an input/output error',
  EFBIG: 'the file is too large for the file system',
};

/** A system error code's meaning in words ("no space left on the device"). */
export function reasonOf(code: string | undefined): string {
  return (code && REASONS[code]) ?? `cannot be written (${code ?? 'unknown error'})`;
}

/** Writing a file failed; the previous file at `path` (if any) is untouched. */
export class FileWriteError extends BackpropError {
  override readonly kind = 'FileWriteError';
  constructor(
    /** The file that was being written. */
    readonly path: string,
    /** The system error code (ENOSPC, EACCES, ...), when there is one. */
    readonly code: string | undefined,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  static from(path: string, cause: unknown): FileWriteError {
    const code = (cause as NodeJS.ErrnoException)?.code;
    return new FileWriteError(
      path,
      code,
      `${path}: not saved: ${reasonOf(code)}; any previous file there is untouched`,
      { cause },
    );
  }
}

/** Reading a file failed (missing, a directory, unreadable). */
export class FileReadError extends BackpropError {
  override readonly kind = 'FileReadError';
  constructor(
    readonly path: string,
    readonly code: string | undefined,
    options?: { cause?: unknown },
  ) {
    super(
      `${path}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : `cannot be read (${code ?? 'unknown error'})`}`,
      options,
    );
  }
}
