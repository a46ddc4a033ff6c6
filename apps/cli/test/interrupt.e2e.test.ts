import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from '@backprop/model';
import { afterAll, describe, expect, it } from 'vitest';
import { backpropAsync, tempDir } from './helpers';

const { dir, cleanup } = tempDir();
afterAll(cleanup);

describe('Ctrl-C during training', () => {
  it('stops after the current batch and still writes a loadable model and the history', async () => {
    let sent = false;
    const r = await backpropAsync(
      [
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
        'm.json',
        '--history',
        'h.json',
      ],
      dir,
      (stderr, kill) => {
        // Interrupt once training is under way (the first epoch line has been printed).
        if (!sent && /\nepoch 2\/100000 /.test(stderr)) {
          sent = true;
          kill('SIGINT');
        }
      },
    );
    expect(sent).toBe(true);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('stopping after the current batch (Ctrl-C again to quit now)');
    expect(r.stdout).toMatch(/^done after \d+ epochs \(stopped by Ctrl-C\): loss \d/);
    expect(load(readFileSync(join(dir, 'm.json'), 'utf8')).inputSize).toBe(2);
    const history = JSON.parse(readFileSync(join(dir, 'h.json'), 'utf8'));
    expect(history.stopReason).toBe('aborted');
  });
});
