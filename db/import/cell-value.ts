/** Decimal number as pandas, R and Excel write it: optional sign, digits, optional fraction and exponent. */
const NUMBER_SYNTAX = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const NOT_FINITE = /^[+-]?(?:nan|inf|infinity)$/i;
const DECIMAL_COMMA = /^[+-]?\d+,\d+$/;

/** Whether a cell means "missing": empty, or R's `NA`. No Home Credit text value is literally "NA". */
export function isMissing(text: string): boolean {
  return text === '' || text === 'NA';
}

/**
 * Converts a number cell to a finite number; int columns accept integral floats ("1.0", as pandas writes
 * integer columns holding NaN) but not "1.5". Returns a string reason when the text is not acceptable.
 */
export function parseNumberCell(text: string, kind: 'int' | 'real'): number | string {
  if (!NUMBER_SYNTAX.test(text)) {
    if (NOT_FINITE.test(text.trim())) return `"${text}" is not a finite number`;
    if (DECIMAL_COMMA.test(text)) return `"${text}" is not a number (decimal comma? numbers must use a point)`;
    return `"${text}" is not a number`;
  }
  const value = Number(text);
  if (!Number.isFinite(value)) return `"${text}" is out of range`;
  if (kind === 'int') {
    if (!Number.isInteger(value)) return `"${text}" is not a whole number (integer column)`;
    if (!Number.isSafeInteger(value)) return `"${text}" is too large for an integer column`;
  }
  return value;
}
