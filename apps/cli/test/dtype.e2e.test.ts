import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from '@backprop/model';
import { afterAll, describe, expect, it } from 'vitest';
import { backprop, tempDir } from './helpers';

const { dir, cleanup } = tempDir();
afterAll(cleanup);
const run = (...args: string[]) => backprop(args, dir);

describe('--dtype float32', () => {
  it('trains a float32 model, saves it as float32, and evaluate and predict read it', async () => {
    const train = await run(
      ...['train', '--data', 'moons', '--layers', '8:relu,1:sigmoid', '--epochs', '30'],
      ...['--dtype', 'float32', '--out', 'moons32.json', '--quiet'],
    );
    expect(train.code, train.stderr).toBe(0);
    expect(train.stderr).toMatch(/30 epochs, float32, \d+ matrix threads?/);
    const model = load(readFileSync(join(dir, 'moons32.json'), 'utf8'));
    expect(model.dtype).toBe('float32');
    expect(model.params().every((p) => p.value.data instanceof Float32Array)).toBe(true);
    const evaluate = await run('evaluate', 'moons32.json', '--data', 'moons');
    expect(evaluate.code, evaluate.stderr).toBe(0);
    expect(evaluate.stdout).toMatch(/binaryCrossEntropy [\d.]+ +accuracy \d+\.\d+%/);
    writeFileSync(join(dir, 'points.csv'), 'x1,x2\n-1,0.5\n2,-0.5\n');
    const predict = await run('predict', 'moons32.json', '--input', 'points.csv');
    expect(predict.code, predict.stderr).toBe(0);
    // The two points sit deep in the two moons: classes 0 and 1.
    expect(
      predict.stdout
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => l.split(',')[0]),
    ).toEqual(['0', '1']);
  });

  it('inspect names it, export keeps it by default, gradcheck says it checks a float64 copy', async () => {
    const inspect = await run('inspect', 'moons32.json');
    expect(inspect.code, inspect.stderr).toBe(0);
    expect(inspect.stdout).toContain('dtype: float32 (stored widened to float64, exactly)');
    const exported = await run('export', 'moons32.json', '--out', 'moons32.onnx');
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stdout).toMatch(/^wrote moons32\.onnx: ONNX \(opset 17, float32\)/);
    const wide = await run('export', 'moons32.json', '--out', 'moons64.onnx', '--dtype', 'float64');
    expect(wide.stdout).toMatch(/ONNX \(opset 17, float64\)/);
    const check = await run('gradcheck', 'moons32.json', '--data', 'moons');
    expect(check.code, check.stderr).toBe(0);
    expect(check.stderr).toContain('the model is float32: checked a float64 copy of its weights');
    expect(check.stdout).toMatch(/PASS: max relative error/);
  });

  it('is recorded in the run card, and verify re-runs it in float32 bit for bit', async () => {
    const train = await run(
      ...['train', '--data', 'moons', '--layers', '8:relu,1:sigmoid', '--epochs', '3'],
      ...['--dtype', 'float32', '--card', 'run32.md', '--quiet'],
    );
    expect(train.code, train.stderr).toBe(0);
    expect(readFileSync(join(dir, 'run32.md'), 'utf8')).toContain('--dtype float32');
    const verify = await run('verify', 'run32.md');
    expect(verify.code, verify.stderr).toBe(0);
    expect(verify.stdout).toContain('verified: all 3 epochs and the final weights match');
  });

  it('is a usage error when unknown, or with a line-search optimizer', async () => {
    const bad = await run('train', '--data', 'xor', '--dtype', 'float16', '--epochs', '1');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--dtype must be float64 or float32, got 'float16'");
    const lbfgs = await run(
      ...['train', '--data', 'xor', '--dtype', 'float32', '--optimizer', 'lbfgs', '--epochs', '1'],
    );
    expect(lbfgs.code).toBe(2);
    expect(lbfgs.stderr).toContain('--dtype float32: lbfgs');
  });
});
