import { getActivation } from '@backprop/activations';
import { dense, predict, sequential } from '@backprop/model';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { fromTfjsLayers, TfjsFormatError, toTfjsLayers } from '../src/index';
import { relativeError } from './helpers';
import { nets as allNets, trained, X } from './nets';
import { loadInTfjs, predictInTfjs, savedByTfjs } from './tfjs-helpers';

/**
 * The layers format against TensorFlow.js itself (@tensorflow/tfjs 4.22, CPU backend): every
 * export loads with tf.loadLayersModel's own parser and predicts backprop's outputs to 1e-5 (the
 * format's weights are float32 and tfjs computes in float32), and what tfjs's model.save writes
 * imports and predicts tfjs's outputs to the same tolerance.
 */
// TensorFlow.js's ELU takes only alpha = 1 and it cannot load the tanh GELU: those two nets use
// elu and softplus here, and the refusals are tested below.
const nets = allNets.map(([name, layers]): [string, typeof layers] =>
  name.startsWith('leakyRelu')
    ? [
        'leakyRelu(0.1), elu → linear',
        [
          dense({ units: 5, activation: { name: 'leakyRelu', config: { alpha: 0.1 } } }),
          dense({ units: 4, activation: 'elu' }),
          dense({ units: 2 }),
        ],
      ]
    : name.startsWith('softplus')
      ? ['softplus → linear', [dense({ units: 5, activation: 'softplus' }), dense({ units: 2 })]]
      : [name, layers],
);

const tensors = (model: ReturnType<typeof trained>) =>
  model.layers.flatMap((l) =>
    [...l.params(), ...l.stateTensors()].flatMap((t) => Array.from(t.value.data)),
  );

describe.each(nets)('toTfjsLayers: %s', (_, layers) => {
  const model = trained(layers);

  it('loads in TensorFlow.js and predicts the same to 1e-5', async () => {
    const loaded = await loadInTfjs(toTfjsLayers(model));
    expect(relativeError(predictInTfjs(loaded, X), predict(model, X))).toBeLessThan(1e-5);
    loaded.dispose();
  });

  it('comes back with the float32-rounded weights and the same layers', () => {
    const files = toTfjsLayers(model);
    const back = fromTfjsLayers(JSON.parse(JSON.stringify(files.modelJson)), files.weights);
    expect(tensors(back)).toEqual(tensors(model).map(Math.fround));
    expect(back.layers.map((l) => l.describe())).toEqual(model.layers.map((l) => l.describe()));
  });
});

describe("fromTfjsLayers reads what TensorFlow.js's model.save writes", () => {
  it('a Sequential of Dense, BatchNormalization, Dropout, LeakyReLU and softmax', async () => {
    const m = tf.sequential();
    m.add(tf.layers.dense({ inputShape: [4], units: 6, activation: 'relu' }));
    m.add(tf.layers.batchNormalization({ epsilon: 0.01 }));
    m.add(tf.layers.dropout({ rate: 0.3 }));
    m.add(tf.layers.dense({ units: 5 }));
    m.add(tf.layers.leakyReLU({ alpha: 0.2 }));
    m.add(tf.layers.dense({ units: 3, activation: 'softmax' }));
    // Moving statistics away from 0 and 1, as after training.
    const bn = m.layers[1]!;
    const [gamma, beta] = bn.getWeights();
    bn.setWeights([
      gamma!,
      beta!,
      tf.randomNormal([6], 0.5, 0.2, 'float32', 3),
      tf.randomUniform([6], 0.5, 2, 'float32', 4),
    ]);
    const saved = await savedByTfjs(m);
    const model = fromTfjsLayers(saved.modelJson, saved.weights);
    expect(model.layers.map((l) => l.describe())).toEqual([
      'dense 4→6 relu',
      expect.stringMatching(/^batchNormalization 6/),
      'dropout 0.3',
      'dense 6→5 leakyRelu',
      'dense 5→3 softmax',
    ]);
    expect(relativeError(predict(model, X), predictInTfjs(m, X))).toBeLessThan(1e-5);
    m.dispose();
  });

  it("Keras's activity_regularizer (as the course's MNIST network has; tfjs itself cannot run it)", async () => {
    const m = tf.sequential();
    m.add(tf.layers.dense({ inputShape: [4], units: 3, activation: 'relu' }));
    m.add(tf.layers.dense({ units: 2, activation: 'softmax' }));
    const saved = await savedByTfjs(m);
    const topology = (
      saved.modelJson as {
        modelTopology: { config: { layers: { config: Record<string, unknown> }[] } };
      }
    ).modelTopology;
    topology.config.layers[0]!.config.activity_regularizer = {
      class_name: 'L1L2',
      config: { l1: 0, l2: 0.001 },
    };
    const model = fromTfjsLayers(saved.modelJson, saved.weights);
    expect(model.layers[0]!.describe()).toBe('dense 4→3 relu (activity l2 0.001)');
    expect(relativeError(predict(model, X), predictInTfjs(m, X))).toBeLessThan(1e-5);
    m.dispose();
  });
});

