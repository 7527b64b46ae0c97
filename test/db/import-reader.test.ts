import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { CsvRecordReader, CsvSyntaxError } from '../../db/import/csv-record-reader.js';
import { FIXTURE_DIR } from '../support/paths.js';

/** Reads bytes with the reader, cut into the given chunk sizes (cycled). */
function readAll(bytes: Buffer, delimiter: string, chunkSizes: number[] = [65_536]): { records: string[][]; lines: number[] } {
  const records: string[][] = [];
  const lines: number[] = [];
  const reader = new CsvRecordReader(delimiter, (fields, line) => {
    records.push(fields);
    lines.push(line);
  });
  for (let pos = 0, k = 0; pos < bytes.length; k++) {
    const size = chunkSizes[k % chunkSizes.length]!;
    reader.push(bytes.subarray(pos, pos + size));
    pos += size;
  }
  reader.end();
  return { records, lines };
}

/** csv-parse's reading of the same bytes, with the importer's options: the oracle. */
function oracle(bytes: Buffer, delimiter: string): string[][] {
  return parse(bytes, { delimiter, bom: true, relax_column_count: true, skip_empty_lines: true }) as string[][];
}

const piece = fc.constantFrom('a', 'Z', '7', '.', '-', ' ', ',', ';', '\t', '"', '""', '\n', '\r\n', 'é', '€', '😀', 'Stone, brick');
const field = fc.array(piece, { maxLength: 6 }).map((parts) => parts.join(''));

describe('CsvRecordReader', () => {
  it('reads every fixture file exactly as csv-parse does, whatever the chunk size', () => {
    for (const name of fs.readdirSync(FIXTURE_DIR)) {
      const bytes = fs.readFileSync(path.join(FIXTURE_DIR, name));
      const expected = oracle(bytes, ',');
      expect(readAll(bytes, ',').records, name).toEqual(expected);
      expect(readAll(bytes, ',', [1, 7, 4096, 13]).records, name).toEqual(expected);
    }
  });

  it('agrees with csv-parse on any well-formed CSV (quotes, delimiters and newlines inside fields, BOM, CRLF, UTF-8 split across chunks), with the start line of each record', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(',', '\t', ';'),
        fc.array(fc.array(field, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 12 }),
        fc.constantFrom('\n', '\r\n'),
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 5 }),
        (delimiter, rows, lineEnd, bom, quoteAll, finalLineEnd, chunkSizes) => {
          const lineStarts: number[] = [];
          let line = 1;
          const text = rows
            .map((row, r) => {
              const cells = row.map((v) => (quoteAll || /[",;\t\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v));
              const record = cells.join(delimiter);
              lineStarts.push(record === '' ? -1 : line); // an empty line is no record
              line += 1 + (record.match(/\n/g)?.length ?? 0);
              return record + (r < rows.length - 1 || finalLineEnd ? lineEnd : '');
            })
            .join('');
          const bytes = Buffer.from((bom ? '\uFEFF' : '') + text, 'utf8');
          const { records, lines } = readAll(bytes, delimiter, chunkSizes);
          expect(records).toEqual(oracle(bytes, delimiter));
          expect(records).toEqual(rows.filter((_, i) => lineStarts[i] !== -1));
          expect(lines).toEqual(lineStarts.filter((l) => l !== -1));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('refuses broken quoting wherever csv-parse does, and reads the rest the same', () => {
    const broken = fc.array(fc.constantFrom('a', ',', '"', '\n', 'b'), { maxLength: 30 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(broken, fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 3 }), (text, chunkSizes) => {
        const bytes = Buffer.from(text);
        let expected: string[][] | 'error';
        try {
          expected = oracle(bytes, ',');
        } catch {
          expected = 'error';
        }
        let actual: string[][] | 'error';
        try {
          actual = readAll(bytes, ',', chunkSizes).records;
        } catch (error) {
          expect(error).toBeInstanceOf(CsvSyntaxError);
          actual = 'error';
        }
        expect(actual).toEqual(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('names the start line and the field of a quoting error', () => {
    const read = (text: string) => () => readAll(Buffer.from(text), ',', [3]);
    expect(read('a,b\n1,2\n3,"x\ny\n')).toThrow(expect.objectContaining({ kind: 'unclosed-quote', line: 3 }));
    expect(read('a,b\n1,2\n3,"x" y\n')).toThrow(expect.objectContaining({ kind: 'text-after-closing-quote', line: 3, field: 1 }));
    expect(read('a,b\n\n1,x"y\n')).toThrow(expect.objectContaining({ kind: 'quote-in-unquoted-field', line: 3, field: 1 }));
  });

  it('bounds the memory of a record whose quote never closes', () => {
    const reader = new CsvRecordReader(',', () => {}, 1000);
    reader.push(Buffer.from('a,b\n1,"'));
    expect(() => {
      for (let i = 0; i < 100; i++) reader.push(Buffer.from('xxxxxxxxxxxxxxxxxxxx,\n'));
    }).toThrow(expect.objectContaining({ kind: 'record-too-long', line: 2 }));
  });
});
