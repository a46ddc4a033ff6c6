import { run } from './cli';
import { processIo } from './io';
import { newStopSignal, SIGNAL_EXIT } from './stop';

const stop = newStopSignal();
for (const name of ['SIGINT', 'SIGTERM'] as const) {
  process.on(name, () => {
    if (stop.graceful && !stop.aborted) {
      stop.aborted = true;
      stop.signal = name;
      process.stderr.write(
        `\nstopping after the current batch, then saving (${name === 'SIGINT' ? 'Ctrl-C' : 'SIGTERM'} again to quit now)\n`,
      );
      return;
    }
    process.exit(SIGNAL_EXIT[name]);
  });
}

// A reader that goes away (`backprop predict … | head -1`) ends the command quietly: no EPIPE
// stack trace. Whatever the command was writing has no one left to read it.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
}

run(process.argv, processIo, stop).then((code) => {
  process.exitCode = code === 0 && stop.signal ? SIGNAL_EXIT[stop.signal] : code;
});
