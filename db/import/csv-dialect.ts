import fs from 'node:fs/promises';
import { FileStructureError } from './file-structure-error.js';

/** The separators a Home Credit extract has been seen with (pandas/R default, TSV, European Excel). */
export type CsvDelimiter = ',' | '\t' | ';';

/** How a CSV file is written, read from its first line. */
export interface CsvDialect {
  delimiter: CsvDelimiter;
  /** The first line without BOM and line end. */
  headerLine: string;
}

const HEAD_LIMIT = 1 << 20; // no real header comes near 1 MB; bounds what a file without line ends costs
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** Reads the first line of a file and detects its delimiter (the most frequent candidate outside quotes). */
export async function readCsvDialect(filePath: string, displayName: string): Promise<CsvDialect> {
  const head = await readFirstLine(filePath);
  if (head === null) throw new FileStructureError(displayName, 1, 'the file is empty: there is no header line.');
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) {
    throw new FileStructureError(displayName, 1, 'the file is encoded in UTF-16; save it as UTF-8 and import it again.');
  }
  const start = head.subarray(0, 3).equals(UTF8_BOM) ? 3 : 0;
  const headerLine = head.subarray(start).toString('utf8').replace(/\r?\n$/, '').replace(/\r$/, '');
  if (headerLine.trim() === '') throw new FileStructureError(displayName, 1, 'the header line is empty.');
  return { delimiter: detectDelimiter(headerLine), headerLine };
}

/** The candidate delimiter seen most often outside double quotes; comma when none is seen. */
export function detectDelimiter(line: string): CsvDelimiter {
  const counts = { ',': 0, '\t': 0, ';': 0 };
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === ',' || ch === '\t' || ch === ';')) counts[ch]++;
  }
  let best: CsvDelimiter = ',';
  for (const d of ['\t', ';'] as const) if (counts[d] > counts[best]) best = d;
  return best;
}

async function readFirstLine(filePath: string): Promise<Buffer | null> {
  const handle = await fs.open(filePath, 'r');
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    while (total < HEAD_LIMIT) {
      const chunk = Buffer.alloc(64 * 1024);
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, total);
      if (bytesRead === 0) break;
      const newline = chunk.subarray(0, bytesRead).indexOf(0x0a);
      if (newline >= 0) {
        chunks.push(chunk.subarray(0, newline + 1));
        return Buffer.concat(chunks);
      }
      chunks.push(chunk.subarray(0, bytesRead));
      total += bytesRead;
    }
    return total === 0 ? null : Buffer.concat(chunks);
  } finally {
    await handle.close();
  }
}
