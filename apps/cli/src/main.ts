import { run } from './cli';
import { processIo } from './io';

/** Ctrl-C once: training stops after the current batch and still saves; twice: quit now. */
const signal = { aborted: false };
process.once('SIGINT', () => {
  signal.aborted = true;
  process.stderr.write('\nstopping after the current batch (Ctrl-C again to quit now)\n');
  process.once('SIGINT', () => process.exit(130));
});

run(process.argv, processIo, signal).then((code) => {
  process.exitCode = code;
});
