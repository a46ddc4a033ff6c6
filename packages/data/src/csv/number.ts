const SPACE = 32;
const TAB = 9;

/**
 * The strict number grammar of CSV cells — not `Number()`, which accepts "" and " " as 0 and
 * "0x1F" as 31:
 *   spaces? [+-]? ( digits [. digits?]? | . digits ) ( [eE] [+-]? digits )? spaces?
 * Spaces and tabs around the number are allowed (numpy and pandas read " 1 " as 1); an empty or
 * blank cell is not a number. No hex/binary/octal, no "Infinity" or "NaN", no thousands
 * separators. Returns NaN when the text is not a number in this grammar.
 */
export function parseStrictNumber(text: string, start: number, end: number): number {
  while (start < end && isBlank(text.charCodeAt(start))) start++;
  while (end > start && isBlank(text.charCodeAt(end - 1))) end--;
  let i = start;
  let c = text.charCodeAt(i);
  const negative = c === 45; // '-'
  if (c === 43 || c === 45) c = text.charCodeAt(++i);
  // Fast path: a plain integer of up to 15 digits is exact in float64.
  let value = 0;
  let digits = 0;
  while (i < end && c >= 48 && c <= 57) {
    value = value * 10 + (c - 48);
    digits++;
    c = text.charCodeAt(++i);
  }
  if (i === end) {
    if (digits === 0) return Number.NaN;
    if (digits <= 15) return negative ? -value : value;
    return Number(text.slice(start, end));
  }
  let fraction = 0;
  if (c === 46) {
    // '.'
    c = text.charCodeAt(++i);
    while (i < end && c >= 48 && c <= 57) {
      fraction++;
      c = text.charCodeAt(++i);
    }
  }
  if (digits + fraction === 0) return Number.NaN;
  if (i < end && (c === 101 || c === 69)) {
    // 'e' | 'E'
    c = text.charCodeAt(++i);
    if (c === 43 || c === 45) c = text.charCodeAt(++i);
    let exponent = 0;
    while (i < end && c >= 48 && c <= 57) {
      exponent++;
      c = text.charCodeAt(++i);
    }
    if (exponent === 0) return Number.NaN;
  }
  if (i !== end) return Number.NaN;
  // The text is in the grammar; Number() rounds it correctly.
  return Number(text.slice(start, end));
}

function isBlank(c: number): boolean {
  return c === SPACE || c === TAB;
}
