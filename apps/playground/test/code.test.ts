import { execFile } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { codeFor } from '../src/code';
import { fromHash } from '../src/config';
import { csvPoints } from '../src/csv-points';
import { Session } from '../src/session';

// Inside the app, so that the generated imports resolve to the workspace packages.
const dir = join(dirname(fileURLToPath(import.meta.url)), '.generated');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the generated program and returns what it prints. */
async function run(code: string, name: string): Promise<string> {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.ts`);
  writeFileSync(file, code);
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--conditions=@backprop/source', '--import', 'tsx', file],
    { encoding: 'utf8', timeout: 120_000, cwd: dir },
  );
  return stdout.trim();
}

describe('"show the code"', () => {
  it.each([
    ['xor', '#data=xor&seed=3'],
    [
      'moons-minibatch',
      '#data=moons&samples=160&noise=0.25&test=0.25&batch=16&optimizer=rmsprop&lr=0.01&layers=6:relu,3:tanh&seed=11',
    ],
    ['spirals-full', '#data=spirals&samples=100&test=0&layers=8:elu&optimizer=sgd&lr=0.5&seed=2'],
    ['planar', '#data=planar&samples=120&batch=500&layers=4:tanh&seed=5'],
    [
      'circles-mse',
      '#data=circles&samples=140&noise=0.1&loss=mse&penalty=l1&lambda=0.001&layers=6:tanh&seed=8',
    ],
    [
      'moons-dropout-l2-he',
      '#data=moons&samples=150&batch=32&layers=8:relu,8:relu&init=heNormal&dropout=0.2&penalty=l2&lambda=0.01&seed=6',
    ],
    [
      'per-layer-options',
      '#data=circles&samples=120&batch=24&layers=6:gelu:heUniform:0.1,4:softplus&init=normal&optimizer=sgd&o.momentum=0.8&o.nesterov=true&lr=0.05&loss=mae&seed=9',
    ],
    ['icecream', '#data=icecream&test=0.25&layers=3:tanh&optimizer=sgd&lr=0.05&seed=3'],
    ['wave', '#data=wave&samples=90&noise=0.15&layers=8:tanh&loss=mae&batch=30&seed=5'],
    [
      'adamw-options',
      '#data=moons&samples=100&layers=5:leakyRelu&optimizer=adamw&o.beta1=0.8&o.epsilon=0.001&o.weightDecay=0.05&seed=12',
    ],
  ])(
    "%s: the program ends at the session's loss, to the last digit",
    async (name, hash) => {
      const config = fromHash(hash);
      const session = new Session(config);
      let loss = 0;
      for (let e = 0; e < 7; e++) loss = session.step().loss;
      expect(await run(codeFor(config, 7), name)).toBe(`loss after 7 epochs: ${loss}`);
    },
    150_000,
  );

  it('a dropped CSV of three classes: the program reads the file and ends at the same loss', async () => {
    mkdirSync(dir, { recursive: true });
    const rows = Array.from({ length: 90 }, (_, i) => {
      const k = i % 3;
      return `${(Math.cos(i) + 2 * k).toFixed(4)},${Math.sin(3 * i).toFixed(4)},${k + 5}`;
    });
    const text = `x,y,label\n${rows.join('\n')}\n`;
    writeFileSync(join(dir, 'three.csv'), text);
    const config = fromHash('#data=csv&test=0.2&layers=6:tanh&seed=4');
    const session = new Session(config, csvPoints(text, 'three.csv'));
    let loss = 0;
    for (let e = 0; e < 7; e++) loss = session.step().loss;
    const code = codeFor(config, 7, { name: 'three.csv', classes: 3 });
    expect(code).toContain("activation: 'softmax'");
    expect(await run(code, 'csv')).toBe(`loss after 7 epochs: ${loss}`);
  }, 150_000);
});
