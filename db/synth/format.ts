/**
 * Value formats of the real Home Credit files, which pandas wrote: a float64 column prints Python's repr
 * of each value (`202500.0`, `0.018801`, `8.173616518884397e-08`), an int64 column plain digits, a missing
 * value nothing, text is quoted only when it must be (RFC 4180, as pandas' QUOTE_MINIMAL does).
 */

/** How a numeric column is written: integer digits, or Python's float repr. */
export type NumberFormat = 'int' | 'float';

/**
 * Python's repr of a float64: the shortest round-trip digits (which JavaScript's toString also gives),
 * but integral values keep a `.0` and scientific notation starts below 1e-4 (JavaScript: 1e-6) with a
 * two-digit exponent (`5e-05`).
 */
export function formatFloat(x: number): string {
  if (x === 0) return '0.0';
  const ax = x < 0 ? -x : x;
  if (ax >= 1e-4 && ax < 1e16) {
    return Number.isInteger(x) ? `${x}.0` : `${x}`;
  }
  const s = x.toExponential();
  const e = s.indexOf('e');
  const sign = s[e + 1]!;
  const digits = s.slice(e + 2);
  return `${s.slice(0, e)}e${sign}${digits.length < 2 ? `0${digits}` : digits}`;
}

/** An integral value as digits (never `-0`). */
export function formatInt(x: number): string {
  return x === 0 ? '0' : `${x}`;
}

/** A number in the column's format; NaN (our missing marker) becomes the empty field. */
export function formatNumber(x: number, format: NumberFormat): string {
  if (x !== x) return '';
  return format === 'float' ? formatFloat(x) : formatInt(x);
}

/** A text field quoted per RFC 4180 when it holds a comma, a quote or a line break. */
export function csvText(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** x rounded to `decimals` places (null: unchanged). Dividing by an exact power of ten keeps the shortest repr short. */
export function roundTo(x: number, decimals: number | null): number {
  if (decimals === null) return x;
  const p = POW10[decimals]!;
  const r = Math.round(x * p) / p;
  return r === 0 ? 0 : r;
}

const POW10 = [1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000];
