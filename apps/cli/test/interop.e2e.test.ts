import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadMnist } from '@backprop/data/node';
import { Matrix, sliceRows } from '@backprop/linalg';
import { batchNormalization, dense, load, predict, save, sequential } from '@backprop/model';
import * as tf from '@tensorflow/tfjs';
import * as ort from 'onnxruntime-node';
import { afterAll, describe, expect, it } from 'vitest';
import { matFile } from '../../../packages/mat/test/helpers/mat-writer';
import reference from '../../../packages/model/test/fixtures/coursera-reference.json';
import { dataset, datasetSuite, haveDatasets } from '../../../tooling/test-support/datasets';
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
    // An ONNX file exports too (it has no saved optimizer to record).
    const again = await run('export', 'mnist.onnx', '--out', 'mnist-again.onnx');
    expect(again.code, again.stderr).toBe(0);
    const missing = await run('export', 'absent.json', '--out', 'm.onnx');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^backprop: .*absent\.json/);
  });
});

describe('backprop export --format tfjs, and import of TensorFlow.js files', () => {
  it('writes model.json + model.weights.bin that TensorFlow.js loads, and imports them back', async () => {
    const exported = await run('export', 'mnist.json', '--out', 'tfjs-model.json', '--json');
    expect(exported.code, exported.stderr).toBe(0);
    expect(JSON.parse(exported.stdout)).toMatchObject({
      format: 'tfjs',
      dtype: 'float32',
      files: ['tfjs-model.weights.bin', 'tfjs-model.json'],
    });
    const tfjsJson = JSON.parse(readFileSync(join(dir, 'tfjs-model.json'), 'utf8'));
    expect(tfjsJson.weightsManifest[0].paths).toEqual(['tfjs-model.weights.bin']);
    const loaded = await tf.loadLayersModel({
      load: () =>
        tf.io.getModelArtifactsForJSON(tfjsJson, async (manifest) => [
          manifest.flatMap((g) => g.weights),
          readFileSync(join(dir, 'tfjs-model.weights.bin')).buffer.slice(0) as ArrayBuffer,
        ]),
    });
    const X = sliceRows((await loadMnist({ split: 'test' })).X, 0, 20);
    const theirs = (
      loaded.predict(tf.tensor2d(Float32Array.from(X.data), [X.rows, X.cols])) as tf.Tensor
    ).dataSync();
    const model = load(readFileSync(join(dir, 'mnist.json')));
    expect(maxRelative(theirs, predict(model, X).data)).toBeLessThan(1e-5);
    const back = await run('import', 'tfjs-model.json', '--out', 'from-tfjs.json');
    expect(back.code, back.stderr).toBe(0);
    expect(back.stdout).toContain('dense 784→64 relu (activity l2 0.001)');
  });
});

describe("the course's Thetas: export --out thetas.mat and import thetas.mat", () => {
  it('a model round-trips through its Thetas, and backprop cost gives the same cost from either file', async () => {
    // Thetas of a 3-4-2 sigmoid network, written by the mat tests' independent writer.
    const t1 = Array.from({ length: 4 * 4 }, (_, k) => ((k * 37) % 11) / 10 - 0.5);
    const t2 = Array.from({ length: 2 * 5 }, (_, k) => ((k * 13) % 7) / 7 - 0.4);
    writeFileSync(
      join(dir, 'course.mat'),
      matFile({
        Theta1: { class: 'double', dims: [4, 4], data: t1 },
        Theta2: { class: 'double', dims: [2, 5], data: t2 },
      }),
    );
    const X = Array.from({ length: 6 * 3 }, (_, k) => Math.sin(k));
    writeFileSync(
      join(dir, 'course-data.mat'),
      matFile({
        X: { class: 'double', dims: [6, 3], data: X },
        y: { class: 'double', dims: [6, 1], data: [1, 2, 2, 1, 2, 1] },
      }),
    );
    const imported = await run('import', 'course.mat', '--out', 'course.json');
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toContain('dense 3→4 sigmoid');
    const exported = await run('export', 'course.json', '--out', 'course-back.mat');
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stdout).toMatch(/^wrote course-back\.mat: MAT-file of the course's Thetas/);
    const cost = async (weights: string) =>
      JSON.parse(
        (
          await run(
            'cost',
            '--weights',
            weights,
            '--data',
            'course-data.mat',
            '--lambda',
            '1',
            '--json',
          )
        ).stdout,
      ).cost;
    expect(await cost('course-back.mat')).toBe(await cost('course.mat'));
  });

  it('a model the layout cannot hold is refused, naming the layer', async () => {
    const bn = sequential(2, [
      dense({ units: 3 }),
      batchNormalization({}),
      dense({ units: 1, activation: 'sigmoid' }),
    ]);
    writeFileSync(join(dir, 'bn.json'), JSON.stringify(save(bn)));
    const r = await run('export', 'bn.json', '--out', 'bn.mat');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      "backprop: bn.json: toMat: layer 1 is batchNormalization; the course's Theta layout holds dense layers only\n",
    );
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
    expect(json.stderr).toBe(
      "backprop: import: 'mnist.json' is already a backprop model; import reads .onnx files and TensorFlow.js model.json files\n",
    );
    const csv = await run('import', 'data.csv', '--out', 'x.json');
    expect(csv.code).toBe(2);
    expect(csv.stderr).toBe(
      "backprop: import: 'data.csv' is not an .onnx file, a TensorFlow.js model.json or a .mat of Thetas\n",
    );
  });
});

describe.skipIf(!haveDatasets)(
  datasetSuite("ex4weights.mat through backprop and back: the course's cost to 1e-12"),
  () => {
    it('import ex4weights.mat, export its Thetas, and cost them: the same as the original and numpy', async () => {
      // The inputs of packages/model/scripts/coursera-reference.py (as in commands.e2e.test.ts).
      const X = Array.from(
        { length: 20 * 400 },
        (_, k) => (((31 * (k % 20) + 17 * Math.floor(k / 20)) % 101) - 50) / 50,
      );
      const y = Array.from({ length: 20 }, (_, i) => (i % 10) + 1);
      writeFileSync(
        join(dir, 'ex4in.mat'),
        matFile({
          X: { class: 'double', dims: [20, 400], data: X },
          y: { class: 'double', dims: [20, 1], data: y },
        }),
      );
      const weights = dataset('coursera/ex4weights.mat');
      expect((await run('import', weights, '--out', 'ex4.json')).code).toBe(0);
      expect((await run('export', 'ex4.json', '--out', 'ex4-back.mat')).code).toBe(0);
      const cost = async (w: string, lambda: string) =>
        JSON.parse(
          (await run('cost', '--weights', w, '--data', 'ex4in.mat', '--lambda', lambda, '--json'))
            .stdout,
        ).cost;
      for (const [lambda, expected] of [
        ['0', reference.cost],
        ['1', reference.costLambda1],
      ] as const) {
        const back = await cost('ex4-back.mat', lambda);
        expect(back).toBe(await cost(weights, lambda));
        expect(Math.abs(back - expected) / expected).toBeLessThan(1e-12);
      }
    });
  },
);
