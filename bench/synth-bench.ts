/**
 * Generator throughput: rows/s over all seven tables and MB/s written, median of a few runs.
 * Runnable alone: `npx tsx bench/synth-bench.ts [--clients N]` (or through `npm run bench -- --only synth`).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, type BenchResult } from './bench-result.js';
import { generateSynthetic } from '../db/synth/generate.js';

/** Full size: the real training set's client count (the test set's 14% are inside it here). */
const FULL_CLIENTS = 307_511;
/** Generation plus import of the full size must take under 10 minutes; generation gets about a third. */
const TARGET_ROWS_PER_SECOND = 300_000;

/** Measures the generator on `clients` clients, three runs, writing under `workDir`. */
export async function benchSynth(options: { clients: number; workDir: string; runs?: number }): Promise<BenchResult[]> {
  const runs = options.runs ?? 3;
  const rates: number[] = [];
  const throughputs: number[] = [];
  const seconds: number[] = [];
  let rows = 0;
  for (let run = 0; run < runs; run++) {
    const outDir = path.join(options.workDir, `synth-${run}`);
    const started = performance.now();
    const summary = await generateSynthetic({ clients: options.clients, seed: run + 1, outDir });
    const elapsed = (performance.now() - started) / 1000;
    const files = Object.entries(summary.files).filter(([name]) => name.endsWith('.csv') && !name.startsWith('HomeCredit'));
    rows = files.reduce((a, [, f]) => a + f.rows, 0);
    const bytes = files.reduce((a, [, f]) => a + f.bytes, 0);
    rates.push(rows / elapsed);
    throughputs.push(bytes / 1e6 / elapsed);
    seconds.push(elapsed);
    fs.rmSync(outDir, { recursive: true, force: true });
  }
  const rowsPerClient = rows / options.clients;
  const rate = median(rates);
  return [
    {
      name: `synth rows/s (all tables, ${options.clients.toLocaleString('en-US')} clients)`,
      value: rate,
      unit: 'rows/s',
      target: `≥ ${TARGET_ROWS_PER_SECOND.toLocaleString('en-US')} rows/s`,
      note: `${rows.toLocaleString('en-US')} rows (${rowsPerClient.toFixed(1)} per client), median of ${runs} runs: ${seconds.map((s) => s.toFixed(1)).join(', ')} s`,
    },
    { name: 'synth MB/s written', value: median(throughputs), unit: 'MB/s' },
    {
      name: `synth full size (${FULL_CLIENTS.toLocaleString('en-US')} clients), projected`,
      value: (FULL_CLIENTS * rowsPerClient) / rate,
      unit: 's',
      note: 'rows per client × full client count ÷ measured rows/s',
    },
  ];
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--clients');
  const clients = i > 0 ? Number(process.argv[i + 1]) : 20_000;
  if (!Number.isSafeInteger(clients) || clients < 1) throw new Error(`--clients must be a whole number ≥ 1, got ${process.argv[i + 1]}`);
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'octroi-synth-bench-'));
  try {
    for (const r of await benchSynth({ clients, workDir })) {
      console.log(`${r.name}: ${Math.round(r.value).toLocaleString('en-US')} ${r.unit}${r.target ? ` (target ${r.target})` : ''}${r.note ? ` — ${r.note}` : ''}`);
    }
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}
