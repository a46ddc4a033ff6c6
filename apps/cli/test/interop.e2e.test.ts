import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadMnist } from '@backprop/data/node';
import { Matrix, sliceRows } from '@backprop/linalg';
import { load, predict } from '@backprop/model';
import * as ort from 'onnxruntime-node';
import { afterAll, describe, expect, it } from 'vitest';
import { backprop, tempDir } from './helpers';

/**
 * backprop export / import / inspect on ONNX files, checked against ONNX Runtime (the real
 * engine): float64 files give the saved model's predictions to 1e-12, float32 ones to 1e-5.
 */
const { dir, cleanup } = tempDir();
afterAll(cleanup);
const run = (...args: string[]) => backprop(args, dir);
const fixtures = join(__dirname, '../../../packages/interop/test/fixtures');

async function onnxRuntime(
  path: string,
  X: Matrix,
  dtype: 'float32' | 'float64',
): Promise<Float64Array> {
  const session = await ort.InferenceSession.create(readFileSync(path));
  const data = dtype === 'float64' ? Float64Array.from(X.data) : Float32Array.from(X.data);
  const out = await session.run({ input: new ort.Tensor(dtype, data, [X.rows, X.cols]) });
  await session.release();
  return Float64Array.from(out.output!.data as Float64Array);
}

function maxRelative(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < b.length; i++) {
    diff = Math.max(diff, Math.abs(a[i]! - b[i]!));
    scale = Math.max(scale, Math.abs(b[i]!));
  }
  return diff / scale;
}

describe('backprop export --format onnx', () => {
  it("the course's MNIST network (784-64-32-10) runs in ONNX Runtime with the saved model's predictions", async () => {
    const trained = await run(
      'train',
      '--data',
      'mnist',
      '--samples',
      '600',
      '--layers',
      '64:relu:l2(0.001),32:relu,10:softmax',
      '--epochs',
      '1',
      '--out',
      'mnist.json',
    );
    expect(trained.code, trained.stderr).toBe(0);
    const exported = await run('export', 'mnist.json', '--out', 'mnist.onnx');
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stdout).toMatch(
      /^wrote mnist\.onnx: ONNX \(opset 17, float64\), Sequential\(784 inputs → 10 outputs, 52650 params\), \d+ bytes\n$/,
    );
    const f32 = await run(
      'export',
      'mnist.json',
      '--out',
      'mnist32.onnx',
      '--dtype',
      'float32',
      '--json',
    );
    expect(JSON.parse(f32.stdout)).toMatchObject({
      command: 'export',
      dtype: 'float32',
      format: 'onnx',
    });

    const X = sliceRows((await loadMnist({ split: 'test' })).X, 0, 50);
    const model = load(readFileSync(join(dir, 'mnist.json')));
    const ours = predict(model, X).data;
    expect(
      maxRelative(await onnxRuntime(join(dir, 'mnist.onnx'), X, 'float64'), ours),
    ).toBeLessThan(1e-12);
    expect(
      maxRelative(await onnxRuntime(join(dir, 'mnist32.onnx'), X, 'float32'), ours),
    ).toBeLessThan(1e-5);
  });

  it('refuses a missing directory before reading anything, and a missing model', async () => {
    const r = await run('export', 'mnist.json', '--out', 'nowhere/m.onnx');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'backprop: --out: nowhere/m.onnx: the directory nowhere does not exist\n',
    );
    const missing = await run('export', 'absent.json', '--out', 'm.onnx');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^backprop: .*absent\.json/);
  });
});

describe('backprop import, and .onnx files in every command', () => {
  it('imports a PyTorch MLP; evaluate, predict and trace read the .onnx directly', async () => {
    const onnx = join(fixtures, 'relu-softmax.onnx');
    const imported = await run('import', onnx, '--out', 'torch.json', '--json');
    expect(imported.code, imported.stderr).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({
      command: 'import',
      inputSize: 4,
      outputSize: 3,
      layers: ['dense 4→8 relu', 'dense 8→3 softmax'],
    });
    const recorded = JSON.parse(readFileSync(join(fixtures, 'relu-softmax.json'), 'utf8'));
    const X = new Matrix(recorded.x.length, 4, Float64Array.from(recorded.x.flat()));
    const model = load(readFileSync(join(dir, 'torch.json')));
    expect(maxRelative(predict(model, X).data, recorded.y.flat())).toBeLessThan(1e-5);
    const traced = await run('trace', onnx, '--samples', '1', '--json');
    expect(traced.code, traced.stderr).toBe(0);
    expect(JSON.parse(traced.stdout).layers).toHaveLength(2);
  });

  it('inspect shows the graph node by node and what it reads as', async () => {
    const r = await run('inspect', join(fixtures, 'leaky-batchnorm-elu.onnx'));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/ONNX \(IR version \d+, from pytorch [\d.]+; opsets ai\.onnx 13\)/);
    expect(r.stdout).toMatch(/\n.*BatchNormalization .*\n/);
    expect(r.stdout).toContain('reads as: Sequential(4 inputs → 2 outputs');
    const j = JSON.parse(
      (await run('inspect', join(fixtures, 'relu-softmax.onnx'), '--json')).stdout,
    );
    expect(j).toMatchObject({ kind: 'onnx', inputs: [{ name: 'input', shape: 'batch x 4' }] });
    expect(j.nodes.map((n: { op: string }) => n.op)).toEqual(['Gemm', 'Relu', 'Gemm', 'Softmax']);
  });

  it('a file that is not ONNX: exit 1 with one line naming it, in every command', async () => {
    writeFileSync(join(dir, 'fake.onnx'), 'this is not a model\n');
    for (const args of [
      ['import', 'fake.onnx', '--out', 'x.json'],
      ['evaluate', 'fake.onnx', '--data', 'xor'],
      ['inspect', 'fake.onnx'],
    ]) {
      const r = await run(...args);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr).toMatch(/^backprop: fake\.onnx: fromOnnx: not an ONNX model[^\n]*\n$/);
    }
    const json = await run('import', 'mnist.json', '--out', 'x.json');
    expect(json.code).toBe(2);
    expect(json.stderr).toBe("backprop: import: 'mnist.json' is not an .onnx file\n");
  });
});
