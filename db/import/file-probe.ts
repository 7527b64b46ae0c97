import crypto from 'node:crypto';
import fs from 'node:fs';
import { isAscii } from 'node:buffer';

/** What one pass over a file's bytes tells before anything of it is loaded. */
export interface FileProbe {
  sha256: string;
  bytes: number;
  /** The last byte is a line feed: a file cut while copied almost never is. */
  endsWithLineBreak: boolean;
  /** Why the file is not text (a compressed file, a workbook, random bytes), or null. */
  notText: string | null;
  /** Byte offset of the first byte sequence that is not UTF-8, or null when the whole file is UTF-8. */
  firstNonUtf8: number | null;
  /** Byte offset of the first multi-byte UTF-8 character (é written as two bytes), or null. */
  firstUtf8Multibyte: number | null;
}

/** Leading bytes of formats people rename or export by mistake, and what to do about each. */
const MAGIC: ReadonlyArray<[Buffer, string]> = [
  [Buffer.from([0xff, 0xfe]), 'it is encoded in UTF-16: save it as CSV in UTF-8 (or Windows-1252) and import it again'],
  [Buffer.from([0xfe, 0xff]), 'it is encoded in UTF-16: save it as CSV in UTF-8 (or Windows-1252) and import it again'],
  [Buffer.from([0x1f, 0x8b]), 'it is gzip-compressed data: decompress it (gunzip, 7-Zip) and import the CSV inside'],
  [Buffer.from('PK\x03\x04', 'latin1'), 'it is a zip archive or an Excel workbook (.xlsx): extract the CSV, or save the sheet as CSV, and import that'],
  [Buffer.from([0xd0, 0xcf, 0x11, 0xe0]), 'it is an old Excel workbook (.xls): save the sheet as CSV and import that'],
  [Buffer.from('SQLite format 3\0', 'latin1'), 'it is a SQLite database, not a CSV export'],
  [Buffer.from('%PDF', 'latin1'), 'it is a PDF document, not a CSV export'],
  [Buffer.from('BZh', 'latin1'), 'it is bzip2-compressed data: decompress it and import the CSV inside'],
  [Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]), 'it is xz-compressed data: decompress it and import the CSV inside'],
];

/**
 * Hashes a file and, in the same pass, checks what it is: text or not (known binary formats, NUL bytes),
 * UTF-8 or not (where the first byte that is not), and whether it ends with a line break.
 */
export async function probeFile(filePath: string, onBytes?: (bytes: number) => void): Promise<FileProbe> {
  const hash = crypto.createHash('sha256');
  const utf8 = new Utf8Scanner();
  let bytes = 0;
  let last = -1;
  let notText: string | null = null;
  for await (const data of fs.createReadStream(filePath, { highWaterMark: 1 << 20 })) {
    const chunk = data as Buffer;
    hash.update(chunk);
    if (bytes === 0) notText = binaryFormat(chunk);
    if (notText === null) {
      const nul = chunk.indexOf(0);
      if (nul >= 0) notText = `it holds a NUL byte (at byte ${bytes + nul + 1}), which no CSV export has: it is binary data, not text`;
      else utf8.scan(chunk, bytes);
    }
    bytes += chunk.length;
    last = chunk[chunk.length - 1] ?? last;
    onBytes?.(bytes);
  }
  utf8.end();
  return {
    sha256: hash.digest('hex'),
    bytes,
    endsWithLineBreak: last === 0x0a,
    notText,
    firstNonUtf8: utf8.firstInvalid,
    firstUtf8Multibyte: utf8.firstMultibyte,
  };
}

function binaryFormat(head: Buffer): string | null {
  for (const [magic, what] of MAGIC) if (head.subarray(0, magic.length).equals(magic)) return what;
  // Text has few control characters besides tab and line ends; random or packed bytes have many.
  const sample = head.subarray(0, 4096);
  let control = 0;
  for (const b of sample) if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) control++;
  return control > 8 && control / sample.length > 0.01 ? 'it is binary data, not text (it holds many control bytes)' : null;
}

/**
 * Validates UTF-8 across chunks (a character may straddle two), remembering the first invalid sequence and
 * the first valid multi-byte one: a file with both mixes encodings. Pure-ASCII chunks are skipped natively.
 */
class Utf8Scanner {
  firstInvalid: number | null = null;
  firstMultibyte: number | null = null;
  private carry: Buffer | null = null;
  private carryAt = 0;

  scan(chunk: Buffer, offset: number): void {
    if (this.carry === null && isAscii(chunk)) return;
    const buf = this.carry ? Buffer.concat([this.carry, chunk]) : chunk;
    const base = this.carry ? this.carryAt : offset;
    this.carry = null;
    let i = 0;
    while (i < buf.length) {
      const b = buf[i]!;
      if (b < 0x80) {
        i++;
        continue;
      }
      const length = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
      if (length === 0) {
        this.invalid(base + i);
        i++;
        continue;
      }
      if (i + length > buf.length) {
        // Possibly completed by the next chunk.
        this.carry = Buffer.from(buf.subarray(i));
        this.carryAt = base + i;
        return;
      }
      let ok = true;
      for (let k = 1; k < length; k++) if ((buf[i + k]! & 0xc0) !== 0x80) ok = false;
      if (ok) {
        this.firstMultibyte ??= base + i;
        i += length;
      } else {
        this.invalid(base + i);
        i++;
      }
    }
  }

  /** A sequence left open when the file ends is invalid. */
  end(): void {
    if (this.carry) this.invalid(this.carryAt);
    this.carry = null;
  }

  private invalid(at: number): void {
    this.firstInvalid ??= at;
  }
}

/** The 1-based line holding byte `offset` of a file (counts line feeds before it; used for messages only). */
export async function lineAtByte(filePath: string, offset: number): Promise<number> {
  let line = 1;
  if (offset <= 0) return line;
  for await (const data of fs.createReadStream(filePath, { highWaterMark: 1 << 20, end: Math.max(0, offset - 1) })) {
    const chunk = data as Buffer;
    for (let i = chunk.indexOf(0x0a); i >= 0; i = chunk.indexOf(0x0a, i + 1)) line++;
  }
  return line;
}
