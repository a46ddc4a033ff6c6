import { FASHION_MNIST_CLASSES, oneHot } from '@backprop/data';
import { getLoss } from '@backprop/losses';
import {
  classesOf,
  confusionMatrix,
  dense,
  evaluate,
  fitAsync,
  predict,
  sequential,
} from '@backprop/model';
import { adam } from '@backprop/optim';
import {
  type Band,
  type CourseData,
  type Experiment,
  heading,
  type Metric,
  MissingCourseDataError,
  metric,
  type Plot,
} from '../experiment';

const EPOCHS = 200;
const LEARNING_RATE = 1e-4;
const ADAM_EPSILON = 1e-8;
const CLASSES = [...FASHION_MNIST_CLASSES];

/**
 * What the document says of each of its runs (002, "Figuras prueba 1–4"): the loss and accuracy
 * its figures show after 20, 200, 1000 and 2000 full-batch epochs.
 */
const CLAIMS: { epoch: number; loss: [string, Band | null]; accuracy: [string, Band | null] }[] = [
  {
    epoch: 20,
    loss: ['above 2.2', { low: 2.2, high: Number.POSITIVE_INFINITY }],
    accuracy: ['below 50%', { low: 0, high: 0.5 }],
  },
  {
    epoch: 200,
    loss: ['below 1.2', { low: 0, high: 1.2 }],
    accuracy: ['above 50%', { low: 0.5, high: 1 }],
  },
  // "La función de pérdida se sitúa por encima del 0.5 … el accuracy cerca del 1": no number to band.
  { epoch: 1000, loss: ['just above 0.5', { low: 0.5, high: 0.7 }], accuracy: ['"near 1"', null] },
  {
    epoch: 2000,
    loss: ['below 0.5', { low: 0, high: 0.5 }],
    accuracy: ['"close to 1", +3% over 1000', null],
  },
];

function fashionOf(data: CourseData | undefined): NonNullable<CourseData['fashion']> {
  if (data?.fashion) return data.fashion;
  throw new MissingCourseDataError(
    'fashion-csv',
    'fashion',
    'fashion-csv needs Fashion-MNIST: the CLI reads the Kaggle CSVs given with --data fashion-mnist_train.csv (and the _test.csv beside it), or else the fashion-mnist package; from the library, pass options.data.fashion = { train, test, source }',
  );
}

/**
 * The document's optimizer, as its code runs it: Adam with ε inside the square root, fed the
 * gradient summed over the batch (its d_output is not divided by N) and already multiplied by
 * the learning rate, then stepped by the learning rate again. Adam divides by the gradient's own
 * scale, so feeding it lr·g is exactly Adam on g with ε / lr² — what this builds.
 */
function documentsAdam() {
  return {
    optimizer: adam({
      learningRate: LEARNING_RATE,
      epsilonInsideSqrt: true,
      epsilon: ADAM_EPSILON / LEARNING_RATE ** 2,
    }),
    loss: getLoss({ name: 'categoricalCrossEntropy', config: { reduction: 'sum' } }),
  };
}

/**
 * Fashion-MNIST from CSV (002): 784 → 64 → 32 → 16 (ReLU) → 10 softmax, Xavier-normal weights
 * (Var = 2/(n_in + n_out)) and zero biases, Adam with learning rate 1e-4 on the full batch, the
 * cross-entropy −log p[y] averaged; the loss and accuracy after 20 and 200 epochs (and 1000 and
 * 2000 when run that long) beside the document's, the curves, and the test set's confusion matrix.
 */
