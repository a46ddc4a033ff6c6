import { Matrix } from '@backprop/linalg';
import { dense, fit, sequential } from '@backprop/model';
import { describe, expect, it } from 'vitest';
import type { Io } from '../src/io';
import { progressDisplay } from '../src/progress-display';

/** What the display wrote to stderr, with the "clear line" escape (ESC [2K) shown as <CLR>. */
function fakeIo(isTTY: boolean): Io & { readonly text: string } {
  let text = '';
  return {
    isTTY,
    columns: 80,
    out: () => undefined,
    err: (s: string) => {
      text += s;
    },
    get text() {
      return text.replaceAll(`${String.fromCharCode(27)}[2K`, '<CLR>');
    },
  };
}

describe('progress display', () => {
  const X = new Matrix(
    64,
    2,
    Float64Array.from({ length: 128 }, (_, i) => (i % 7) / 7),
  );
  const Y = new Matrix(
    64,
    1,
    Float64Array.from({ length: 64 }, (_, i) => i % 2),
  );
  const train = (io: Io, quiet = false) =>
    fit(
      sequential(2, [
        dense({ units: 3, activation: 'tanh' }),
        dense({ units: 1, activation: 'sigmoid' }),
      ]),
      X,
      Y,
      {
        epochs: 2,
        batchSize: 1,
        callbacks: [progressDisplay(io, { quiet })],
      },
    );

  it('on a terminal: a bar redrawn in place with epoch, batch, loss and ETA, then a line per epoch', () => {
    const io = fakeIo(true);
    train(io);
    expect(io.text).toMatch(
      /\r<CLR>epoch 1\/2 \[[#.]+\] \d+\/64 {2}loss \d\.\d{4} {2}ETA \d\d:\d\d/,
    );
    expect(io.text).toMatch(
      /\r<CLR>epoch 2\/2 {2}loss \d\.\d{4} {2}accuracy \d+\.\d\d% {2}\d\.\d s\n$/,
    );
  });

  it('with --quiet (or without a terminal): plain lines only', () => {
    const io = fakeIo(true);
    train(io, true);
    expect(io.text).not.toMatch(/\r|<CLR>/);
    expect(io.text.trim().split('\n')).toHaveLength(2);
  });
});
