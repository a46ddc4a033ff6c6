import { type Callback, type ProgressEvent, progress } from '@backprop/model';
import { duration, percent } from './format';
import type { Io } from './io';

function epochLine(e: ProgressEvent): string {
  const l = e.logs!;
  const parts = [`epoch ${l.epoch}/${e.epochs}`, `loss ${l.loss.toFixed(4)}`];
  if (l.accuracy !== undefined) parts.push(`accuracy ${percent(l.accuracy)}`);
  if (l.valLoss !== undefined) parts.push(`val_loss ${l.valLoss.toFixed(4)}`);
  if (l.valAccuracy !== undefined) parts.push(`val_accuracy ${percent(l.valAccuracy)}`);
  parts.push(`${l.seconds.toFixed(1)} s`);
  return parts.join('  ');
}

function bar(e: ProgressEvent, columns: number): string {
  const text = ` ${e.batch}/${e.batches}  loss ${Number.isFinite(e.loss) ? e.loss.toFixed(4) : '-'}  ETA ${duration(e.eta)}`;
  const head = `epoch ${e.epoch}/${e.epochs} `;
  const width = Math.max(10, Math.min(40, columns - head.length - text.length - 4));
  const done = Math.round((width * e.batch) / Math.max(e.batches, 1));
  return `${head}[${'#'.repeat(done)}${'.'.repeat(width - done)}]${text}`.slice(0, columns - 1);
}

/**
 * Training progress on stderr: on a terminal, a bar redrawn in place (epoch, batch, loss, ETA) and
 * a line per finished epoch; otherwise (or with --quiet) plain lines — one per epoch, and one every
 * ~10 s during long epochs — that logs and CI keep readable.
 */
export function progressDisplay(io: Io, options: { quiet: boolean }): Callback {
  const live = io.isTTY && !options.quiet;
  let lastLine = 0;
  return progress(
    (e) => {
      if (e.phase === 'epoch') {
        io.err(`${live ? '\r\x1b[2K' : ''}${epochLine(e)}\n`);
        return;
      }
      if (live) io.err(`\r\x1b[2K${bar(e, io.columns)}`);
      else if (e.elapsed - lastLine >= 10) {
        lastLine = e.elapsed;
        io.err(
          `epoch ${e.epoch}/${e.epochs}  batch ${e.batch}/${e.batches}  loss ${e.loss.toFixed(4)}  ETA ${duration(e.eta)}\n`,
        );
      }
    },
    { intervalMs: live ? 100 : 1000 },
  );
}
