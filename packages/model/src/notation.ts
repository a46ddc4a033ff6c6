/** Subscript digits for the course's notation: `sub(12)` is `₁₂`. */
const DIGITS = '₀₁₂₃₄₅₆₇₈₉';

export function sub(n: number): string {
  return String(n).replace(/\d/g, (d) => DIGITS[Number(d)]!);
}
