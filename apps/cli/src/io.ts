/** Where a command writes: stdout for results, stderr for progress and errors. Injectable for tests. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** stderr is a terminal: draw a progress bar instead of periodic lines. */
  readonly isTTY: boolean;
  readonly columns: number;
}

export const processIo: Io = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  get isTTY() {
    return process.stderr.isTTY === true;
  },
  get columns() {
    return process.stderr.columns ?? 80;
  },
};
