import fs from 'node:fs';

/** Characters gathered before one write: large writes keep the per-call cost negligible. */
const CHUNK_CHARS = 1 << 20;

/**
 * One output CSV file: rows are appended as strings, flushed to a write stream in ~1 MB chunks, and the
 * producer awaits `drain` between blocks, so memory stays bounded whatever the data set's size.
 */
export class CsvSink {
  rows = 0;
  bytes = 0;
  private pending = '';
  private readonly stream: fs.WriteStream;
  private failure: Error | null = null;

  constructor(
    readonly filePath: string,
    header: string,
  ) {
    this.stream = fs.createWriteStream(filePath, { highWaterMark: 4 * CHUNK_CHARS });
    this.stream.on('error', (error) => {
      this.failure = error;
    });
    this.pending = `${header}\n`;
    this.bytes = this.pending.length;
  }

  /** Appends one data row (without its line end). Rows are ASCII, so characters count bytes. */
  row(line: string): void {
    this.pending += `${line}\n`;
    this.rows++;
    this.bytes += line.length + 1;
    if (this.pending.length >= CHUNK_CHARS) this.flush();
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    this.stream.write(this.pending, 'latin1');
    this.pending = '';
  }

  /** Resolves once the stream has room again (backpressure between blocks of clients). */
  async ready(): Promise<void> {
    if (this.failure) throw this.failure;
    if (!this.stream.writableNeedDrain) return;
    await new Promise<void>((resolve, reject) => {
      const onDrain = (): void => {
        this.stream.off('error', onError);
        resolve();
      };
      const onError = (error: Error): void => {
        this.stream.off('drain', onDrain);
        reject(error);
      };
      this.stream.once('drain', onDrain);
      this.stream.once('error', onError);
    });
  }

  /** Writes what is left and closes the file. */
  async close(): Promise<void> {
    this.flush();
    await new Promise<void>((resolve, reject) => {
      if (this.failure) {
        reject(this.failure);
        return;
      }
      this.stream.once('error', reject);
      this.stream.end(() => resolve());
    });
    if (this.failure) throw this.failure;
  }

  /** Closes the file without waiting for pending data (after a failure elsewhere). */
  destroy(): void {
    this.stream.destroy();
  }
}
