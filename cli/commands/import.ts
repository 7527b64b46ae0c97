import type { Command } from 'commander';
import { importIncomplete, importPaths, RejectsPathError, type ImportSummary } from '../../db/import/import-paths.js';
import { createImportProgressBar } from '../import-progress-bar.js';
import { CliError } from '../cli-error.js';
import { KEY_FILE_OPTION } from '../database-key-for-cli.js';
import { openExistingDatabase } from '../open-database-for-cli.js';

/** Exit code when the import ran but left something out (a refused file or a rejected row). */
const EXIT_INCOMPLETE = 2;

interface ImportCommandOptions {
  db: string;
  keyFile?: string;
  json: boolean;
  rejects?: string;
}

/** `octroi import --db FILE [--json] [--rejects FILE] PATH...`: loads Home Credit CSV files into a database. */
export function registerImport(program: Command): void {
  program
    .command('import')
    .description('Import Home Credit CSV files (or folders holding them) into a database, each file in one transaction.')
    .argument('<paths...>', 'CSV files named as in the data set (application_train.csv, bureau.csv, …) or folders of them')
    .requiredOption('--db <file>', 'database file (created if missing)')
    .option(...KEY_FILE_OPTION)
    .option('--json', 'print one JSON summary on stdout and no progress', false)
    .option('--rejects <file>', 'where to write the rejected rows (default: <db>.rejects-<timestamp>.csv)')
    .addHelpText(
      'after',
      `
Files already imported (same content, by sha256) are skipped. A file whose structure is wrong (name, header,
quoting) is refused whole; a bad row is written to the reject report and the rest of its file loads.
Exit code: 0 when everything loaded, ${EXIT_INCOMPLETE} when a file was refused or a row rejected, 1 on error.`,
    )
    .action(async (paths: string[], options: ImportCommandOptions) => {
      const db = await openExistingDatabase(options.db, { create: true, keyFile: options.keyFile });
      const bar = !options.json && process.stderr.isTTY ? createImportProgressBar(process.stderr) : null;
      let summary: ImportSummary;
      try {
        summary = await importPaths(db, paths, { rejectsPath: options.rejects, onProgress: bar?.onProgress });
      } catch (error) {
        if (error instanceof RejectsPathError) throw new CliError(error.message);
        throw error;
      } finally {
        bar?.stop();
        db.close();
      }
      process.stdout.write(options.json ? `${JSON.stringify(summary)}\n` : formatSummary(summary));
      if (importIncomplete(summary)) process.exitCode = EXIT_INCOMPLETE;
    });
}

function formatSummary(summary: ImportSummary): string {
  const lines: string[] = [];
  const tables = Object.entries(summary.tables);
  const width = Math.max(5, ...tables.map(([name]) => name.length));
  const n = (value: number) => value.toLocaleString('en-US').padStart(11);
  if (tables.length) {
    lines.push(`${'table'.padEnd(width)}  ${'read'.padStart(11)}  ${'imported'.padStart(11)}  ${'rejected'.padStart(11)}`);
    for (const [name, t] of tables) lines.push(`${name.padEnd(width)}  ${n(t.read)}  ${n(t.imported)}  ${n(t.rejected)}`);
  } else {
    lines.push('No rows imported.');
  }
  for (const s of summary.skipped) lines.push(`skipped: ${s.file}: ${s.reason}`);
  for (const r of summary.refused) lines.push(`REFUSED (nothing loaded): ${r.message}`);
  if (summary.rejects) lines.push(`Rejected rows are listed in ${summary.rejects}`);
  return `${lines.join('\n')}\n`;
}
