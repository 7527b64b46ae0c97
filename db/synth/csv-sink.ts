import fs from 'node:fs';

/** Bytes gathered before one write: large writes keep the per-call cost negligible. */
const CHUNK_BYTES = 1 << 20;

/**
 * One output CSV file: rows are encoded straight into a 1 MB buffer (no giant concatenated strings for
 * the garbage collector to flatten), full buffers go to a write stream, and the producer awaits `drain`
 * regularly, so memory stays bounded whatever the data set's size. Rows are ASCII (checked when the
 * profile is built), so latin1 encoding is exact and a character is a byte.
 */
export class CsvSink {
  rows = 0;
  bytes = 0;
  private buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  private used = 0;
  private readonly stream: fs.WriteStream;
  private failure: Error | null = null;

  constructor(
    readonly filePath: string,
    header: string,
  ) {
    this.stream = fs.createWriteStream(filePath, { highWaterMark: 4 * CHUNK_BYTES });
    this.stream.on('error', (error) => {
      this.failure = error;
    });
    this.append(header);
    this.rows = 0;
  }

  private append(line: string): void {
    const size = line.length + 1;
    if (this.used + size > this.buffer.length) {
      this.flush();
      if (size > this.buffer.length) this.buffer = Buffer.allocUnsafe(size);
    }
    this.used += this.buffer.write(line, this.used, 'latin1');
    this.buffer[this.used++] = 0x0a;
    this.bytes += size;
  }

  /** Appends one data row (without its line end). */
  row(line: string): void {
    this.append(line);
    this.rows++;
  }

  private flush(): void {
    if (this.used === 0) return;
    this.stream.write(this.buffer.subarray(0, this.used));
    this.buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    this.used = 0;
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