describe('what the layers format cannot hold, and files it cannot read: typed errors', () => {
  it('ELU with alpha ≠ 1 and the tanh GELU have no form TensorFlow.js loads', () => {
    const elu = sequential(2, [
      dense({ units: 1, activation: { name: 'elu', config: { alpha: 0.5 } } }),
    ]);
    expect(() => toTfjsLayers(elu)).toThrow(
      "toTfjsLayers: layer 0: TensorFlow.js's ELU takes only alpha = 1, this one has 0.5",
    );
    expect(() => toTfjsLayers(sequential(2, [dense({ units: 1, activation: 'gelu' })]))).toThrow(
      /backprop's gelu is the tanh approximation, which TensorFlow\.js \(4\.22\) cannot load/,
    );
  });

  it('a user-defined activation cannot be exported', () => {
    const mine = { ...getActivation('tanh'), name: 'mine', toConfig: () => ({ name: 'mine' }) };
    expect(() => toTfjsLayers(sequential(2, [dense({ units: 1, activation: mine })]))).toThrow(
      "toTfjsLayers: layer 0: activation 'mine' has no TensorFlow.js form (built-in activations do)",
    );
  });

  const files = toTfjsLayers(trained(nets[0]![1]));
  const json = () => JSON.parse(JSON.stringify(files.modelJson));
  const cases: [string, () => [unknown, Uint8Array], RegExp][] = [
    [
      'not a layers model',
      () => [{ format: 'backprop.sequential' }, files.weights],
      /^fromTfjsLayers: not a TensorFlow.js layers model\.json \(no modelTopology\)$/,
    ],
    [
      'a graph model',
      () => [{ ...json(), format: 'graph-model' }, files.weights],
      /is a 'graph-model'; backprop reads 'layers-model' files/,
    ],
    [
      'weights of the wrong length',
      () => [json(), files.weights.slice(0, 40)],
      /^fromTfjsLayers: the weight files hold 40 bytes but the manifest's 4 weights need \d+$/,
    ],
    [
      'a convolution',
      () => {
        const j = json();
        delete j.userDefinedMetadata;
        j.modelTopology.config.layers.splice(1, 0, {
          class_name: 'Conv2D',
          config: { name: 'conv' },
        });
        return [j, files.weights];
      },
      /^fromTfjsLayers: layer 'conv' \(Conv2D\): not a layer backprop has; it reads InputLayer, Dense/,
    ],
    [
      'a functional model',
      () => [{ ...json(), modelTopology: { class_name: 'Functional', config: {} } }, files.weights],
      /the model is a Functional; backprop reads Sequential models/,
    ],
  ];
  it.each(cases)('%s', (_, make, message) => {
    const [j, w] = make();
    expect(() => fromTfjsLayers(j, w)).toThrow(TfjsFormatError);
    expect(() => fromTfjsLayers(j, w)).toThrow(message);
  });
});
