import { iceCream16 } from '@backprop/data';
import { type FloatArray, NumpyRandomState } from '@backprop/linalg';
import { type DenseLayer, dense, fit, sequential } from '@backprop/model';
import { around, type Experiment, heading, metric, type Plot } from '../experiment';

const EPOCHS = 1500;
/** The numpy replay of the thesis's code (test/fixtures/replays.py): Σ (out − y)² at epoch 1500. */
const REPLAY_LAST_ERROR = 1.554692312261467;
/** The minimum the thesis marks on its loss surface. */
const DOCUMENT_MINIMUM = 1.5533527212309681;

/** The least-squares line through (x, y) by the normal equations, and its sum of squared errors. */
function leastSquares(x: FloatArray, y: FloatArray) {
  const n = x.length;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    sx += x[i]!;
    sy += y[i]!;
    sxx += x[i]! * x[i]!;
    sxy += x[i]! * y[i]!;
  }
  const w = (n * sxy - sx * sy) / (n * sxx - sx * sx);
  const b = (sy - w * sx) / n;
  return { b, w, sse: sse(x, y, b, w) };
}

function sse(x: FloatArray, y: FloatArray, b: number, w: number): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += (b + w * x[i]! - y[i]!) ** 2;
  return s;
}

/** The loss surface over b ∈ [−5, 3], w ∈ [−1, 4], as the thesis plots it (coarser grid). */
function surface(x: FloatArray, y: FloatArray, path: { x: number; y: number }[]): Plot {
  const xs = Array.from({ length: 81 }, (_, i) => -5 + i * 0.1);
  const ys = Array.from({ length: 51 }, (_, i) => -1 + i * 0.1);
  const best = leastSquares(x, y);
  return {
    kind: 'surface',
    id: 'regression-surface',
    title: 'Σ (b + w·x − y)² over (b, w), the gradient-descent path and the minimum',
    xLabel: 'b',
    yLabel: 'w',
    xs,
    ys,
    values: ys.map((w) => xs.map((b) => sse(x, y, b, w))),
    path,
    minimum: { x: best.b, y: best.w, value: best.sse },
  };
}

/**
 * The thesis's regression (001 §4.1): temperature → ice creams, both /10, a bias, the **sum** of
 * squared errors, `w −= 0.01·(out − y)ᵀ·X`, 1500 epochs from `np.random.seed(714);
 * np.random.random((2,1))*3`. Here: one linear dense unit (b is the bias column's weight), the
 * half-sum squared error (whose gradient is exactly out − y), plain gradient descent with
 * learning rate 0.01, and the initial weights drawn by numpy's own generator.
 */
export const regressionIcecream: Experiment = {
  id: 'regression-icecream',
  title: 'Linear regression: temperature → ice creams (16 points, sum of squared errors)',
  source: 'thesis (001) §4.1 and its appendix code',
  quick: true,
  epochs: EPOCHS,
  switches: [],
  needs: [],
  async run(options) {
    const epochs = options.epochs ?? EPOCHS;
    const shortened = epochs !== EPOCHS;
    const { X, Y } = iceCream16({ scale: 10 });
    const model = sequential(1, [dense({ units: 1, activation: 'linear' })]);
    const layer = model.layers[0] as DenseLayer;
    // np.random.random((2, 1)) * 3 is [bias weight, slope]: the bias column comes first.
    const [b0, w0] = Array.from(new NumpyRandomState(714).randomArray(2), (v) => v * 3);
    layer.b.data[0] = b0!;
    layer.W.data[0] = w0!;
    const path: { x: number; y: number }[] = [];
    const history = fit(model, X, Y, {
      loss: { name: 'meanSquaredError', config: { reduction: 'halfSum' } },
      optimizer: { name: 'sgd', config: { learningRate: 0.01 } },
      batchSize: 'full',
      shuffle: false,
      epochs,
      divergence: false,
      callbacks: [
        {
          onEpochBegin(epoch) {
            if (epoch === 1 || epoch % 10 === 0)
              path.push({ x: layer.b.data[0]!, y: layer.W.data[0]! });
            options.onProgress?.(epoch - 1, epochs);
          },
        },
      ],
    });
    // The thesis prints Σ (out − y)² before each update: twice the half-sum loss of the epoch.
    const errors = history.epochs.map((e) => 2 * e.loss);
    const best = leastSquares(X.data, Y.data);
    const b = layer.b.data[0]!;
    const w = layer.W.data[0]!;
    return {
      ...heading(regressionIcecream),
      settings: {
        epochs,
        learningRate: 0.01,
        loss: 'Σ (out − y)² (its half as the loss)',
        init: 'np.random.seed(714); random((2,1))*3',
      },
      shortened,
      metrics: [
        metric(`Σ (out − y)² printed at epoch ${epochs}`, errors.at(-1)!, {
          document: REPLAY_LAST_ERROR,
          documentText: "numpy replay of the thesis's code",
          band: around(REPLAY_LAST_ERROR, 1e-12),
          shortened,
        }),
        metric('minimum of Σ (b + w·x − y)² (least squares)', best.sse, {
          document: DOCUMENT_MINIMUM,
          documentText: 'marked on its loss surface',
          band: around(DOCUMENT_MINIMUM, 1e-11),
        }),
        metric(`b after ${epochs} epochs`, b, {
          documentText: `(least squares: ${best.b.toFixed(6)})`,
        }),
        metric(`w after ${epochs} epochs`, w, {
          documentText: `(least squares: ${best.w.toFixed(6)})`,
        }),
      ],
      notes: [
        `The document's minimum is ${(DOCUMENT_MINIMUM - best.sse).toExponential(1)} above the exact least-squares minimum ${best.sse} — the tolerance of a numerical minimiser; gradient descent is still ${(errors.at(-1)! - best.sse).toExponential(1)} above it after ${epochs} epochs.`,
        'The update has no factor 2: it is the gradient of ½ Σ (out − y)², so the loss trained is the half-sum (reduction: halfSum) and the figure printed is twice it, as the thesis prints Σ (out − y)².',
      ],
      plots: [
        {
          kind: 'curves',
          id: 'regression-loss',
          title: 'Σ (out − y)² per epoch',
          xLabel: 'epoch',
          yLabel: 'Σ (out − y)²',
          logY: true,
          series: [{ name: 'gradient descent', x: errors.map((_, i) => i + 1), y: errors }],
        },
        {
          kind: 'curves',
          id: 'regression-fit',
          title: 'The data and the fitted line (both /10)',
          xLabel: 'temperature / 10',
          yLabel: 'ice creams / 10',
          series: [
            { name: 'days', x: Array.from(X.data), y: Array.from(Y.data), style: 'points' },
            {
              name: `ŷ = ${b.toFixed(3)} + ${w.toFixed(3)}·x`,
              x: [2.3, 4.3],
              y: [b + 2.3 * w, b + 4.3 * w],
            },
          ],
        },
        surface(X.data, Y.data, path),
      ],
    };
  },
};
