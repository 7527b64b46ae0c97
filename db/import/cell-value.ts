/** Decimal number as pandas, R and Excel write it: optional sign, digits, optional fraction and exponent. */
const NUMBER_SYNTAX = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const NOT_FINITE = /^[+-]?(?:nan|inf|infinity)$/i;
const DECIMAL_COMMA = /^[+-]?\d+,\d+$/;
/**
 * A number as a French/European spreadsheet exports it: digits grouped by thousands with a space (plain,
 * no-break or narrow no-break) or not grouped, a decimal comma, optionally a euro sign before or after.
 */
const COMMA_NUMBER = /^(?:€\s?)?([+-]?(?:\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)(?:,\d+)?)(?:\s?€)?$/;
const POINT_DECIMAL = /^[+-]?\d*\.\d/;

/** Whether a cell means "missing": empty, or R's `NA`. No Home Credit text value is literally "NA". */
export function isMissing(text: string): boolean {
  return text === '' || text === 'NA';
}

/** A file whose numbers use both decimal marks: it is refused whole, not loaded in part. */
export class MixedDecimalMarkError extends Error {
  constructor(
    readonly line: number,
    readonly column: string,
    readonly value: string,
    readonly evidence: { line: number; column: string; value: string; mark: ',' | '.' },
  ) {
    const name = (mark: ',' | '.') => (mark === ',' ? 'a decimal comma' : 'a decimal point');
    const other = evidence.mark === ',' ? '.' : ',';
    const first = evidence.line === 0 ? 'decimal commas were announced (--decimal-comma)' : `${evidence.column} "${evidence.value}" on line ${evidence.line} has ${name(evidence.mark)}`;
    super(
      `the file mixes decimal marks: ${first}, ` +
        `${column} "${value}" here ${name(other)}. Nothing of it was loaded: re-export the whole file with one number format ` +
        '(or give it with --decimal-comma).',
    );
    this.name = 'MixedDecimalMarkError';
  }
}

/**
 * Reads the number cells of one file in its decimal mark: given upfront (a comma-separated file can only
 * use a point; --decimal-comma), else learnt from the first number written with a fraction or a thousands
 * space. A later number in the other mark throws MixedDecimalMarkError.
 */
export class NumberReader {
  private evidence: { line: number; column: string; value: string; mark: ',' | '.' } | null = null;
  /** A comma-separated file: a decimal comma cannot be its dialect, a "1,5" cell is a mistake of its row. */
  private readonly pointOnly: boolean;

  constructor(private mark: ',' | '.' | null) {
    this.pointOnly = mark === '.';
    if (mark === ',') this.evidence = { line: 0, column: '--decimal-comma', value: '', mark };
  }

  /** The cell's number, or the reason it is not acceptable (kept in the reject report). */
  read(text: string, kind: 'int' | 'real', line: number, column: string): number | string {
    if (NUMBER_SYNTAX.test(text)) {
      if (POINT_DECIMAL.test(text)) this.saw('.', line, column, text);
      return parseNumberCell(text, kind);
    }
    const comma = this.pointOnly ? null : COMMA_NUMBER.exec(text);
    if (!comma) return parseNumberCell(text, kind);
    const digits = comma[1]!.replace(/[ \u00a0\u202f]/g, '');
    if (digits !== comma[1] || digits.includes(',')) this.saw(',', line, column, text);
    return parseNumberCell(digits.replace(',', '.'), kind, text);
  }

  private saw(mark: ',' | '.', line: number, column: string, value: string): void {
    if (this.pointOnly) return;
    if (this.mark === null || this.evidence === null) {
      this.mark = mark;
      this.evidence = { line, column, value, mark };
    } else if (this.mark !== mark) {
      throw new MixedDecimalMarkError(line, column, value, this.evidence);
    }
  }
}

/**
 * Converts a number cell to a finite number; int columns accept integral floats ("1.0", as pandas writes
 * integer columns holding NaN) but not "1.5". Returns a string reason when the text is not acceptable.
 * `shown` is the cell as written, when `text` is its normalised form (1 234,5 → 1234.5).
 */
export function parseNumberCell(text: string, kind: 'int' | 'real', shown = text): number | string {
  if (!NUMBER_SYNTAX.test(text)) {
    if (NOT_FINITE.test(text.trim())) return `"${shown}" is not a finite number`;
    if (DECIMAL_COMMA.test(text)) return `"${shown}" is not a number (decimal comma? numbers must use a point)`;
    return `"${shown}" is not a number`;
  }
  const value = Number(text);
  if (!Number.isFinite(value)) return `"${shown}" is out of range`;
  if (kind === 'int') {
    if (!Number.isInteger(value)) return `"${shown}" is not a whole number (integer column)`;
    if (!Number.isSafeInteger(value)) return `"${shown}" is too large for an integer column`;
  }
  return value;
}
