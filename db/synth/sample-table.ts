import fs from 'node:fs';
import { parse } from 'csv-parse/sync';

/** A CSV file as a header and rows of texts. */
export interface Table {
  header: string[];
  rows: string[][];
  column(name: string): string[];
}

/** Reads a sample CSV file (UTF-8, header line first). */
export function readTable(file: string): Table {
  const records = parse(fs.readFileSync(file), { bom: true, relax_column_count: false }) as string[][];
  const [header, ...rows] = records;
  if (!header) throw new Error(`${file}: empty file`);
  return {
    header,
    rows,
    column(name: string): string[] {
      const i = header.indexOf(name);
      if (i < 0) throw new Error(`${file}: no column ${name}`);
      return rows.map((r) => r[i]!);
    },
  };
}
