import type { Command } from 'commander';
import { ImportRunningError, importIncomplete, importPaths, RejectsPathError, UnknownTableError, type ImportSummary } from '../../db/import/import-paths.js';
import { TEXT_ENCODINGS, type CsvDelimiter, type TextEncoding } from '../../db/import/csv-dialect.js';
import { printable } from '../../db/import/printable.js';
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
  table?: string;
  replace: boolean;
  separator?: string;
  decimalComma: boolean;
  encoding?: string;
}

const SEPARATORS: Record<string, CsvDelimiter> = { ',': ',', comma: ',', ';': ';', semicolon: ';', tab: '\t', '\t': '\t' };

/** `octroi import --db FILE [--json] [--rejects FILE] PATH...`: loads Home Credit CSV files into a database. */
export function registerImport(program: Command): void {
  program
    .command('import')
    .description('Import Home Credit CSV files (or folders holding them) into a database, each file in one transaction.')
    .argument('<paths...>', 'CSV files named as in the data set (application_train.csv, bureau.csv, …) or as their table, folders of them, or TABLE=FILE')
    .requiredOption('--db <file>', 'database file (created if missing)')
    .option(...KEY_FILE_OPTION)
    .option('--json', 'print one JSON summary on stdout and no progress', false)
    .option('--rejects <file>', 'where to write the rejected rows (default: <db>.rejects-<timestamp>.csv)')
    .option('--table <table>', 'the table of every file given (when their names do not say it)')
    .option('--replace', 'a new version of a file already imported (same table and file name) replaces the rows of the earlier one', false)
    .option('--separator <sep>', 'the separator: comma, semicolon or tab (default: read from the header)')
    .option('--decimal-comma', 'numbers are written with a decimal comma (1 234,56); default: read from the numbers', false)
    .option('--encoding <name>', `the encoding: ${TEXT_ENCODINGS.join(', ')} (default: UTF-8 unless bytes are not, then windows-1252)`)
    .addHelpText(
      'after',
      `
Files already imported (same content, by sha256) are skipped. A new version of a file already imported (same
table, same file name in any case, other content) is refused unless --replace: then its rows replace the earlier
version's in one transaction. A file whose structure is wrong (name, header, quoting, encoding, mixed decimal
marks, not a text file) or that looks cut (no line break at its end, last line short) is refused whole; a bad
row is written to the reject report and the rest of its file loads. One import at a time per database.
Exit code: 0 when everything loaded (or was already), ${EXIT_INCOMPLETE} when a file was refused, a row rejected or
nothing imported, 1 on error.`,
    )
    .action(async (paths: string[], options: ImportCommandOptions) => {
      const separator = options.separator === undefined ? undefined : SEPARATORS[options.separator.toLowerCase()];
      if (options.separator !== undefined && !separator) throw new CliError(`--separator ${printable(options.separator)}: use comma, semicolon or tab.`);
      const encoding = options.encoding?.toLowerCase().replace(/^utf-8$/, 'utf8').replace(/^(cp1252|win1252)$/, 'windows-1252').replace(/^(iso-8859-1|latin-1)$/, 'latin1');
      if (encoding !== undefined && !TEXT_ENCODINGS.includes(encoding as TextEncoding)) {
        throw new CliError(`--encoding ${printable(options.encoding!)}: use one of ${TEXT_ENCODINGS.join(', ')}.`);
      }
      const db = await openExistingDatabase(options.db, { create: true, keyFile: options.keyFile });
      const bar = !options.json && process.stderr.isTTY ? createImportProgressBar(process.stderr) : null;
      let summary: ImportSummary;
      try {
        summary = await importPaths(db, paths, {
          rejectsPath: options.rejects,
          onProgress: bar?.onProgress,
          table: options.table,
          replace: options.replace,
          separator,
          decimalComma: options.decimalComma,
          encoding: encoding as TextEncoding | undefined,
        });
      } catch (error) {
        if (error instanceof RejectsPathError || error instanceof ImportRunningError || error instanceof UnknownTableError) {
          throw new CliError(`${error instanceof ImportRunningError ? `${options.db}: ` : ''}${error.message}`, error instanceof ImportRunningError ? EXIT_INCOMPLETE : 1);
        }
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
  for (const r of summary.replaced) {
    lines.push(`replaced: ${printable(r.file)}: the version imported on ${r.previousImportedAt} (${r.rowsRemoved.toLocaleString('en-US')} rows removed in the same transaction)`);
  }
  for (const s of summary.skipped) lines.push(`skipped: ${printable(s.file)}: ${s.reason}`);
  for (const r of summary.refused) lines.push(`REFUSED (nothing loaded): ${r.message}`);
  if (summary.rejects) lines.push(`Rejected rows are listed in ${summary.rejects}`);
  return `${lines.join('\n')}\n`;
}
