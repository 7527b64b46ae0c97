/**
 * Why not csv-parse here: measured on this machine, csv-parse alone needs 1.3 s for a 27 MB application
 * file that the sqlite3 shell imports whole in 0.67 s (48 ns per byte, half of it turning each field's
 * bytes into a string), and none of its options changes that; the import target (≥ 0.5× sqlite3) is then
 * out of reach for wide rows. This reader decodes whole chunks once and splits lines without quotes with
 * String.split (most Home Credit lines); only lines holding a quote go through an RFC 4180 state machine.
 * It is checked against csv-parse, record for record and error for error, by a property test
 * (test/db/import-reader.test.ts).
 */

import { decode, type TextEncoding } from './csv-dialect.js';

/** Why a CSV record cannot be read; `field` is the 0-based field where it broke, when known. */
export class CsvSyntaxError extends Error {
  constructor(
    /** record-too-long: a quoted field runs on and on; line-too-long: no line break at all for that long. */
    readonly kind: 'unclosed-quote' | 'text-after-closing-quote' | 'quote-in-unquoted-field' | 'record-too-long' | 'line-too-long',
    /** 1-based line where the record starts. */
    readonly line: number,
    readonly field: number | null,
  ) {
    super(`${kind} at line ${line}${field === null ? '' : `, field ${field + 1}`}`);
    this.name = 'CsvSyntaxError';
  }
}

/** Receives each record (its fields) and the 1-based line where the record starts. */
export type RecordHandler = (fields: string[], line: number) => void;

const UTF8_BOM = [0xef, 0xbb, 0xbf];

/**
 * Streams CSV bytes into records: RFC 4180 quoting ("" inside quotes, newlines inside quoted fields),
 * LF or CRLF line ends, a UTF-8 BOM skipped, empty lines skipped. Feed chunks with `push`, then `end`.
 * Memory is bounded by the chunk size plus one record (at most `maxRecordChars`).
 */
export class CsvRecordReader {
  /** Bytes consumed so far (for progress). */
  bytesRead = 0;
  /** Set by `end` when the last line has no line end: the file may have been cut inside it. */
  endedWithoutLineBreak = false;
  private line = 1;
  private started = false;
  private carryBytes: Buffer | null = null;
  /** Decoded complete lines of a record whose quoted field is still open at the end of the last chunk. */
  private pendingText = '';

  constructor(
    private readonly delimiter: string,
    private readonly onRecord: RecordHandler,
    private readonly maxRecordChars = 1_000_000,
    /** Single-byte encodings decode any chunk boundary; only UTF-8 has a BOM to skip. */
    private readonly encoding: TextEncoding = 'utf8',
  ) {}

  /** Reads every complete line of the chunk (and of what was carried over from the previous one). */
  push(chunk: Buffer): void {
    this.bytesRead += chunk.length;
    let buf = this.carryBytes ? Buffer.concat([this.carryBytes, chunk]) : chunk;
    this.carryBytes = null;
    if (!this.started) {
      if (buf.length < 3) {
        this.carryBytes = buf;
        return;
      }
      this.started = true;
      if (this.encoding === 'utf8' && buf[0] === UTF8_BOM[0] && buf[1] === UTF8_BOM[1] && buf[2] === UTF8_BOM[2]) buf = buf.subarray(3);
    }
    // Decode only up to the last line end: a chunk may stop inside a multi-byte character, never inside "\n".
    const lastNewline = buf.lastIndexOf(0x0a);
    if (lastNewline < 0) {
      this.carryBytes = Buffer.from(buf);
      this.checkRecordLength(this.pendingText.length + buf.length, this.pendingText === '' ? 'line-too-long' : 'record-too-long');
      return;
    }
    if (lastNewline + 1 < buf.length) this.carryBytes = Buffer.from(buf.subarray(lastNewline + 1));
    const text = this.encoding === 'utf8' ? buf.toString('utf8', 0, lastNewline + 1) : decode(buf.subarray(0, lastNewline + 1), this.encoding);
    this.readLines(this.pendingText + text, false);
  }