export const fashionCsv: Experiment = {
  id: 'fashion-csv',
  title: 'Fashion-MNIST from CSV: 64-32-16 ReLU, Xavier normal, Adam 1e-4, full batch',
  source: 'Fashion-MNIST MLP in NumPy (002)',
  quick: false,
  epochs: EPOCHS,
  switches: ['asIntended'],
  needs: ['fashion'],
  async run(options) {
    const { train, test, source } = fashionOf(options.data);
    const epochs = options.epochs ?? EPOCHS;
    const model = sequential(
      train.X.cols,
      [
        ...[64, 32, 16].map((units) =>
          dense({ units, activation: 'relu', kernelInitializer: 'xavierNormal' }),
        ),
        dense({ units: 10, activation: 'softmax', kernelInitializer: 'xavierNormal' }),
      ],
      { seed: 0 },
    );
    const parts = options.asIntended
      ? {
          optimizer: adam({ learningRate: LEARNING_RATE }),
          loss: getLoss('categoricalCrossEntropy'),
        }
      : documentsAdam();
    const history = await fitAsync(model, train.X, oneHot(train.y, 10), {
      ...parts,
      batchSize: 'full',
      epochs,
      seed: 0,
      callbacks: [{ onEpochEnd: (logs) => options.onProgress?.(logs.epoch, epochs) }],
    });
    // The document prints the mean −log p[y] whatever it trains on: so does this.
    const meanLoss = (X: typeof train.X, y: Int32Array) =>
      evaluate(model, X, oneHot(y, 10), { loss: 'categoricalCrossEntropy' });
    const metrics: Metric[] = [];
    const losses: number[] = [];
    for (const claim of CLAIMS) {
      if (claim.epoch > epochs) continue;
      const logged = history.epochs[claim.epoch - 1]!;
      // An epoch's logged loss is the loss its forward pass saw, before its step — what the
      // document prints each epoch; the summed form (its Adam's) is divided back by N.
      const loss = options.asIntended ? logged.loss : logged.loss / train.X.rows;
      losses.push(loss);
      metrics.push(
        metric(`training loss at epoch ${claim.epoch}`, loss, {
          documentText: claim.loss[0],
          band: claim.loss[1],
        }),
        metric(`training accuracy at epoch ${claim.epoch}`, logged.accuracy!, {
          documentText: claim.accuracy[0],
          band: claim.accuracy[1],
          format: 'percent',
        }),
      );
    }
    // A checkpoint reached is the document's run of that many epochs (nothing depends on the total).
    const shortened = epochs < CLAIMS[0]!.epoch;
    const final = meanLoss(train.X, train.y);
    const predicted = classesOf(predict(model, test.X));
    const counts = confusionMatrix(test.y, predicted, 10);
    const testAccuracy = counts.reduce((s, row, k) => s + row[k]!, 0) / test.y.length;
    metrics.push(
      metric(`training loss after the last step (${epochs})`, final.loss, { documentText: '' }),
      metric('test accuracy', testAccuracy, { format: 'percent', documentText: '(not given)' }),
    );
    const epochAxis = history.epochs.map((e) => e.epoch);
    const scaleLoss = options.asIntended ? 1 : 1 / train.X.rows;
    const plots: Plot[] = [
      {
        kind: 'curves',
        id: 'fashion-csv-loss',
        title: 'fashion-csv: training loss (mean −log p[y])',
        xLabel: 'epoch',
        yLabel: 'loss',
        series: [
          { name: 'training', x: epochAxis, y: history.epochs.map((e) => e.loss * scaleLoss) },
        ],
      },
      {
        kind: 'curves',
        id: 'fashion-csv-accuracy',
        title: 'fashion-csv: training accuracy',
        xLabel: 'epoch',
        yLabel: 'accuracy (%)',
        series: [
          { name: 'training', x: epochAxis, y: history.epochs.map((e) => 100 * e.accuracy!) },
        ],
      },
      {
        kind: 'confusion',
        id: 'fashion-csv-confusion',
        title: `fashion-csv: confusion matrix on the test set (${test.y.length} images)`,
        classes: CLASSES,
        counts,
      },
    ];
    const worst = counts
      .map((row, k) => ({
        k,
        recall:
          row[k]! /
          Math.max(
            1,
            row.reduce((a, b) => a + b, 0),
          ),
      }))
      .sort((a, b) => a.recall - b.recall)[0]!;
    return {
      ...heading(fashionCsv),
      settings: {
        epochs,
        optimizer: options.asIntended
          ? 'adam (lr 1e-4, textbook)'
          : "the document's adam (ε inside √, lr twice, summed gradient)",
        batchSize: 'full',
        trainRows: train.X.rows,
        testRows: test.X.rows,
        data: source,
        seed: 0,
      },
      shortened,
      metrics,
      notes: [
        options.asIntended
          ? '--as-intended: textbook Adam (ε = 1e-8 outside the square root) on the mean gradient, learning rate applied once.'
          : "The document's Adam takes ε inside the square root and a gradient already multiplied by the learning rate (and summed over the rows, not averaged); Adam divides by the gradient's scale, so this is exactly Adam with ε / lr² = 1 inside the root — its quirks change little (--as-intended runs the textbook Adam to compare).",
        `The document reports no test accuracy and its figures are described in words; its "accuracy near 1" at 1000 epochs does not go with a loss of 0.5 (about 80–85% on Fashion-MNIST), so those have no band. Its hardest class here: ${CLASSES[worst.k]} (recall ${(100 * worst.recall).toFixed(1)}%); the document names class 4 (Coat) at 200 epochs.`,
        'At epoch 200 this network measures a loss of about 1.33 with either Adam (1.337 the document’s form, 1.331 the textbook’s, on the fashion-mnist package’s split with seed 0) — above the document’s “below 1.2” while its accuracy (51%) matches “above 0.5”: an honest out-of-band verdict. The document’s single run is unseeded, draws its Xavier weights from another generator and uses Kaggle’s official CSVs (give --data to use them).',
        `Data: ${source}.`,
      ],
      plots,
    };
  },
};
