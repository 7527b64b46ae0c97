/** The features' fixed category vocabulary against the values some application files hold. */
import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import { expect } from 'vitest';
import { EDUCATION_LEVELS, ONE_HOT_COLUMNS } from '../../model/features/application-categories.js';

/**
 * Every value the files hold in a category column is known to its encoding (an unknown value would
 * silently encode as "none of these"), and no value sets two flags.
 */
export function expectVocabularyKnowsEveryValue(files: string[]): void {
  const rows = files.flatMap((file) => parse(fs.readFileSync(file), { columns: true }) as Record<string, string>[]);
  const valuesOf = (column: string): Set<string> => new Set(rows.flatMap((row) => (row[column] ? [row[column]!] : [])));
  for (const encoded of ONE_HOT_COLUMNS) {
    const known = new Set([...encoded.options.flatMap((o) => o.values), ...(encoded.reference ?? []), ...(encoded.missingValues ?? [])]);
    const values = valuesOf(encoded.column);
    expect(values.size, encoded.column).toBeGreaterThan(1);
    for (const value of values) expect(known.has(value), `${encoded.column} = ${value}`).toBe(true);
    const all = encoded.options.flatMap((o) => o.values);
    expect(new Set(all).size, encoded.column).toBe(all.length);
  }
  const levels = new Set(EDUCATION_LEVELS.map((l) => l.value));
  for (const value of valuesOf('NAME_EDUCATION_TYPE')) expect(levels.has(value), value).toBe(true);
}
