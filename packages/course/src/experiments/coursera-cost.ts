import { InvalidArgumentError, Matrix } from '@backprop/linalg';
import { evaluate, fromThetas, predict } from '@backprop/model';
import {
  around,
  type CourseData,
  type Experiment,
  heading,
  MissingCourseDataError,
  metric,
} from '../experiment';

/** What ex4data1.mat is and how to give it (it is not shipped, nor obtainable on our machines). */
export const EX4DATA1_HOW_TO_GET =
  "ex4data1.mat is the Coursera Machine Learning course's exercise 4 data (X 5000x400, y 5000x1, labels 1..10 with 10 = digit 0); backprop does not ship it: download the course's ex4 materials and pass --data /path/to/ex4data1.mat";

/** One-hot rows for the course's labels 1..K (output k stands for label k + 1). */
export function courseTargets(y: Matrix, K: number, experiment = 'coursera-cost'): Matrix {
  const out = new Matrix(y.rows, K);
  for (let i = 0; i < y.rows; i++) {
    const label = y.data[i]!;
    if (!(Number.isInteger(label) && label >= 1 && label <= K))
      throw new InvalidArgumentError(
        'y',
        `${experiment}: y(${i}) = ${label} is not one of the course's labels 1..${K}`,
      );
    out.data[i * K + label - 1] = 1;
  }
  return out;
}

/** The practical's own cost (000): log(1 − h + 1e-6) in the second term only, λ/(2m) Σ Θ² without bias. */
function asWrittenCost(h: Matrix, Y: Matrix, thetas: Matrix[], lambda: number): number {
  let sum = 0;
  for (let i = 0; i < h.data.length; i++)
    sum += Y.data[i]! * Math.log(h.data[i]!) + (1 - Y.data[i]!) * Math.log(1 - h.data[i]! + 1e-6);
  let squares = 0;
  for (const t of thetas)
    for (let r = 0; r < t.rows; r++)
      for (let c = 1; c < t.cols; c++) squares += t.data[r * t.cols + c]! ** 2;
  return (-1 / h.rows) * sum + (lambda / (2 * h.rows)) * squares;
}

/** ex4data1.mat's X and y from the course data, or the error that says how to give it. */
export function requireEx4data1(experiment: string, data: CourseData | undefined) {
  if (!data?.ex4data1)
    throw new MissingCourseDataError(
      experiment,
      'ex4data1',
      `${experiment}: ${EX4DATA1_HOW_TO_GET}`,
    );
  return data.ex4data1;
}

function required(data: CourseData | undefined) {
  const ex4data1 = requireEx4data1('coursera-cost', data);
  if (!data?.ex4weights)
    throw new MissingCourseDataError(
      'coursera-cost',
      'ex4weights',
      "coursera-cost: needs ex4weights.mat (Theta1 25x401, Theta2 10x26), the course's pre-trained weights: pass --weights /path/to/ex4weights.mat",
    );
  return { ...ex4data1, ...data.ex4weights };
}

/**
 * The Coursera practical's cost (000): the pre-trained ex4weights.mat on ex4data1.mat, the
 * course's binary cross-entropy summed over the 10 outputs and averaged over the 5000 samples,
 * with λ/(2m) Σ Θ² (bias columns excluded): 0.287629 (λ = 0) and 0.383770 (λ = 1). With
 * `asWritten`, the practical's own code: log(1 − h + 1e-6) and λ = 0.1 — its printed
 * 0.2876200116672694 and 0.2972340810602299.
 */
export const courseraCost: Experiment = {
  id: 'coursera-cost',
  title: "The Coursera practical's cost of the pre-trained network (λ = 0 and 1)",
  source: 'Coursera ex4 practical (000)',
  quick: true,
  switches: ['asWritten'],
  needs: ['ex4data1', 'ex4weights'],
  async run(options) {
    const { X, y, Theta1, Theta2 } = required(options.data);
    const model = fromThetas([Theta1, Theta2]);
    const Y = courseTargets(y, model.outputSize);
    const cost = (lambda: number) =>
      evaluate(model, X, Y, {
        loss: 'binaryCrossEntropy',
        penalty: lambda > 0 ? { name: 'l2', config: { lambda } } : null,
      }).loss;
    const h = predict(model, X);
    // Printed to 6 digits by the course: ± half a unit of the last digit.
    const sixDigits = (v: number) => around(v, 0, 5e-7);
    const metrics = options.asWritten
      ? [
          metric('cost as written, λ = 0', asWrittenCost(h, Y, [Theta1, Theta2], 0), {
            document: 0.2876200116672694,
            band: around(0.2876200116672694, 1e-12),
          }),
          metric('cost as written, λ = 0.1', asWrittenCost(h, Y, [Theta1, Theta2], 0.1), {
            document: 0.2972340810602299,
            band: around(0.2972340810602299, 1e-12),
          }),
        ]
      : [
          metric('cost, λ = 0', cost(0), { document: 0.287629, band: sixDigits(0.287629) }),
          metric('cost, λ = 1', cost(1), { document: 0.38377, band: sixDigits(0.38377) }),
        ];
    return {
      ...heading(courseraCost),
      settings: { samples: X.rows, asWritten: !!options.asWritten },
      shortened: false,
      metrics,
      notes: options.asWritten
        ? [
            "The practical adds 1e-6 inside log(1 − h + 1e-6) (the second term only), which lowers the cost to 0.28762001; its 'regularised' run uses λ = 0.1, not 1: 0.28762001 + 0.1·0.0961407 = 0.29723408.",
          ]
        : [
            'The canonical course values; run with --as-written for the practical’s own code and numbers.',
          ],
      plots: [],
    };
  },
};
