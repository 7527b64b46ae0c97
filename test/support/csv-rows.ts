import fs from 'node:fs';

/** Data rows of a CSV file (its non-empty lines minus the header); the fixtures have no multi-line field. */
export function dataRows(file: string): number {
  const text = fs.readFileSync(file, 'utf8');
  return text.split('\n').filter((l) => l.trim() !== '').length - 1;
}
