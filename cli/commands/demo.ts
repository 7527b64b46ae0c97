import fs from 'node:fs';
import type { Command } from 'commander';
import { buildDemoDatabase, countRows, DEMO_CLIENTS, DEMO_SEED } from '../../db/demo-database.js';
import { parsePositiveInteger, parseInteger } from '../parse-options.js';

/** `octroi demo`: builds the demo database the app opens on first start (synthetic clients only). */
export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('Build the demo database from synthetic Home Credit data (no real client in it).')
    .requiredOption('--db <file>', 'database file to create')
    .option('--clients <n>', 'number of synthetic clients', parsePositiveInteger('--clients'), DEMO_CLIENTS)
    .option('--seed <s>', 'generator seed', parseInteger('--seed'), DEMO_SEED)
    .option('--force', 'rebuild even if the file exists', false)
    .action(async (options: { db: string; clients: number; seed: number; force: boolean }) => {
      if (fs.existsSync(options.db) && !options.force) {
        process.stdout.write(`Demo database already present: ${options.db} (use --force to rebuild)\n`);
      } else {
        const summary = await buildDemoDatabase(options.db, {
          clients: options.clients,
          seed: options.seed,
          onStage: (stage) => process.stderr.write(`demo: ${stage}…\n`),
        });
        process.stdout.write(`Built ${summary.path} in ${summary.seconds.toFixed(1)} s\n`);
      }
      const counts = countRows(options.db);
      const width = Math.max(...Object.keys(counts).map((k) => k.length));
      for (const [table, rows] of Object.entries(counts)) {
        process.stdout.write(`  ${table.padEnd(width)}  ${rows.toLocaleString('en-US').padStart(10)} rows\n`);
      }
    });
}
