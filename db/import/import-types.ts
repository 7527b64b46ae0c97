import type { CsvDelimiter, TextEncoding } from './csv-dialect.js';

/** Rows of one table seen by an import: read from the files, inserted, and written to the reject report. */
export interface TableCounts {
  read: number;
  imported: number;
  rejected: number;
}

/** A file refused as a whole (unknown name, wrong header, broken quoting…): nothing of it was loaded. */
export interface RefusedFile {
  file: string;
  /** 1-based line of the file where the problem was found; null when it is not about a line (e.g. the name). */
  line: number | null;
  message: string;
}

/** A file left alone on purpose (already imported, glossary file, not a Home Credit file in a folder). */
export interface SkippedFile {
  file: string;
  reason: string;
}

/** What one call of importPaths did. `tables` only lists tables of files that were loaded. */
export interface ImportSummary {
  tables: Record<string, TableCounts>;
  /** The reject report (CSV: file, line, column, value, reason), or null when no row was rejected. */
  rejects: string | null;
  refused: RefusedFile[];
  skipped: SkippedFile[];
  /** Files that were a new version of a file already imported: the earlier version's rows were removed. */
  replaced: ReplacedFile[];
}

/** A new version of a file that replaced, in its loading transaction, the rows of the version before. */
export interface ReplacedFile {
  file: string;
  previousImportedAt: string;
  rowsRemoved: number;
}

/** Where an import stands, reported while it runs (bytes give the ETA: row counts are unknown upfront). */
export interface ImportProgress {
  phase: 'hashing' | 'loading' | 'done';
  file: string;
  table: string;
  /** 0-based index of the file among the files to load, and how many there are. */
  fileIndex: number;
  fileCount: number;
  bytesRead: number;
  bytesTotal: number;
  rowsRead: number;
}

/** Options of importPaths. */
export interface ImportOptions {
  /** Where to write the reject report; default `<db>.rejects-<timestamp>.csv` beside the database. */
  rejectsPath?: string;
  /** Called while files are hashed (per MB read) and loaded (about every 100 ms), and when a file is done. */
  onProgress?: (progress: ImportProgress) => void;
  /** The table of every file given (else read from each file's name; `TABLE=FILE` sets one file's). */
  table?: string;
  /** A new version of a file already imported replaces the earlier version's rows (else it is refused). */
  replace?: boolean;
  /** The file's dialect, when it should not be read from the file. */
  separator?: CsvDelimiter;
  decimalComma?: boolean;
  encoding?: TextEncoding;
}
