import fs from 'node:fs';
import type { Db } from '../open-database.js';
import { BatchInserter } from './batch-inserter.js';
import { MixedDecimalMarkError, NumberReader } from './cell-value.js';
import type { PlannedFile } from './collect-files.js';
import { readCsvDialect, type DialectOptions } from './csv-dialect.js';
import { CsvRecordReader, CsvSyntaxError } from './csv-record-reader.js';
import type { FileProbe } from './file-probe.js';
import { FileStructureError } from './file-structure-error.js';
import { mapHeader } from './header-mapping.js';
import type { ImportProgress, TableCounts } from './import-types.js';
import { finishVersion, retireVersion, startVersion, type ImportedVersion } from './import-sources.js';
import { KeyConflictExplainer } from './key-conflict.js';
import { printable } from './printable.js';
import type { RejectReport } from './reject-report.js';
import { RowConverter } from './row-converter.js';

/** What loadFile needs besides the file: what the probe found, the version it replaces, the report, progress. */
export interface LoadContext {
  probe: FileProbe;
  /** The current version of the same source, whose rows this load replaces (same transaction). */
  replaces: ImportedVersion | null;
  dialect: DialectOptions;
  report: RejectReport;
  fileIndex: number;
  fileCount: number;
  onProgress?: (progress: ImportProgress) => void;
}

/** What one file's load did; `replacedRows` counts the rows of the earlier version it removed. */
export interface FileLoad extends TableCounts {
  replacedRows: number;
}

const MAX_RECORD_CHARS = 1_000_000; // real rows are < 2 kB; bounds the memory an unclosed quote can take
const READ_CHUNK_BYTES = 1 << 20;
const PROGRESS_EVERY_MS = 100;
/** Page cache for the import connection while a file loads (KiB, as a negative cache_size): big b-trees
 *  (bureau_balance's 27 M-row primary key) insert much faster when their inner pages stay in memory. */
const IMPORT_CACHE_KIB = 256 * 1024;

/**
 * Loads one CSV file into its table in ONE transaction, with the file's version in `import_file` and, for a
 * new version of a file, the removal of the rows of the version it replaces: either all of it lands, or
 * nothing does. Throws FileStructureError (after rolling back) when the file's structure is wrong, when it
 * mixes dialects, or when it looks cut (no line break at its end, or a last record cut short).
 */
