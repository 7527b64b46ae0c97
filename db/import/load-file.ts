import fs from 'node:fs';
import type { Db } from '../open-database.js';
import { BatchInserter } from './batch-inserter.js';
import type { PlannedFile } from './collect-files.js';
import { readCsvDialect } from './csv-dialect.js';
import { CsvRecordReader, CsvSyntaxError } from './csv-record-reader.js';
import { FileStructureError } from './file-structure-error.js';
import { mapHeader } from './header-mapping.js';
import type { ImportProgress, TableCounts } from './import-types.js';
import { KeyConflictExplainer } from './key-conflict.js';
import type { RejectReport } from './reject-report.js';
import { RowConverter } from './row-converter.js';

/** What loadFile needs besides the file: its hash (recorded with it), the report, progress reporting. */
export interface LoadContext {
  sha256: string;
  report: RejectReport;
  fileIndex: number;
  fileCount: number;
  onProgress?: (progress: ImportProgress) => void;
}

const MAX_RECORD_CHARS = 1_000_000; // real rows are < 2 kB; bounds the memory an unclosed quote can take
const READ_CHUNK_BYTES = 1 << 20;
const PROGRESS_EVERY_MS = 100;
/** Page cache for the import connection while a file loads (KiB, as a negative cache_size): big b-trees
 *  (bureau_balance's 27 M-row primary key) insert much faster when their inner pages stay in memory. */
const IMPORT_CACHE_KIB = 256 * 1024;

/**
 * Loads one CSV file into its table in ONE transaction, with the file's record in `import_file`:
 * either the whole file (minus its rejected rows, written to the report) lands, or nothing of it does.
 * Throws FileStructureError (after rolling back) when the file's structure is wrong.
 */
export async function loadFile(db: Db, file: PlannedFile, context: LoadContext): Promise<TableCounts> {
  const { table, displayName } = file;
  const bytesTotal = fs.statSync(file.path).size;
  const dialect = await readCsvDialect(file.path, displayName);
  const mapping = mapHeader(table, file.fileName, displayName, dialect.headerLine, dialect.delimiter);
  const converter = new RowConverter(table, mapping);
  const keyIndexes = (table.primaryKey ?? []).map((key) => table.columns.findIndex(([name]) => name === key));
  const conflicts = new KeyConflictExplainer(db, table, table.primaryKey ?? []);
  const { report } = context;
  const counts: TableCounts = { read: 0, imported: 0, rejected: 0 };
  const reject = (line: number, column: string, value: string, reason: string): void =>
    report.add(displayName, line, column, value, reason);
  const inserter = new BatchInserter(db, table, (line, values, error) => {
    counts.rejected++;
    if (error.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' && keyIndexes.length) {
      const key = keyIndexes.map((i) => values[i]!);
      reject(line, table.primaryKey!.join('+'), key.join(','), conflicts.reason(key));
    } else {
      reject(line, '', values.map((v) => v ?? '').join(','), error.message);
    }
  });

  let headerSeen = false;
  const onRecord = (record: string[], line: number): void => {
    if (!headerSeen) {
      headerSeen = true; // already checked by mapHeader, from the same first line
      return;
    }
    counts.read++;
    if (record.length !== mapping.fieldCount) {
      if (record.length === 1 && mapping.fieldCount > 1 && record[0]!.includes(dialect.delimiter)) {
        throw new FileStructureError(displayName, line, 'the whole line is one quoted field: the file has lines wrapped in quotes (a broken export); re-export it without.');
      }
      counts.rejected++;
      reject(line, '', record.join(dialect.delimiter), `has ${record.length} field${record.length === 1 ? '' : 's'}, the header has ${mapping.fieldCount}`);
      return;
    }
    const problems = converter.convert(record, inserter.values, inserter.offset);
    if (problems) {
      const encoding = problems.find((p) => p.encoding);
      if (encoding) {
        throw new FileStructureError(displayName, line, `column ${encoding.column} holds bytes that are not valid UTF-8 (a cp1252/latin-1 export?); save the file as UTF-8 and import it again.`);
      }
      counts.rejected++;
      for (const p of problems) reject(line, p.column, p.value, p.reason);
      return;
    }
    inserter.push(line);
  };
  const reader = new CsvRecordReader(dialect.delimiter, onRecord, MAX_RECORD_CHARS);
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
    db.exec('BEGIN IMMEDIATE');
    try {
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
      inserter.flush();
      counts.imported = inserter.inserted;
      db.prepare(
        `INSERT INTO import_file (sha256, file_name, table_name, rows_read, rows_imported, rows_rejected, imported_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ).run(context.sha256, file.fileName, table.name, counts.read, counts.imported, counts.rejected, new Date().toISOString());
      db.exec('COMMIT');
    } catch (error) {
      if (db.inTransaction) db.exec('ROLLBACK');
      report.rollbackTo(mark);
      throw error instanceof CsvSyntaxError ? quotingError(displayName, error, mapping.names) : error;
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

/** A quoting error as a refusal that names the line where the broken record starts (and its column). */
function quotingError(displayName: string, error: CsvSyntaxError, header: string[]): FileStructureError {
  const where = error.field === null ? '' : ` in column ${header[error.field] || `#${error.field + 1}`} (field ${error.field + 1})`;
  const message = {
    'unclosed-quote': 'a quote opened in this record is never closed (the file ends inside it).',
    'record-too-long': `this record runs past ${MAX_RECORD_CHARS.toLocaleString('en-US')} characters, most likely a quote that is never closed.`,
    'text-after-closing-quote': 'a quoted value is followed by other characters before the next delimiter (inner quotes must be doubled).',
    'quote-in-unquoted-field': 'a quote inside an unquoted value (quote the whole value and double the inner quotes).',
  }[error.kind];
  return new FileStructureError(displayName, error.line, `broken quoting${where}: ${message}`);
}
