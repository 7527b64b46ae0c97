import type { ColumnKind } from '../home-credit-columns.js';
import type { HomeCreditTable } from '../home-credit-tables.js';
import { isMissing, type NumberReader } from './cell-value.js';
import type { HeaderMapping } from './header-mapping.js';

/** Why one cell of a row cannot be stored. */
export interface RowProblem {
  column: string;
  value: string;
  reason: string;
}

const KIND_CODE: Record<ColumnKind, number> = { int: 0, real: 1, text: 2 };

/**
 * Turns a parsed CSV record into the values of one INSERT, in table column order, checking every cell.
 * Values are written into a caller's array (the insert batch, bound positionally): a clean row allocates nothing.
 */
export class RowConverter {
  private readonly width: number;
  private readonly names: string[];
  private readonly kinds: number[];
  private readonly source: number[];
  private readonly required: boolean[];

  constructor(
    table: HomeCreditTable,
    mapping: HeaderMapping,
    private readonly numbers: NumberReader,
  ) {
    this.names = table.columns.map(([name]) => name);
    this.kinds = table.columns.map(([, kind]) => KIND_CODE[kind]);
    this.source = mapping.sourceIndex;
    this.required = this.names.map((name) => table.requiredColumns.includes(name));
    this.width = this.names.length;
  }

  /**
   * Writes the record's values into `out` from `offset` (table column order); returns null when the row is
   * clean, else every problem found in it. Throws MixedDecimalMarkError (the whole file is refused).
   */
  convert(record: readonly string[], out: Array<number | string | null>, offset: number, line: number): RowProblem[] | null {
    let problems: RowProblem[] | null = null;
    const { kinds, source, required } = this;
    for (let i = 0; i < this.width; i++) {
      const index = source[i]!;
      if (index < 0) {
        out[offset + i] = null;
        continue;
      }
      const text = record[index]!;
      if (isMissing(text)) {
        out[offset + i] = null;
        if (required[i]) (problems ??= []).push({ column: this.names[i]!, value: text, reason: 'required value is missing' });
        continue;
      }
      const kind = kinds[i]!;
      if (kind === 2) {
        // Text is stored as decoded; the file's encoding was checked whole before (file-probe.ts).
        out[offset + i] = text;
        continue;
      }
      const parsed = this.numbers.read(text, kind === 0 ? 'int' : 'real', line, this.names[i]!);
      if (typeof parsed === 'number') out[offset + i] = parsed;
      else (problems ??= []).push({ column: this.names[i]!, value: text, reason: parsed });
    }
    return problems;
  }
}