export async function loadFile(db: Db, file: PlannedFile, context: LoadContext): Promise<FileLoad> {
  const { table, displayName } = file;
  const bytesTotal = context.probe.bytes;
  const dialect = await readCsvDialect(file.path, displayName, context.probe, context.dialect);
  const mapping = mapHeader(table, file.fileName, displayName, dialect.headerLine, dialect.delimiter);
  const converter = new RowConverter(table, mapping, new NumberReader(dialect.decimalMark));
  const keyIndexes = (table.primaryKey ?? []).map((key) => table.columns.findIndex(([name]) => name === key));
  const conflicts = new KeyConflictExplainer(db, table, table.primaryKey ?? [], context.replaces?.fileId ?? null);
  const { report } = context;
  const counts: FileLoad = { read: 0, imported: 0, rejected: 0, replacedRows: 0 };
  const reject = (line: number, column: string, value: string, reason: string): void =>
    report.add(displayName, line, column, value, reason);

  let headerSeen = false;
  let lastLine = 1;
  // A short record is rejected when the next one arrives: if it is the file's last, the file looks cut.
  let pendingShort: { line: number; record: string[] } | null = null;
  const rejectShort = ({ line, record }: { line: number; record: string[] }): void => {
    counts.rejected++;
    reject(line, '', record.join(dialect.delimiter), shortRowReason(record, mapping.fieldCount, mapping.names));
  };
  let inserter: BatchInserter | null = null;
  const onRecord = (record: string[], line: number): void => {
    if (!headerSeen) {
      headerSeen = true; // already checked by mapHeader, from the same first line
      return;
    }
    lastLine = line;
    if (pendingShort) rejectShort(pendingShort);
    pendingShort = null;
    counts.read++;
    if (record.length !== mapping.fieldCount) {
      if (record.length === 1 && mapping.fieldCount > 1 && record[0]!.includes(dialect.delimiter)) {
        throw new FileStructureError(displayName, line, 'the whole line is one quoted field: the file has lines wrapped in quotes (a broken export); re-export it without.');
      }
      if (record.length < mapping.fieldCount) {
        pendingShort = { line, record };
        return;
      }
      counts.rejected++;
      reject(line, '', record.join(dialect.delimiter), `has ${record.length} values where the header has ${mapping.fieldCount} columns (a separator inside an unquoted value?); fix the row in the file and import it again`);
      return;
    }
    const problems = converter.convert(record, inserter!.values, inserter!.offset, line);
    if (problems) {
      counts.rejected++;
      for (const p of problems) reject(line, p.column, p.value, p.reason);
      return;
    }
    inserter!.push(line);
  };
  const reader = new CsvRecordReader(dialect.delimiter, onRecord, MAX_RECORD_CHARS, dialect.encoding);
  const progress = (phase: ImportProgress['phase'], bytesRead: number): void =>
    context.onProgress?.({
      phase,
      file: displayName,
      table: table.name,
      fileIndex: context.fileIndex,
      fileCount: context.fileCount,
      bytesRead,
      bytesTotal,
      rowsRead: counts.read,
    });

  if (db.inTransaction) throw new Error('importPaths cannot run inside an open transaction: each file needs its own.');
  const mark = report.mark();
  const previousCache = db.pragma('cache_size', { simple: true }) as number;
  db.pragma(`cache_size = ${-IMPORT_CACHE_KIB}`);
  try {
    // IMMEDIATE takes the write lock now, so a concurrent writer fails here and not after minutes of work.
    beginWrite(db, displayName);
    try {
      const now = new Date();
      if (context.replaces) counts.replacedRows = retireVersion(db, table, context.replaces, now);
      const fileId = startVersion(db, table, file.fileName, context.probe.sha256, now);
      inserter = new BatchInserter(db, table, fileId, (line, values, error) => {
        counts.rejected++;
        if (error.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' && keyIndexes.length) {
          const key = keyIndexes.map((i) => values[i]!);
          reject(line, table.primaryKey!.join('+'), key.join(','), conflicts.reason(key));
        } else {
          reject(line, '', values.map((v) => v ?? '').join(','), error.message);
        }
      });
      progress('loading', 0);
      let lastProgress = Date.now();
      for await (const chunk of fs.createReadStream(file.path, { highWaterMark: READ_CHUNK_BYTES })) {
        reader.push(chunk as Buffer);
        const now = Date.now();
        if (now - lastProgress >= PROGRESS_EVERY_MS) {
          lastProgress = now;
          progress('loading', reader.bytesRead);
        }
      }
      reader.end();
      if (reader.endedWithoutLineBreak) {
        throw new FileStructureError(
          displayName,
          lastLine,
          'the file does not end with a line break: it looks cut short (copied or downloaded in part), and its last line may be incomplete. ' +
            'Nothing of it was loaded: copy the whole file again (if it is complete, add a line break at its end).',
        );
      }
      // Set by onRecord while reading (TypeScript cannot see that through the callback).
      const cut = pendingShort as { line: number; record: string[] } | null;
      if (cut) {
        const { line, record } = cut;
        throw new FileStructureError(
          displayName,
          line,
          `the file looks cut short: its last line has ${record.length} of the ${mapping.fieldCount} values (it ends with "${printable(record.at(-1) ?? '', 40)}"). ` +
            'Nothing of it was loaded: copy the whole file again and import it.',
        );
      }
      inserter.flush();
      counts.imported = inserter.inserted;
      finishVersion(db, fileId, counts);
      db.exec('COMMIT');
    } catch (error) {
      if (db.inTransaction) db.exec('ROLLBACK');
      report.rollbackTo(mark);
      if (error instanceof CsvSyntaxError) throw quotingError(displayName, error, mapping.names);
      if (error instanceof MixedDecimalMarkError) throw new FileStructureError(displayName, error.line, error.message);
      throw error;
    }
  } finally {
    conflicts.close();
    db.pragma(`cache_size = ${previousCache}`);
  }
  // One file's transaction can leave a WAL as big as the file's rows; fold it back into the database now
  // rather than keep gigabytes of -wal around. Harmless if a reader prevents a full truncate.
  db.pragma('wal_checkpoint(TRUNCATE)');
  progress('done', bytesTotal);
  return counts;
}

/** BEGIN IMMEDIATE, with SQLITE_BUSY (another program writing for longer than the busy timeout) in words. */
function beginWrite(db: Db, displayName: string): void {
  try {
    db.exec('BEGIN IMMEDIATE');
  } catch (error) {
    if ((error as { code?: string }).code !== 'SQLITE_BUSY') throw error;
    throw new FileStructureError(
      displayName,
      null,
      'the database is busy: another program (the app recording a decision, a restore) has been writing to it for several seconds. Nothing of this file was loaded: import it again in a moment.',
    );
  }
}

/** Why a record with fewer values than the header is rejected: it names the last value read, where the cut is. */
function shortRowReason(record: readonly string[], fieldCount: number, names: readonly string[]): string {
  const last = record.length - 1;
  return (
    `has ${record.length} values where the header has ${fieldCount} columns: the row is cut short after ${names[last] || `column ${last + 1}`} ` +
    `("${printable(record[last] ?? '', 40)}"); complete or remove the row in the file and import it again`
  );
}

/** A quoting error as a refusal that names the line where the broken record starts (and its column). */
function quotingError(displayName: string, error: CsvSyntaxError, header: string[]): FileStructureError {
  const where = error.field === null ? '' : ` in column ${printable(header[error.field] || `#${error.field + 1}`)} (field ${error.field + 1})`;
  const limit = MAX_RECORD_CHARS.toLocaleString('en-US');
  if (error.kind === 'line-too-long') {
    return new FileStructureError(
      displayName,
      error.line,
      `this line runs past ${limit} characters without a line break (and holds no quote): no table row is that long. The file is not a CSV export of rows, or its line breaks were lost; export it again.`,
    );
  }
  const message = {
    'unclosed-quote': 'a quote opened in this record is never closed (the file ends inside it).',
    'record-too-long': `this record runs past ${limit} characters inside a quoted value: most likely a quote that is never closed.`,
    'text-after-closing-quote': 'a quoted value is followed by other characters before the next delimiter (inner quotes must be doubled).',
    'quote-in-unquoted-field': 'a quote inside an unquoted value (quote the whole value and double the inner quotes).',
  }[error.kind];
  return new FileStructureError(displayName, error.line, `broken quoting${where}: ${message}`);
}
