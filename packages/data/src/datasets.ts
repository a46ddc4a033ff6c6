import { fromArray, InvalidArgumentError, Matrix, type Rng } from '@backprop/linalg';

/** A labelled classification set: features X (m x n), integer labels y, and targets Y for training. */
export interface LabelledSet {
  X: Matrix;
  y: Int32Array;
  /** m x 1 of 0/1 for two classes (binary cross-entropy), one-hot m x K otherwise. */
  Y: Matrix;
}

function targets(y: Int32Array, classes: number): Matrix {
  if (classes === 2) return new Matrix(y.length, 1, Float64Array.from(y));
  const Y = new Matrix(y.length, classes);
  for (let i = 0; i < y.length; i++) Y.data[i * classes + y[i]!] = 1;
  return Y;
}

function requireRng(name: string, rng: Rng | undefined): Rng {
  if (typeof rng?.normal !== 'function') {
    throw new InvalidArgumentError(
      'rng',
      `${name}: needs an rng (new Rng(seed) from @backprop/linalg) — datasets are seeded, never Math.random`,
    );
  }
  return rng;
}

/** numpy's linspace, to the bit: i·step + start with step = (stop − start)/(n − 1), the last = stop. */
function linspace(start: number, stop: number, n: number): number[] {
  if (n === 1) return [start];
  const step = (stop - start) / (n - 1);
  return Array.from({ length: n }, (_, i) => (i === n - 1 ? stop : i * step + start));
}

/** The four XOR points: (0,0)→0, (0,1)→1, (1,0)→1, (1,1)→0. */
export function xor(): LabelledSet {
  const y = Int32Array.of(0, 1, 1, 0);
  return {
    X: fromArray([
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1],
    ]),
    y,
    Y: targets(y, 2),
  };
}

/**
 * Labelled 2-D points (x, y, class 0/1) as a set: shuffled first when asked, then Gaussian noise
 * of standard deviation `noise` added to every coordinate, in row order (moons and circles).
 */
function noisyPoints(
  points: [number, number, number][],
  noise: number,
  rng: Rng,
  shuffle: boolean,
): LabelledSet {
  if (shuffle) rng.shuffle(points);
  const n = points.length;
  const X = new Matrix(n, 2);
  const y = new Int32Array(n);
  points.forEach(([a, b, label], i) => {
    X.data[2 * i] = a + (noise > 0 ? rng.normal(0, noise) : 0);
    X.data[2 * i + 1] = b + (noise > 0 ? rng.normal(0, noise) : 0);
    y[i] = label;
  });
  return { X, y, Y: targets(y, 2) };
}

/**
 * Two interleaving half circles — the definition of scikit-learn's make_moons: ⌊n/2⌋ points on the
 * outer arc (cos t, sin t) labelled 0 and the rest on the inner arc (1 − cos t, 0.5 − sin t)
 * labelled 1, t evenly spaced over [0, π]; then shuffled (unless `shuffle: false`) and Gaussian
 * noise of standard deviation `noise` added to every coordinate.
 */
export function moons(
  n: number,
  noise: number,
  rng: Rng,
  options: { shuffle?: boolean } = {},
): LabelledSet {
  if (!(Number.isInteger(n) && n >= 2))
    throw new InvalidArgumentError('n', `moons: n must be an integer >= 2, got ${n}`);
  if (!(noise >= 0))
    throw new InvalidArgumentError('noise', `moons: noise must be >= 0, got ${noise}`);
  requireRng('moons', rng);
  const outer = Math.floor(n / 2);
  const inner = n - outer;
  const points: [number, number, number][] = [
    ...linspace(0, Math.PI, outer).map((t): [number, number, number] => [
      Math.cos(t),
      Math.sin(t),
      0,
    ]),
    ...linspace(0, Math.PI, inner).map((t): [number, number, number] => [
      1 - Math.cos(t),
      1 - Math.sin(t) - 0.5,
      1,
    ]),
  ];
  return noisyPoints(points, noise, rng, options.shuffle ?? true);
}

/**
 * Two concentric circles — the definition of scikit-learn's make_circles: ⌊n/2⌋ points on the
 * unit circle labelled 0 and the rest on a circle of radius `factor` (default 0.5) labelled 1,
 * each at angles 2πk/count (k = 0 … count − 1); then shuffled (unless `shuffle: false`) and
 * Gaussian noise of standard deviation `noise` added to every coordinate. Not linearly separable.
 */
export function circles(
  n: number,
  noise: number,
  rng: Rng,
  options: { shuffle?: boolean; factor?: number } = {},
): LabelledSet {
  if (!(Number.isInteger(n) && n >= 2))
    throw new InvalidArgumentError('n', `circles: n must be an integer >= 2, got ${n}`);
  if (!(noise >= 0))
    throw new InvalidArgumentError('noise', `circles: noise must be >= 0, got ${noise}`);
  const factor = options.factor ?? 0.5;
  if (!(factor > 0 && factor < 1))
    throw new InvalidArgumentError('factor', `circles: factor must be in (0, 1), got ${factor}`);
  requireRng('circles', rng);
  const outer = Math.floor(n / 2);
  const ring = (count: number, r: number, label: number) =>
    Array.from({ length: count }, (_, k): [number, number, number] => {
      const t = (2 * Math.PI * k) / count;
      return [r * Math.cos(t), r * Math.sin(t), label];
    });
  const points = [...ring(outer, 1, 0), ...ring(n - outer, factor, 1)];
  return noisyPoints(points, noise, rng, options.shuffle ?? true);
}

