import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { CsvError, parse } from 'csv-parse';
import type { Db } from '../open-database.js';
import type { PlannedFile } from './collect-files.js';
import { readCsvDialect } from './csv-dialect.js';
import { FileStructureError } from './file-structure-error.js';
import { mapHeader } from './header-mapping.js';
import type { ImportProgress, TableCounts } from './import-types.js';
import { KeyConflictExplainer } from './key-conflict.js';
import type { RejectReport } from './reject-report.js';
import { RowConverter } from './row-converter.js';
import { BatchInserter } from './batch-inserter.js';

/** What loadFile needs besides the file: its hash (recorded with it), the report, progress reporting. */
export interface LoadContext {
  sha256: string;
  report: RejectReport;
  fileIndex: number;
  fileCount: number;
  onProgress?: (progress: ImportProgress) => void;
}

const MAX_RECORD_CHARS = 1_000_000; // real rows are < 2 kB; bounds the memory an unclosed quote can take
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

  const parser = parse({
    delimiter: dialect.delimiter,
    bom: true,
    relax_column_count: true, // a row with a wrong field count is rejected alone, not the whole file
    skip_empty_lines: true,
    max_record_size: MAX_RECORD_CHARS,
  });
  let headerSeen = false;
  let failed = false;
  let lastLine = 1;
  let lastProgress = Date.now();

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

  const onRecord = (record: string[]): void => {
    // Read synchronously as each record is pushed, so the parser's line counter is this record's (last) line.
    const line = parser.info.lines;
    lastLine = line;
    if (!headerSeen) {
      headerSeen = true;
      return;
    }
    counts.read++;
    if (record.length !== mapping.fieldCount) {
      const whole = record.join(dialect.delimiter);
      if (record.length === 1 && mapping.fieldCount > 1 && record[0]!.includes(dialect.delimiter)) {
        throw new FileStructureError(displayName, line, 'the whole line is one quoted field: the file has lines wrapped in quotes (a broken export); re-export it without.');
      }
      counts.rejected++;
      reject(line, '', whole, `has ${record.length} field${record.length === 1 ? '' : 's'}, the header has ${mapping.fieldCount}`);
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
    if ((counts.read & 4095) === 0 && context.onProgress) {
      const now = Date.now();
      if (now - lastProgress >= PROGRESS_EVERY_MS) {
        lastProgress = now;
        progress('loading', parser.info.bytes);
      }
    }
  };
  parser.on('data', (record: string[]) => {
    if (failed) return; // records already parsed from the chunk that failed
    try {
      onRecord(record);
    } catch (error) {
      failed = true;
      parser.destroy(error as Error);
    }
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
      await pipeline(fs.createReadStream(file.path, { highWaterMark: 1 << 20 }), parser);
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
      throw error instanceof CsvError ? quotingError(displayName, error, lastLine, mapping.names) : error;
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

/** A csv-parse error as a refusal that names the line (and column) where the broken record starts or breaks. */
function quotingError(displayName: string, error: CsvError, lastGoodLine: number, header: string[]): FileStructureError {
  const start = lastGoodLine + 1;
  const details = error as unknown as { lines?: unknown; column?: unknown };
  const line = typeof details.lines === 'number' ? details.lines : start;
  const field = typeof details.column === 'number' ? details.column : null;
  const where = field === null ? '' : ` in column ${header[field] ?? `#${field + 1}`} (field ${field + 1})`;
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return new FileStructureError(displayName, start, `broken quoting: a quote opened in the record starting at line ${start} is never closed (the file ends inside it).`);
    case 'CSV_MAX_RECORD_SIZE':
      return new FileStructureError(displayName, start, `broken quoting: the record starting at line ${start} runs past ${MAX_RECORD_CHARS.toLocaleString('en-US')} characters, most likely a quote that is never closed.`);
    case 'CSV_INVALID_CLOSING_QUOTE':
      return new FileStructureError(displayName, line, `broken quoting${where}: a quoted value is followed by other characters before the next delimiter (inner quotes must be doubled).`);
    case 'INVALID_OPENING_QUOTE':
      return new FileStructureError(displayName, line, `broken quoting${where}: a quote inside an unquoted value (quote the whole value and double the inner quotes).`);
    default:
      return new FileStructureError(displayName, line, `broken quoting${where}: ${error.message}`);
  }
}
