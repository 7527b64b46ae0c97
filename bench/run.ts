/**
 * `npm run bench [-- --json] [--only NAME] [--rows N] [--clients N]`: every timing target of Octroi, measured
 * in one run with its reference. Timing is never asserted in tests (shared, noisy machines); it is
 * measured here and reported as medians and ratios.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import type { BenchResult } from './bench-result.js';
import { benchImport } from './import-bench.js';
import { benchSynth } from './synth-bench.js';
import { benchFeatures } from './features-bench.js';
import { benchScoring } from './scoring-bench.js';
import { benchUi } from './ui-bench.js';
import { benchEncryption } from './encryption-bench.js';
import { benchScale } from './scale-bench.js';
import { benchDask } from './dask-bench.js';
import { parsePositiveInteger } from '../cli/parse-options.js';
import { syntheticSample } from './bench-data.js';


interface BenchOptions {
  json: boolean;
  only?: string[];
  rows: number;
  clients: number;
  fullClients: number;
  daskClients: number;
}

const SUITES: Record<string, (o: BenchOptions, workDir: string) => Promise<BenchResult[]>> = {
  import: (o, workDir) => benchImport({ rows: o.rows, workDir }),
  synth: (o, workDir) => benchSynth({ clients: o.clients, workDir }),
  features: async (o, workDir) => benchFeatures({ clients: o.clients, workDir, fixtureDir: await syntheticSample(workDir, 999) }),
  scoring: (_o, workDir) => benchScoring({ workDir }),
  ui: (_o, workDir) => benchUi({ workDir }),
  encryption: (_o, workDir) => benchEncryption({ workDir }),
  scale: (o, workDir) => benchScale({ workDir, fullClients: o.fullClients }),
  dask: (o, workDir) => benchDask({ workDir, clients: o.daskClients }),
};

/** Suites run only when named in --only. */
const OPT_IN = ['scale', 'dask'];

function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Math.abs(n) >= 1000) return Math.round(n).toLocaleString('en-US');
  return n.toPrecision(3);
}

function printTable(results: BenchResult[]): void {
  const rows = results.map((r) => [
    r.name,
    `${formatNumber(r.value)} ${r.unit}`,
    r.reference ? `${r.reference.name}: ${formatNumber(r.reference.value)} ${r.unit}` : '',
    r.ratio === undefined ? '' : `${r.ratio.toFixed(2)}×`,
    r.target ?? '',
  ]);
  const header = ['measure', 'median', 'reference (same run)', 'ratio', 'target'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
  for (const r of results.filter((x) => x.note)) console.log(`* ${r.name}: ${r.note}`);
}

async function main(): Promise<void> {
  const options = new Command('bench')
    .option('--json', 'print one JSON object instead of a table', false)
    .option('--only <suites...>', `run only these suites (${Object.keys(SUITES).join(', ')})`)
    .option('--rows <n>', 'rows per table for the import benchmark', parsePositiveInteger('--rows'), 1_000_000)
    .option('--clients <n>', 'clients for the generator benchmark', parsePositiveInteger('--clients'), 20_000)
    .option('--full-clients <n>', 'clients of the scale benchmark\'s full-size database (built once, cached)', parsePositiveInteger('--full-clients'), 307_511)
    .option('--dask-clients <n>', 'labelled clients of the dask benchmark\'s largest run (shards built once, cached)', parsePositiveInteger('--dask-clients'), 1_000_000)
    .parse(process.argv)
    .opts<BenchOptions>();
  const unknown = (options.only ?? []).filter((s) => !(s in SUITES));
  if (unknown.length) throw new Error(`Unknown benchmark suite(s): ${unknown.join(', ')}`);
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'octroi-bench-'));
  const results: BenchResult[] = [];
  try {
    for (const [name, run] of Object.entries(SUITES)) {
      if (options.only && !options.only.includes(name)) continue;
      // The scale and dask suites build large data sets (minutes, once) and run long: only when asked for by name.
      if (!options.only && OPT_IN.includes(name)) continue;
      if (!options.json) console.error(`bench: ${name}…`);
      results.push(...(await run(options, workDir)));
    }
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
  const machine = { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, node: process.version, date: new Date().toISOString() };
  if (options.json) console.log(JSON.stringify({ machine, results }, null, 2));
  else printTable(results);
}

main().catch((error: unknown) => {
  console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
