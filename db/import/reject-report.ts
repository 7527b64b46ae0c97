import fs from 'node:fs';
import path from 'node:path';

const HEADER = 'file,line,column,value,reason\n';
const MAX_VALUE_CHARS = 500; // a whole-row value can be kilobytes; the report names it, it need not hold it all
const FLUSH_CHARS = 64 * 1024;

/**
 * The CSV of rejected rows (file, line, column, value, reason), created only when a first row is rejected.
 * Writes are buffered; `mark()`/`rollbackTo()` drop what a refused file wrote, so that the report only
 * speaks of rows whose file was loaded.
 */
export class RejectReport {
  private fd: number | null = null;
  private buffer = '';
  private written = 0;
  private entries = 0;
  private resolvedPath: string | null = null;

  /** `explicitPath` is overwritten; a default path is never: a numbered sibling is used instead. */
  constructor(
    private readonly targetPath: string,
    private readonly explicitPath: boolean,
  ) {}

  /** Adds one line; `line` is the 1-based line of the row in its file. */
  add(file: string, line: number, column: string, value: string, reason: string): void {
    if (this.fd === null) this.open();
    const shown = value.length > MAX_VALUE_CHARS ? `${value.slice(0, MAX_VALUE_CHARS)}…` : value;
    this.buffer += `${csvField(file)},${line},${csvField(column)},${csvField(shown)},${csvField(reason)}\n`;
    this.entries++;
    if (this.buffer.length >= FLUSH_CHARS) this.flush();
  }

  /** A position to come back to with rollbackTo (before a file's rows). */
  mark(): { bytes: number; entries: number } {
    this.flush();
    return { bytes: this.written, entries: this.entries };
  }

  /** Forgets every line added since the mark. */
  rollbackTo(mark: { bytes: number; entries: number }): void {
    this.buffer = '';
    if (this.fd !== null && this.written > mark.bytes) {
      fs.ftruncateSync(this.fd, mark.bytes);
      this.written = mark.bytes;
    }
    this.entries = mark.entries;
  }

  /** Closes the report; returns its path, or null (and no file) when nothing was rejected. */
  close(): string | null {
    if (this.fd === null) return null;
    this.flush();
    fs.closeSync(this.fd);
    this.fd = null;
    if (this.entries === 0) {
      fs.rmSync(this.resolvedPath!, { force: true });
      return null;
    }
    return this.resolvedPath;
  }

  private open(): void {
    if (this.explicitPath) {
      this.fd = fs.openSync(this.targetPath, 'w');
      this.resolvedPath = this.targetPath;
    } else {
      const { dir, name, ext } = path.parse(this.targetPath);
      for (let n = 1; this.fd === null; n++) {
        const candidate = n === 1 ? this.targetPath : path.join(dir, `${name}-${n}${ext}`);
        try {
          this.fd = fs.openSync(candidate, 'wx');
          this.resolvedPath = candidate;
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || n > 1000) throw error;
        }
      }
    }
    this.written = 0;
    this.buffer = HEADER;
    this.flush();
  }

  private flush(): void {
    if (this.fd === null || this.buffer === '') return;
    const bytes = Buffer.from(this.buffer, 'utf8');
    fs.writeSync(this.fd, bytes, 0, bytes.length, this.written);
    this.written += bytes.length;
    this.buffer = '';
  }
}

/** The default report path: beside the database, stamped with the time (`<db>.rejects-<stamp>.csv`). */
export function defaultRejectsPath(databasePath: string, now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return `${databasePath}.rejects-${stamp}.csv`;
}

function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
