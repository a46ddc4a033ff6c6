/**
 * ln(x) rounded correctly to the nearest double, for generators that must match C libraries bit
 * for bit: V8's Math.log (fdlibm) is within 1 ulp but not always the nearest double, where glibc's
 * log (which numpy calls) almost always is. Computed in double-double arithmetic (~106 bits):
 * x = m·2^k with m in [1/√2, √2), ln x = k·ln 2 + 2·atanh((m − 1)/(m + 1)), the series summed to
 * 2^−106, then rounded once. About 20x slower than Math.log; use it only where bits must agree.
 */

const SPLIT = 134217729; // 2^27 + 1, Dekker's splitter
// ln 2 as a double-double: hi + lo, lo ≈ 2.3e-17.
const LN2_HI = Math.LN2;
const LN2_LO = 2.3190468138462996e-17;

type DD = [number, number];

function twoSum(a: number, b: number): DD {
  const s = a + b;
  const bb = s - a;
  return [s, a - (s - bb) + (b - bb)];
}

function quickTwoSum(a: number, b: number): DD {
  const s = a + b;
  return [s, b - (s - a)];
}

function twoProd(a: number, b: number): DD {
  const p = a * b;
  const ca = SPLIT * a;
  const ah = ca - (ca - a);
  const al = a - ah;
  const cb = SPLIT * b;
  const bh = cb - (cb - b);
  const bl = b - bh;
  return [p, ah * bh - p + ah * bl + al * bh + al * bl];
}

function add(x: DD, y: DD): DD {
  const [s, e] = twoSum(x[0], y[0]);
  return quickTwoSum(s, e + x[1] + y[1]);
}

function mul(x: DD, y: DD): DD {
  const [p, e] = twoProd(x[0], y[0]);
  return quickTwoSum(p, e + x[0] * y[1] + x[1] * y[0]);
}

function div(x: DD, y: DD): DD {
  const q1 = x[0] / y[0];
  const r = add(x, mul([-q1, 0], y));
  const q2 = r[0] / y[0];
  const r2 = add(r, mul([-q2, 0], y));
  const q3 = r2[0] / y[0];
  return add(quickTwoSum(q1, q2), [q3, 0]);
}

/** ln(x), correctly rounded; NaN, ±Infinity, 0 and negatives behave as Math.log. */
export function correctlyRoundedLog(x: number): number {
  if (!(x > 0) || x === Number.POSITIVE_INFINITY) return Math.log(x);
  // x = m·2^k, m in [1/√2, √2); subnormals are scaled up first.
  let k = 0;
  let m = x;
  if (m < 2 ** -1000) {
    m *= 2 ** 100;
    k -= 100;
  } else if (m > 2 ** 1000) {
    m /= 2 ** 100;
    k += 100;
  }
  const e = Math.floor(Math.log2(m));
  m /= 2 ** e;
  k += e;
  if (m < 1) {
    m *= 2;
    k -= 1;
  }
  if (m > Math.SQRT2) {
    m /= 2;
    k += 1;
  }
  // s = (m − 1)/(m + 1): m − 1 is exact for m in [0.5, 2]; m + 1 as a double-double.
  const s = div([m - 1, 0], twoSum(m, 1));
  const s2 = mul(s, s);
  // atanh(s)/s = Σ s^(2n)/(2n + 1), summed from the smallest term up.
  const terms: DD[] = [];
  let power: DD = [1, 0];
  for (let n = 0; n < 40; n++) {
    terms.push(div(power, [2 * n + 1, 0]));
    power = mul(power, s2);
    if (Math.abs(power[0]) < 2 ** -110) break;
  }
  let series: DD = [0, 0];
  for (let i = terms.length - 1; i >= 0; i--) series = add(series, terms[i]!);
  const lnM = mul([2 * s[0], 2 * s[1]], series);
  const kLn2 = add(twoProd(k, LN2_HI), [k * LN2_LO, 0]);
  const sum = add(kLn2, lnM);
  return sum[0] + sum[1];
}
