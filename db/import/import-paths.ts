import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import type { Db } from '../open-database.js';
import { collectFiles } from './collect-files.js';
import { sha256File } from './file-hash.js';
import { FileStructureError } from './file-structure-error.js';
import type { ImportOptions, ImportSummary } from './import-types.js';
import { loadFile } from './load-file.js';
import { defaultRejectsPath, RejectReport } from './reject-report.js';

export type { ImportOptions, ImportProgress, ImportSummary, RefusedFile, SkippedFile, TableCounts } from './import-types.js';

/** The reject report path given cannot be written (checked before anything is loaded). */
export class RejectsPathError extends Error {
  override name = 'RejectsPathError';
}

/** File-system errors that concern one file (gone, unreadable, a folder): that file is refused, not the call. */
const FILE_ERRORS = new Set(['ENOENT', 'EACCES', 'EPERM', 'EISDIR']);

/**
 * Imports Home Credit CSV files (paths of files or of folders holding them) into the database:
 * each file in one transaction, bad rows to a reject report, broken files refused whole, files already
 * imported (same sha256) skipped. Other files still load when one is refused.
 */
export async function importPaths(db: Db, paths: string[], options: ImportOptions = {}): Promise<ImportSummary> {
  const plan = collectFiles(paths);
  const summary: ImportSummary = { tables: {}, rejects: null, refused: plan.refused, skipped: plan.skipped };
  const databasePath = db.memory || db.name === '' ? path.join(os.tmpdir(), 'octroi-import') : db.name;
  if (options.rejectsPath !== undefined) {
    // The report is only created when a first row is rejected: check now that it could be, not mid-file.
    const folder = path.dirname(path.resolve(options.rejectsPath));
    try {
      fs.accessSync(folder, fs.constants.W_OK);
    } catch {
      throw new RejectsPathError(`cannot write the reject report ${options.rejectsPath}: the folder ${folder} is missing or not writable.`);
    }
  }
  const report = new RejectReport(options.rejectsPath ?? defaultRejectsPath(databasePath), options.rejectsPath !== undefined);
  const findImported = db.prepare('SELECT file_name, imported_at FROM import_file WHERE sha256 = ?');
  try {
    for (const [fileIndex, file] of plan.files.entries()) {
      const progress = { file: file.displayName, table: file.table.name, fileIndex, fileCount: plan.files.length, rowsRead: 0 };
      try {
        const bytesTotal = fs.statSync(file.path).size;
        const sha256 = await sha256File(file.path, (bytesRead) =>
          options.onProgress?.({ ...progress, phase: 'hashing', bytesRead, bytesTotal }),
        );
        const before = findImported.get(sha256) as { file_name: string; imported_at: string } | undefined;
        if (before) {
          const same = before.file_name === file.fileName ? '' : ` (same content as ${before.file_name})`;
          summary.skipped.push({ file: file.displayName, reason: `already imported on ${before.imported_at}${same}` });
          continue;
        }
        const counts = await loadFile(db, file, { sha256, report, fileIndex, fileCount: plan.files.length, onProgress: options.onProgress });
        const total = (summary.tables[file.table.name] ??= { read: 0, imported: 0, rejected: 0 });
        total.read += counts.read;
        total.imported += counts.imported;
        total.rejected += counts.rejected;
      } catch (error) {
        if (error instanceof FileStructureError) {
          summary.refused.push({ file: error.file, line: error.line, message: error.message });
        } else if (FILE_ERRORS.has((error as NodeJS.ErrnoException).code ?? '') && (error as NodeJS.ErrnoException).path === file.path) {
          summary.refused.push({ file: file.displayName, line: null, message: `${file.displayName}: cannot read it (${(error as Error).message}).` });
        } else {
          throw error;
        }
      }
    }
  } finally {
    summary.rejects = report.close();
  }
  return summary;
}

/** Whether an import left anything out: a refused file or a rejected row (the CLI's non-zero exit). */
export function importIncomplete(summary: ImportSummary): boolean {
  return summary.refused.length > 0 || Object.values(summary.tables).some((t) => t.rejected > 0);
}
