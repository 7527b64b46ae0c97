import fs from 'node:fs';
import path from 'node:path';
import { COLUMN_DESCRIPTION_FILE, HOME_CREDIT_TABLES, tableForFile, type HomeCreditTable } from '../home-credit-tables.js';
import type { RefusedFile, SkippedFile } from './import-types.js';
import { printable } from './printable.js';

/** One CSV file to load: where it is, how to name it in messages, and its table. */
export interface PlannedFile {
  path: string;
  /** The path as the user gave it (or folder + name): what messages and the reject report show. */
  displayName: string;
  /** The base name: with the table, what makes the file's source (a later version replaces its rows). */
  fileName: string;
  table: HomeCreditTable;
}

/** The files an import will load, in load order, and those it leaves out (with why). */
export interface ImportPlan {
  files: PlannedFile[];
  refused: RefusedFile[];
  skipped: SkippedFile[];
}

/** A table named by --table or TABLE=FILE that does not exist. */
export class UnknownTableError extends Error {
  override name = 'UnknownTableError';
}

/** A table by its name, case-insensitive; UnknownTableError listing the tables otherwise. */
export function tableNamed(name: string): HomeCreditTable {
  const table = HOME_CREDIT_TABLES.find((t) => t.name.toLowerCase() === name.toLowerCase());
  if (!table) throw new UnknownTableError(`there is no table "${printable(name)}"; the tables are ${HOME_CREDIT_TABLES.map((t) => t.name).join(', ')}.`);
  return table;
}

/** `TABLE=FILE` when TABLE is a table's name; otherwise the path as given. */
function splitTableAssignment(given: string): { table: HomeCreditTable | null; target: string } {
  const match = /^([A-Za-z_]+)=(.+)$/.exec(given);
  if (!match || fs.existsSync(given)) return { table: null, target: given };
  return { table: tableNamed(match[1]!), target: match[2]! };
}

/**
 * Expands files and folders into the Home Credit files to load, ordered parents first (application,
 * bureau, bureau_balance, previous_application, then its children), each file once. The table of a file
 * is given (`table`, or TABLE=FILE) or read from its name; a file whose table is unknown is refused with
 * how to name it, in a folder as well as named alone (the import then ends with a non-zero exit).
 */
export function collectFiles(paths: readonly string[], options: { table?: string } = {}): ImportPlan {
  const plan: ImportPlan = { files: [], refused: [], skipped: [] };
  const given = options.table === undefined ? null : tableNamed(options.table);
  const seen = new Set<string>();
  const consider = (filePath: string, displayName: string, table: HomeCreditTable | null): void => {
    const resolved = path.resolve(filePath);
    if (seen.has(resolved)) return;
    seen.add(resolved);
    const fileName = path.basename(filePath);
    if (!table && fileName.toLowerCase() === COLUMN_DESCRIPTION_FILE.toLowerCase()) {
      plan.skipped.push({ file: displayName, reason: 'column glossary, not a data table: not loaded' });
      return;
    }
    const chosen = table ?? tableForFile(fileName);
    if (chosen) plan.files.push({ path: resolved, displayName, fileName, table: chosen });
    else plan.refused.push({ file: displayName, line: null, message: `${printable(displayName)}: ${unknownNameMessage(fileName)}` });
  };
  for (const argument of paths) {
    const { table: assigned, target } = splitTableAssignment(argument);
    const table = assigned ?? given;
    let stat: fs.Stats;
    try {
      stat = fs.statSync(target);
    } catch {
      plan.refused.push({ file: target, line: null, message: `${printable(target)}: no such file or folder.` });
      continue;
    }
    if (stat.isDirectory()) {
      const entries = fs.readdirSync(target, { withFileTypes: true }).filter((e) => e.isFile() && /\.(csv|tsv|txt)$/i.test(e.name));
      if (entries.length === 0) {
        plan.refused.push({ file: target, line: null, message: `${printable(target)}: the folder holds no .csv file, so nothing of it was imported.` });
      }
      for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
        consider(path.join(target, entry.name), path.join(target, entry.name), table);
      }
    } else {
      consider(target, target, table);
    }
  }
  plan.files.sort((a, b) => loadRank(a) - loadRank(b));
  return plan;
}

function loadRank(file: PlannedFile): number {
  const tableRank = HOME_CREDIT_TABLES.indexOf(file.table);
  const fileRank = file.table.files.findIndex((f) => f.toLowerCase() === file.fileName.toLowerCase());
  return tableRank * 10 + (fileRank < 0 ? 9 : fileRank);
}

function unknownNameMessage(fileName: string): string {
  const expected = HOME_CREDIT_TABLES.flatMap((t) => t.files).join(', ');
  return (
    `"${printable(fileName)}" is not a Home Credit file name, so its table is unknown and nothing of it was imported; ` +
    `expected one of ${expected} (any case), or a table name (application.csv…). ` +
    `To import it under its own name, say its table: --table TABLE, or TABLE=FILE (e.g. bureau=${printable(fileName)}).`
  );
}
