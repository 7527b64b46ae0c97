import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import type { Db } from '../open-database.js';
import { collectFiles, type PlannedFile } from './collect-files.js';
import { probeFile } from './file-probe.js';
import { FileStructureError } from './file-structure-error.js';
import { acquireImportLock } from './import-lock.js';
import { currentVersion, currentVersionWithContent } from './import-sources.js';
import type { ImportOptions, ImportSummary } from './import-types.js';
import { loadFile } from './load-file.js';
import { printable } from './printable.js';
import { defaultRejectsPath, RejectReport } from './reject-report.js';

export type { ImportOptions, ImportProgress, ImportSummary, RefusedFile, SkippedFile, TableCounts } from './import-types.js';
export { ImportRunningError, runningImport } from './import-lock.js';
export { UnknownTableError } from './collect-files.js';

/** The reject report path given cannot be written (checked before anything is loaded). */
export class RejectsPathError extends Error {
  override name = 'RejectsPathError';
}

/** File-system errors that concern one file (gone, unreadable, a folder): that file is refused, not the call. */
const FILE_ERRORS = new Set(['ENOENT', 'EACCES', 'EPERM', 'EISDIR']);
/** How a skip for content already in the database starts (the one skip that is not a gap in the import). */
const ALREADY_IMPORTED = 'already imported on ';

/**
 * Imports Home Credit CSV files (paths of files or of folders holding them) into the database:
 * each file in one transaction, bad rows to a reject report, broken files refused whole, files already
 * imported (same content) skipped; a new version of a file already imported (same table and name, other
 * content) replaces the rows of the earlier one when `replace` is set, and is refused otherwise. Other files
 * still load when one is refused. One import at a time per database file (ImportRunningError).
 */
export async function importPaths(db: Db, paths: string[], options: ImportOptions = {}): Promise<ImportSummary> {
  const plan = collectFiles(paths, { table: options.table });
  const summary: ImportSummary = { tables: {}, rejects: null, refused: plan.refused, skipped: plan.skipped, replaced: [] };
  const inMemory = db.memory || db.name === '';
  const databasePath = inMemory ? path.join(os.tmpdir(), 'octroi-import') : db.name;
  if (options.rejectsPath !== undefined) {
    // The report is only created when a first row is rejected: check now that it could be, not mid-file.
    const folder = path.dirname(path.resolve(options.rejectsPath));
    try {
      fs.accessSync(folder, fs.constants.W_OK);
    } catch {
      throw new RejectsPathError(`cannot write the reject report ${options.rejectsPath}: the folder ${folder} is missing or not writable.`);
    }
  }
  const release = inMemory ? () => {} : acquireImportLock(databasePath);
  const report = new RejectReport(options.rejectsPath ?? defaultRejectsPath(databasePath), options.rejectsPath !== undefined);
  try {
    for (const [fileIndex, file] of plan.files.entries()) {
      try {
        await importOne(db, file, fileIndex, plan.files.length, report, summary, options);
      } catch (error) {
        if (error instanceof FileStructureError) {
          summary.refused.push({ file: error.file, line: error.line, message: error.message });
        } else if (FILE_ERRORS.has((error as NodeJS.ErrnoException).code ?? '') && (error as NodeJS.ErrnoException).path === file.path) {
          const reason = (error as NodeJS.ErrnoException).code === 'EISDIR' ? 'it is a folder' : 'it is missing or not readable by this account';
          summary.refused.push({ file: file.displayName, line: null, message: `${printable(file.displayName)}: cannot read it (${reason}).` });
        } else {
          throw error;
        }
      }
    }
  } finally {
    summary.rejects = report.close();
    release();
  }
  return summary;
}

/** Probes one file, skips it when its content is already loaded, refuses or replaces another version, loads it. */
async function importOne(
  db: Db,
  file: PlannedFile,
  fileIndex: number,
  fileCount: number,
  report: RejectReport,
  summary: ImportSummary,
  options: ImportOptions,
): Promise<void> {
  const progress = { file: file.displayName, table: file.table.name, fileIndex, fileCount, rowsRead: 0 };
  const bytesTotal = fs.statSync(file.path).size;
  const probe = await probeFile(file.path, (bytesRead) => options.onProgress?.({ ...progress, phase: 'hashing', bytesRead, bytesTotal }));
  const current = currentVersion(db, file.table, file.fileName);
  const sameContent = current?.sha256 === probe.sha256 ? current : currentVersionWithContent(db, probe.sha256);
  if (sameContent) {
    const other = sameContent.fileName === file.fileName && sameContent.tableName === file.table.name ? '' : ` (same content as ${sameContent.fileName})`;
    summary.skipped.push({ file: file.displayName, reason: `${ALREADY_IMPORTED}${sameContent.importedAt}${other}` });
    return;
  }
  if (current && !options.replace) {
    throw new FileStructureError(
      file.displayName,
      null,
      `another version of ${current.fileName} was imported into ${file.table.name} on ${current.importedAt} (${current.rowsImported.toLocaleString('en-US')} rows), ` +
        'and this file differs from it. Nothing was loaded: to replace those rows by this file\'s, import it again with the replace option (octroi import --replace) ' +
        '(to add rows instead, give the file another name and its table: TABLE=FILE).',
    );
  }
  const counts = await loadFile(db, file, {
    probe,
    replaces: current ?? null,
    dialect: { separator: options.separator, decimalComma: options.decimalComma, encoding: options.encoding },
    report,
    fileIndex,
    fileCount,
    onProgress: options.onProgress,
  });
  const total = (summary.tables[file.table.name] ??= { read: 0, imported: 0, rejected: 0 });
  total.read += counts.read;
  total.imported += counts.imported;
  total.rejected += counts.rejected;
  if (current) summary.replaced.push({ file: file.displayName, previousImportedAt: current.importedAt, rowsRemoved: counts.replacedRows });
}

/**
 * Whether an import left anything out: a refused file, a rejected row, or nothing loaded at all when
 * nothing was already there either (the CLI's non-zero exit).
 */
export function importIncomplete(summary: ImportSummary): boolean {
  if (summary.refused.length > 0 || Object.values(summary.tables).some((t) => t.rejected > 0)) return true;
  return Object.keys(summary.tables).length === 0 && !summary.skipped.some((s) => s.reason.startsWith(ALREADY_IMPORTED));
}