/**
 * The course's two-petal "flower" (planar) set, as its load_planar_dataset builds it: for each
 * class j ∈ {0, 1}, n/2 points with angle t = linspace(3.12j, 3.12(j + 1)) + N(0, 0.2²) and
 * radius r = 4 sin(4t) + N(0, 0.2²), at (r sin t, r cos t). Not linearly separable: logistic
 * regression stays near 50%, a small tanh network reaches ~90%. The draws come in the course's
 * order (a class's n/2 angle deviates, then its n/2 radius deviates), so with
 * `new NumpyRandomState(1)` — the course's `np.random.seed(1)` — this is the course's data set.
 */
export function planar(n: number, rng: Rng): LabelledSet {
  if (!(Number.isInteger(n) && n >= 2 && n % 2 === 0))
    throw new InvalidArgumentError('n', `planar: n must be an even integer >= 2, got ${n}`);
  requireRng('planar', rng);
  const half = n / 2;
  const X = new Matrix(n, 2);
  const y = new Int32Array(n);
  for (let j = 0; j < 2; j++) {
    const ts = linspace(j * 3.12, (j + 1) * 3.12, half).map((t) => t + rng.normal(0, 0.2));
    const rs = ts.map(() => rng.normal(0, 0.2)).map((noise, k) => 4 * Math.sin(4 * ts[k]!) + noise);
    for (let k = 0; k < half; k++) {
      const i = j * half + k;
      X.data[2 * i] = rs[k]! * Math.sin(ts[k]!);
      X.data[2 * i + 1] = rs[k]! * Math.cos(ts[k]!);
      y[i] = j;
    }
  }
  return { X, y, Y: targets(y, 2) };
}

/**
 * K interleaved spiral arms (the classic CS231n toy set): for class j, `perClass` points with
 * radius evenly spaced in [0, 1] and angle linspace(4j, 4(j + 1)) + N(0, noise²).
 */
export function spirals(perClass: number, classes: number, rng: Rng, noise = 0.2): LabelledSet {
  if (!(Number.isInteger(perClass) && perClass >= 2))
    throw new InvalidArgumentError(
      'perClass',
      `spirals: perClass must be an integer >= 2, got ${perClass}`,
    );
  if (!(Number.isInteger(classes) && classes >= 2))
    throw new InvalidArgumentError(
      'classes',
      `spirals: classes must be an integer >= 2, got ${classes}`,
    );
  requireRng('spirals', rng);
  const n = perClass * classes;
  const X = new Matrix(n, 2);
  const y = new Int32Array(n);
  for (let j = 0; j < classes; j++) {
    const radii = linspace(0, 1, perClass);
    const angles = linspace(j * 4, (j + 1) * 4, perClass);
    for (let k = 0; k < perClass; k++) {
      const i = j * perClass + k;
      const t = angles[k]! + rng.normal(0, noise);
      X.data[2 * i] = radii[k]! * Math.sin(t);
      X.data[2 * i + 1] = radii[k]! * Math.cos(t);
      y[i] = j;
    }
  }
  return { X, y, Y: targets(y, classes) };
}

/**
 * The thesis's regression data (course material 001, "temperature → ice creams"): 16 days'
 * temperature (°C) and ice creams sold, exactly as the thesis lists them. X is 16 x 1
 * (temperature), Y is 16 x 1 (ice creams). The thesis divides both by 10 before training
 * (`scale: 10` gives that) and inserts a bias column of ones first (a dense layer's b does that
 * job here).
 */
export function iceCream16(options: { scale?: number } = {}): { X: Matrix; Y: Matrix } {
  const scale = options.scale ?? 1;
  if (!(Number.isFinite(scale) && scale > 0))
    throw new InvalidArgumentError(
      'scale',
      `iceCream16: scale must be a finite number > 0 (the thesis divides by 10), got ${scale}`,
    );
  const temperature = [25, 26, 27, 28, 29, 29.5, 30.5, 31, 32, 33.5, 34, 36.5, 37, 37.5, 39, 40];
  const iceCreams = [10, 18, 12, 20, 18, 20, 22, 30, 32, 30, 35, 36, 40, 38, 37, 41];
  return {
    X: new Matrix(
      16,
      1,
      Float64Array.from(temperature, (v) => v / scale),
    ),
    Y: new Matrix(
      16,
      1,
      Float64Array.from(iceCreams, (v) => v / scale),
    ),
  };
}

/**
 * Temperature (°C) → ice-cream sales ($): the 12-point table of the widely used "Ice Cream Sales vs
 * Temperature" example (mathsisfun.com, "Scatter Plots"), for simple linear regression.
 * X is 12 x 1 (temperature), Y is 12 x 1 (sales).
 */
export function iceCreamSales(): { X: Matrix; Y: Matrix } {
  const temperature = [14.2, 16.4, 11.9, 15.2, 18.5, 22.1, 19.4, 25.1, 23.4, 18.1, 22.6, 17.2];
  const sales = [215, 325, 185, 332, 406, 522, 412, 614, 544, 421, 445, 408];
  return {
    X: new Matrix(12, 1, Float64Array.from(temperature)),
    Y: new Matrix(12, 1, Float64Array.from(sales)),
  };
}
