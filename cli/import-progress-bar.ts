import cliProgress from 'cli-progress';
import type { ImportProgress } from '../db/import/import-types.js';

/** A terminal progress display for importPaths: one bar per file, bytes for the ETA, rows and rows/s. */
export interface ProgressBar {
  onProgress: (progress: ImportProgress) => void;
  stop: () => void;
}

/** Draws import progress on a TTY stream (stderr, so that stdout stays for results). */
export function createImportProgressBar(stream: NodeJS.WriteStream = process.stderr): ProgressBar {
  let bar: cliProgress.SingleBar | null = null;
  let current = '';
  let startedAt = 0;
  const stop = (): void => {
    bar?.stop();
    bar = null;
    current = '';
  };
  const onProgress = (p: ImportProgress): void => {
    const key = `${p.phase === 'hashing' ? 'hashing' : 'loading'} ${p.file}`;
    if (p.phase === 'done') {
      bar?.update(p.bytesTotal, payload(p));
      stop();
      return;
    }
    if (key !== current) {
      stop();
      current = key;
      startedAt = Date.now();
      bar = new cliProgress.SingleBar(
        {
          stream,
          format: `[{index}/{count}] {phase} {table} |{bar}| {percentage}% | {rows} rows | {speed} rows/s | ETA {eta_formatted}`,
          etaBuffer: 30,
          hideCursor: true,
          clearOnComplete: false,
        },
        cliProgress.Presets.shades_classic,
      );
      bar.start(Math.max(1, p.bytesTotal), 0, payload(p));
    }
    bar?.update(p.bytesRead, payload(p));
  };
  const payload = (p: ImportProgress) => {
    const seconds = Math.max(0.001, (Date.now() - startedAt) / 1000);
    return {
      index: p.fileIndex + 1,
      count: p.fileCount,
      phase: p.phase === 'hashing' ? 'hashing' : 'loading',
      table: p.table,
      rows: p.rowsRead.toLocaleString('en-US'),
      speed: p.phase === 'hashing' ? '-' : Math.round(p.rowsRead / seconds).toLocaleString('en-US'),
    };
  };
  return { onProgress, stop };
}
