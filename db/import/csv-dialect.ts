import fs from 'node:fs/promises';
import iconv from 'iconv-lite';
import { FileStructureError } from './file-structure-error.js';
import { lineAtByte, type FileProbe } from './file-probe.js';

/** The separators a Home Credit extract has been seen with (pandas/R default, TSV, European Excel). */
export type CsvDelimiter = ',' | '\t' | ';';
/** The encodings read: UTF-8 (with or without BOM) and the Western European single-byte ones Excel writes. */
export type TextEncoding = 'utf8' | 'windows-1252' | 'latin1';
export const TEXT_ENCODINGS: readonly TextEncoding[] = ['utf8', 'windows-1252', 'latin1'];

/** What the person importing may say instead of letting the file be read for it. */
export interface DialectOptions {
  separator?: CsvDelimiter;
  /** Numbers are written with a decimal comma (1 234,56). */
  decimalComma?: boolean;
  encoding?: TextEncoding;
}

/** How a CSV file is written. */
export interface CsvDialect {
  delimiter: CsvDelimiter;
  encoding: TextEncoding;
  /** The decimal mark when known upfront (given, or ',' impossible with a comma separator); null: read from the numbers. */
  decimalMark: ',' | '.' | null;
  /** The first line without BOM and line end. */
  headerLine: string;
}

const HEAD_LIMIT = 1 << 20; // no real header comes near 1 MB; bounds what a file without line ends costs
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * Reads how a file is written: refuses what is not CSV text (empty, binary, UTF-16, encodings mixed), then
 * the encoding (UTF-8 unless bytes are not, then Windows-1252), separator (from the header) and decimal mark.
 */
export async function readCsvDialect(filePath: string, displayName: string, probe: FileProbe, options: DialectOptions = {}): Promise<CsvDialect> {
  if (probe.bytes === 0) throw new FileStructureError(displayName, 1, 'the file is empty (0 bytes): there is no header line. Export the table again.');
  if (probe.notText) throw new FileStructureError(displayName, null, `not a text file: ${probe.notText}.`);
  const encoding = await decideEncoding(filePath, displayName, probe, options.encoding);
  const head = (await readFirstLine(filePath))!;
  const start = encoding === 'utf8' && head.subarray(0, 3).equals(UTF8_BOM) ? 3 : 0;
  const headerLine = decode(head.subarray(start), encoding).replace(/\r?\n$/, '').replace(/\r$/, '');
  if (headerLine.trim() === '') throw new FileStructureError(displayName, 1, 'the header line is empty: the first line must name the columns.');
  const delimiter = options.separator ?? detectDelimiter(headerLine);
  const decimalMark = options.decimalComma ? ',' : delimiter === ',' ? '.' : null;
  return { delimiter, encoding, decimalMark, headerLine };
}

/** Decodes bytes of a file in its encoding. */
export function decode(bytes: Buffer, encoding: TextEncoding): string {
  if (encoding === 'utf8') return bytes.toString('utf8');
  if (encoding === 'latin1') return bytes.toString('latin1');
  return iconv.decode(bytes, 'win1252');
}

async function decideEncoding(filePath: string, displayName: string, probe: FileProbe, given: TextEncoding | undefined): Promise<TextEncoding> {
  if (given && given !== 'utf8') return given;
  if (probe.firstNonUtf8 === null) return 'utf8';
  const line = await lineAtByte(filePath, probe.firstNonUtf8);
  if (given === 'utf8') {
    throw new FileStructureError(displayName, line, 'bytes that are not UTF-8 although --encoding utf8 was given; if the file is a Windows-1252 (Excel) export, import it with --encoding windows-1252.');
  }
  if (probe.firstUtf8Multibyte !== null) {
    const utf8Line = await lineAtByte(filePath, probe.firstUtf8Multibyte);
    throw new FileStructureError(
      displayName,
      line,
      `the file mixes encodings: line ${utf8Line} has characters written in UTF-8, line ${line} bytes that are not UTF-8 (Windows-1252?). Nothing of it was loaded: re-export the whole file in one encoding.`,
    );
  }
  return 'windows-1252';
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
