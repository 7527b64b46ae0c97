import fs from 'node:fs';
import type { Command } from 'commander';
import { buildDemoDatabase, countRows, DEMO_CLIENTS, DEMO_SEED } from '../../demo/demo-database.js';
import { openDatabase } from '../../db/open-database.js';
import { clientIds } from '../../db/queries/clients.js';
import { demoDatabaseKey, demoKeyPath } from '../../demo/demo-database-key.js';
import { scoreClient } from '../../model/scoring/client-scoring.js';
import { parsePositiveInteger, parseInteger } from '../parse-options.js';
import { DEFAULT_MODEL_PATH, humanReport, openEngine } from './score.js';

/** Scores a few demo clients with the shipped model, so that the demo shows the product, not only a database. */
async function showScoredClients(dbPath: string, count: number): Promise<void> {
  const db = openDatabase(dbPath, { key: demoDatabaseKey(dbPath), readonly: true });
  const engine = await openEngine(DEFAULT_MODEL_PATH);
  try {
    const ids = clientIds(db, 'all', 200);
    const scores = await Promise.all(ids.map((id) => scoreClient(db, engine, id, { lang: 'en', reasons: 3 })));
    // Show refused and granted clients alike, the refused ones with their counter-offer.
    const refused = scores.filter((s) => s.decision === 'refused').slice(0, Math.ceil(count / 2));
    const granted = scores.filter((s) => s.decision === 'granted').slice(0, count - refused.length);
    process.stdout.write(`\nScored with ${engine.modelVersion} (threshold ${engine.threshold}); ` +
      `a few clients (npm run octroi -- score --db ${dbPath} --client ID for any other):\n\n`);
    for (const score of [...granted, ...refused]) {
      const full = await scoreClient(db, engine, score.clientId!, { lang: 'en', reasons: 3, counterOffer: true });
      process.stdout.write(`${humanReport(full, 'en')}\n`);
    }
  } finally {
    await engine.close();
    db.close();
  }
}

/** `octroi demo`: builds the demo database the app opens on first start (synthetic clients only). */
export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('Build the demo database from synthetic Home Credit data (no real client in it).')
    .requiredOption('--db <file>', 'database file to create')
    .option('--clients <n>', 'number of synthetic clients', parsePositiveInteger('--clients'), DEMO_CLIENTS)
    .option('--seed <s>', 'generator seed', parseInteger('--seed'), DEMO_SEED)
    .option('--force', 'rebuild even if the file exists', false)
    .option('--show <n>', 'then score and show this many clients with the shipped model (0: none)', parseInteger('--show'), 0)
    .action(async (options: { db: string; keyFile?: string; clients: number; seed: number; force: boolean; show: number }) => {
      if (fs.existsSync(options.db) && !options.force) {
        process.stdout.write(`Demo database already present: ${options.db} (use --force to rebuild)\n`);
      } else {
        const summary = await buildDemoDatabase(options.db, {
          clients: options.clients,
          seed: options.seed,
          onStage: (stage) => process.stderr.write(`demo: ${stage}…\n`),
        });
        process.stdout.write(`Built ${summary.path} in ${summary.seconds.toFixed(1)} s (encrypted; its DEMO key is ${demoKeyPath(summary.path)})\n`);
      }
      const counts = countRows(options.db, demoDatabaseKey(options.db));
      const width = Math.max(...Object.keys(counts).map((k) => k.length));
      for (const [table, rows] of Object.entries(counts)) {
        process.stdout.write(`  ${table.padEnd(width)}  ${rows.toLocaleString('en-US').padStart(10)} rows\n`);
      }
      if (options.show > 0) await showScoredClients(options.db, options.show);
    });
}