  /** Reads what is left (a last line without line end); throws if a quoted field is still open. */
  end(): void {
    const rest = this.carryBytes ? decode(this.carryBytes, this.encoding) : '';
    this.carryBytes = null;
    const text = this.pendingText + rest;
    this.pendingText = '';
    this.endedWithoutLineBreak = text !== '' && !text.endsWith('\n');
    if (text !== '') this.readLines(text.endsWith('\n') ? text : `${text}\n`, true);
  }

  private readLines(text: string, final: boolean): void {
    const { delimiter } = this;
    let pos = 0;
    let nextQuote = text.indexOf('"');
    const length = text.length;
    while (pos < length) {
      const newline = text.indexOf('\n', pos);
      if (nextQuote !== -1 && nextQuote < pos) nextQuote = text.indexOf('"', pos);
      if (nextQuote === -1 || nextQuote > newline) {
        // The common case: a line without any quote is its fields split at the delimiter.
        const end = newline > pos && text.charCodeAt(newline - 1) === 13 ? newline - 1 : newline;
        if (end > pos) this.onRecord(text.slice(pos, end).split(delimiter), this.line);
        this.line++;
        pos = newline + 1;
        continue;
      }
      const record = readQuotedRecord(text, pos, delimiter, this.line);
      if (record === null) {
        // A quoted field goes on past the text read so far: wait for the next chunk.
        if (final) throw new CsvSyntaxError('unclosed-quote', this.line, null);
        this.pendingText = text.slice(pos);
        this.checkRecordLength(this.pendingText.length);
        return;
      }
      this.checkRecordLength(record.end - pos);
      this.onRecord(record.fields, this.line);
      this.line += 1 + record.innerLines;
      pos = record.end + 1;
      nextQuote = text.indexOf('"', pos);
    }
    this.pendingText = '';
  }

  private checkRecordLength(chars: number, kind: 'record-too-long' | 'line-too-long' = 'record-too-long'): void {
    if (chars > this.maxRecordChars) throw new CsvSyntaxError(kind, this.line, null);
  }
}

/**
 * Reads the record starting at `start` in `text` (complete lines) by RFC 4180: returns its fields, the index
 * of the line end that closes it and how many line ends its quoted fields hold; null when a quoted field is
 * still open at the end of `text`. Throws CsvSyntaxError for quoting it cannot read.
 */
export function readQuotedRecord(
  text: string,
  start: number,
  delimiter: string,
  line: number,
): { fields: string[]; end: number; innerLines: number } | null {
  const fields: string[] = [];
  let innerLines = 0;
  let i = start;
  let newline = text.indexOf('\n', start);
  for (;;) {
    if (text.charCodeAt(i) === 34) {
      let value = '';
      let segment = i + 1;
      for (;;) {
        const quote = text.indexOf('"', segment);
        if (quote === -1) return null;
        if (text.charCodeAt(quote + 1) === 34) {
          value += text.slice(segment, quote + 1);
          segment = quote + 2;
          continue;
        }
        value += text.slice(segment, quote);
        i = quote + 1;
        break;
      }
      if (i > newline) {
        for (let n = value.indexOf('\n'); n !== -1; n = value.indexOf('\n', n + 1)) innerLines++;
        newline = text.indexOf('\n', i);
      }
      fields.push(value);
      const next = text[i];
      if (next === delimiter) {
        i++;
        continue;
      }
      if (i === newline) return { fields, end: i, innerLines };
      if (next === '\r' && i + 1 === newline) return { fields, end: i + 1, innerLines };
      throw new CsvSyntaxError('text-after-closing-quote', line, fields.length - 1);
    }
    const nextDelimiter = text.indexOf(delimiter, i);
    const atLineEnd = nextDelimiter === -1 || nextDelimiter > newline;
    let end = atLineEnd ? newline : nextDelimiter;
    if (atLineEnd && end > i && text.charCodeAt(end - 1) === 13) end--;
    const value = text.slice(i, end);
    if (value.includes('"')) throw new CsvSyntaxError('quote-in-unquoted-field', line, fields.length);
    fields.push(value);
    if (atLineEnd) return { fields, end: newline, innerLines };
    i = nextDelimiter + 1;
  }
}
