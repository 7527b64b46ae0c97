import fs from 'node:fs';
import path from 'node:path';
import { COLUMN_DESCRIPTION_FILE, HOME_CREDIT_TABLES, tableForFile, type HomeCreditTable } from '../home-credit-tables.js';
import type { RefusedFile, SkippedFile } from './import-types.js';

/** One CSV file to load: where it is, how to name it in messages, and its table. */
export interface PlannedFile {
  path: string;
  /** The path as the user gave it (or folder + name): what messages and the reject report show. */
  displayName: string;
  /** The base name, which decides the table. */
  fileName: string;
  table: HomeCreditTable;
}

/** The files an import will load, in load order, and those it leaves out (with why). */
export interface ImportPlan {
  files: PlannedFile[];
  refused: RefusedFile[];
  skipped: SkippedFile[];
}

/**
 * Expands files and folders into the Home Credit files to load, ordered parents first (application,
 * bureau, bureau_balance, previous_application, then its children), each file once.
 * A file named explicitly that is not a Home Credit file is refused; in a folder it is skipped with a note.
 */
export function collectFiles(paths: readonly string[]): ImportPlan {
  const plan: ImportPlan = { files: [], refused: [], skipped: [] };
  const seen = new Set<string>();
  const consider = (filePath: string, displayName: string, inFolder: boolean): void => {
    const resolved = path.resolve(filePath);
    if (seen.has(resolved)) return;
    seen.add(resolved);
    const fileName = path.basename(filePath);
    if (fileName.toLowerCase() === COLUMN_DESCRIPTION_FILE.toLowerCase()) {
      plan.skipped.push({ file: displayName, reason: 'column glossary, not a data table: not loaded' });
      return;
    }
    const table = tableForFile(fileName);
    if (table) plan.files.push({ path: resolved, displayName, fileName, table });
    else if (inFolder) plan.skipped.push({ file: displayName, reason: 'not a Home Credit file name' });
    else plan.refused.push({ file: displayName, line: null, message: `${displayName}: ${unknownNameMessage(fileName)}` });
  };
  for (const given of paths) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(given);
    } catch {
      plan.refused.push({ file: given, line: null, message: `${given}: no such file or folder.` });
      continue;
    }
    if (stat.isDirectory()) {
      const entries = fs.readdirSync(given, { withFileTypes: true }).filter((e) => e.isFile() && /\.csv$/i.test(e.name));
      if (entries.length === 0) plan.skipped.push({ file: given, reason: 'folder holds no CSV file' });
      for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
        consider(path.join(given, entry.name), path.join(given, entry.name), true);
      }
    } else {
      consider(given, given, false);
    }
  }
  plan.files.sort((a, b) => loadRank(a) - loadRank(b));
  return plan;
}

function loadRank(file: PlannedFile): number {
  const tableRank = HOME_CREDIT_TABLES.indexOf(file.table);
  const fileRank = file.table.files.findIndex((f) => f.toLowerCase() === file.fileName.toLowerCase());
  return tableRank * 10 + fileRank;
}

function unknownNameMessage(fileName: string): string {
  const expected = HOME_CREDIT_TABLES.flatMap((t) => t.files).join(', ');
  return `"${fileName}" is not a Home Credit file name, so its table is unknown; expected one of ${expected}.`;
}
