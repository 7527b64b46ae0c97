import type { HomeCreditTable } from '../home-credit-tables.js';
import type { CsvDelimiter } from './csv-dialect.js';
import { CsvRecordReader, CsvSyntaxError } from './csv-record-reader.js';
import { FileStructureError } from './file-structure-error.js';
import { printable } from './printable.js';

/** Where each column of the table is found in the file's rows. */
export interface HeaderMapping {
  /** For each column of the table (in table order), its field index in a row, or -1 when the file lacks it. */
  sourceIndex: number[];
  /** Fields every row must have (the header's, including a dropped index column). */
  fieldCount: number;
  /** The file starts with an unnamed index column (pandas `to_csv` default), ignored on load. */
  droppedIndexColumn: boolean;
  /** The header's names, by field index (for messages). */
  names: string[];
}

/** Columns a file may lack, by file name: the test half of the application table has no outcome yet. */
const OPTIONAL_COLUMNS: Record<string, readonly string[]> = { 'application_test.csv': ['TARGET'] };

/**
 * Checks a header against the table's columns (any order, exact names) and maps them to field indexes.
 * Throws FileStructureError (line 1) naming every unknown, missing or repeated column.
 */
export function mapHeader(
  table: HomeCreditTable,
  fileName: string,
  displayName: string,
  headerLine: string,
  delimiter: CsvDelimiter,
): HeaderMapping {
  const fail = (message: string): never => {
    throw new FileStructureError(displayName, 1, message);
  };
  let fields: string[] = [];
  try {
    // The same reader as the rows, so that the header is split exactly as they are.
    const reader = new CsvRecordReader(delimiter, (record) => {
      if (fields.length === 0) fields = record;
    });
    reader.push(Buffer.from(`${headerLine}\n`));
    reader.end();
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) throw error;
    return fail(`the header line has broken quoting (${error.kind.replace(/-/g, ' ')}).`);
  }
  const names = fields.map((f) => f.trim());
  if (names.length === 1 && table.columns.length > 1 && /[,;\t]/.test(names[0]!)) {
    fail('the whole header line is one quoted field: the file has every line wrapped in quotes (a broken export); re-export it without.');
  }
  const droppedIndexColumn = names.length > 1 && names[0] === '';
  const position = new Map<string, number>();
  names.forEach((name, index) => {
    if (index === 0 && droppedIndexColumn) return;
    if (name === '') fail(`header column ${index + 1} has no name.`);
    if (position.has(name)) fail(`header column ${index + 1} repeats "${printable(name, 60)}" (already column ${position.get(name)! + 1}).`);
    position.set(name, index);
  });
  const known = new Set(table.columns.map(([name]) => name));
  const unknown = [...position.keys()].filter((name) => !known.has(name));
  const optional = OPTIONAL_COLUMNS[fileName.toLowerCase()] ?? [];
  const missing = table.columns.map(([name]) => name).filter((name) => !position.has(name) && !optional.includes(name));
  if (unknown.length || missing.length) {
    const parts = [];
    if (unknown.length) parts.push(`unknown column${unknown.length > 1 ? 's' : ''} ${listNames(unknown, position, known)}`);
    if (missing.length) parts.push(`missing column${missing.length > 1 ? 's' : ''} ${listNames(missing)}`);
    fail(`the header does not match table ${table.name}: ${parts.join('; ')}.`);
  }
  return {
    sourceIndex: table.columns.map(([name]) => position.get(name) ?? -1),
    fieldCount: names.length,
    droppedIndexColumn,
    names,
  };
}

function listNames(names: string[], position?: Map<string, number>, known?: Set<string>): string {
  const hint = (n: string) => {
    const match = [...(known ?? [])].find((k) => k.toLowerCase() === n.toLowerCase());
    return match ? `, names are case-sensitive: "${match}"?` : '';
  };
  const shown = names.slice(0, 8).map((n) => (position ? `"${printable(n, 60)}" (column ${position.get(n)! + 1}${hint(n)})` : `"${n}"`));
  return shown.join(', ') + (names.length > 8 ? ` and ${names.length - 8} more` : '');
}
