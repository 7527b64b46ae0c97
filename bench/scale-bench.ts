/**
 * `npm run bench -- --only scale`: the app at branch size. Builds once (and keeps, outside the repository,
 * in ~/.cache/octroi-bench or OCTROI_BENCH_CACHE) a full-size database — `octroi synth --clients 307511`
 * then `octroi import` — and measures, in the same run, on the 5,000-client demo and on it, through the
 * preview's real arrangement (main routing to the data worker, over loopback HTTP):
 * - the time to materialise every client's features and scores;
 * - after a cold start: the first and the warm call of every channel of Compare, Threshold and monitoring,
 *   and Compare's first opening (its calls together);
 * - the serving thread's event-loop delay (p99, max) and clients:search latency while a population
 *   rebuild runs and while a CLI import holds the database;
 * - applications:save, then the population, drift and fairness calls after it and after a new score event;
 * - a model install (the shipped model re-versioned): the serving thread's event-loop delay and
 *   clients:search while the new model's scores are computed, and how long that takes (then rolled back);
 * - RSS of the app's process (main, the data worker and every worker thread are threads of it), after the
 *   statistics, after an install, and its peak over the run.
 * The app runs in a process of its own (scale-app-process.ts), as Electron's main process is its own: the
 * benchmark's own work is counted neither in the app's memory nor in its event loop.
 */
import { fork, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { syntheticSample } from './bench-data.js';
import type { BenchResult } from './bench-result.js';
import { percentile } from './bench-result.js';
import { createDemoAccounts, DEMO_ACCOUNTS } from '../demo/demo-accounts.js';
import { buildDemoDatabase } from '../demo/demo-database.js';
import { demoDatabaseKey } from '../demo/demo-database-key.js';
import { markDemoDatabase } from '../db/demo-database-mark.js';
import { openDatabase } from '../db/open-database.js';
import { populationQueries } from '../db/queries/population.js';
import { FEATURE_SET_KEY, materialisePopulation } from '../model/population/population-store.js';
import { SHIPPED_MODEL_PATH } from '../model/model-file/shipped-model-path.js';
import { ScoringEngine } from '../model/scoring/scoring-engine.js';
import { sampleTreeMemory } from './process-tree-memory.js';
import type { AppProcessMessage, AppProcessRequest } from './scale-app-process.js';
import { newerModel } from '../demo/newer-model.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CACHE = process.env.OCTROI_BENCH_CACHE ?? path.join(os.homedir(), '.cache', 'octroi-bench');

export interface ScaleBenchOptions {
  workDir: string;
  /** Clients of the full-size database (default 307,511, the Home Credit data set's size). */
  fullClients?: number;
}

/** The cached full-size database, built on first use (takes minutes). */
function fullDatabase(clients: number): string {
  const db = path.join(CACHE, `full-${clients}.db`);
  if (fs.existsSync(`${db}.done`)) return db;
  fs.mkdirSync(CACHE, { recursive: true });
  const csv = path.join(CACHE, `csv-${clients}`);
  fs.rmSync(csv, { recursive: true, force: true });
  for (const file of [db, `${db}-wal`, `${db}-shm`]) fs.rmSync(file, { force: true });
  const cli = (args: string[]) => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'cli', 'octroi.ts'), ...args], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    if (run.status !== 0) throw new Error(`scale bench: octroi ${args[0]} failed`);
  };
  console.error(`scale bench: building a ${clients}-client database in ${CACHE} (once; minutes)…`);
  // Synthetic data: encrypted with a DEMO key beside it, which the CLI and the preview find by themselves.
  demoDatabaseKey(db);
  cli(['synth', '--clients', String(clients), '--out', csv, '--quiet']);
  cli(['import', '--db', db, '--json', csv]);
  fs.rmSync(csv, { recursive: true, force: true });
  fs.writeFileSync(`${db}.done`, new Date().toISOString());
  return db;
}

/** The screens' channels and a request each (what the renderer sends when the screen opens). */
const SCREEN_CALLS: Array<[string, string, unknown]> = [
  ['Compare', 'population:distribution', { feature: 'EXT_SOURCE_MEAN', groupBy: 'decision', bins: 30, lang: 'en' }],
  ['Compare', 'population:pairs', { x: 'EXT_SOURCE_MEAN', y: 'AMT_CREDIT', groupBy: 'decision', maxPoints: 2000, lang: 'en' }],
  ['Compare', 'population:importance', { lang: 'en', top: 20 }],
  ['Threshold', 'policy:get', {}],
  ['monitoring', 'monitoring:drift', { lang: 'en' }],
  ['monitoring', 'monitoring:activity', {}],
  ['monitoring', 'fairness:report', { lang: 'en' }],
];

/** Measures one database; `label` names it in the results. */
async function measure(label: string, dbPath: string, workDir: string, importDir: string, results: BenchResult[]): Promise<void> {
  const add = (name: string, value: number, unit: string, target?: string) => {
    results.push({ name: `${label}: ${name}`, value, unit, target });
    // Said as it comes: the full-size run is long, and a figure measured is kept even if a later step fails.
    console.error(`scale bench: ${label}: ${name}: ${value.toFixed(1)} ${unit}`);
  };
  const key = demoDatabaseKey(dbPath);
  // Materialisation from nothing (what an import or the first start on a database does).
  {
    const db = openDatabase(dbPath, { key });
    // Synthetic data (the demo, or octroi synth imported): a demo database, where the DEMO manager may sign in.
    markDemoDatabase(db);
    createDemoAccounts(db);
    const engine = await ScoringEngine.open(SHIPPED_MODEL_PATH);
    db.transaction(() => populationQueries(db).clearFeatures(FEATURE_SET_KEY))();
    const start = performance.now();
    await materialisePopulation(db, engine);
    add('materialise features + scores', (performance.now() - start) / 1000, 's', label === 'full' ? '≤ 60 s' : undefined);
    await engine.close();
    db.close();
  }

  const app = await startAppProcess(dbPath);
  add('cold start (services open)', app.startMs, 'ms');
  const memory = sampleTreeMemory(app.pid, 500);
  const post = (channel: string, body: unknown) =>
    fetch(new URL(`/ipc/${channel}`, app.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-octroi-token': app.token },
      body: JSON.stringify(body),
    });
  const call = async (channel: string, body: unknown) => {
    // A kept-alive socket the server closed after a pause of more than 5 s (its keep-alive timeout) fails
    // the next request before it is sent: sent again once, on a new connection.
    const response = await post(channel, body).catch(() => post(channel, body));
    const result = (await response.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
    if (!result.ok) throw new Error(`${channel}: ${result.error?.message}`);
    return result.value;
  };
  /** Waits until a materialisation has started (or `started` settled), then until none runs (population:status answers null). */
  const untilMaterialised = async (started?: Promise<unknown>) => {
    const pause = () => new Promise((resolve) => setTimeout(resolve, 250));
    let settled = false;
    void started?.finally(() => (settled = true));
    for (let i = 0; i < 240 && !settled && (await call('population:status', {})) === null; i++) await pause();
    while ((await call('population:status', {})) !== null) await pause();
  };
  const timed = async (channel: string, body: unknown) => {
    const start = performance.now();
    await call(channel, body);
    return performance.now() - start;
  };
  try {
    const manager = DEMO_ACCOUNTS.find((account) => account.username === 'manager')!;
    await call('auth:signIn', { username: manager.username, password: manager.password });
    // Compare opened for the first time: its calls together, as the screen sends them.
    const compareStart = performance.now();
    await Promise.all(SCREEN_CALLS.filter(([screen]) => screen === 'Compare').map(([, channel, body]) => call(channel, body)));
    add('Compare opened the first time', performance.now() - compareStart, 'ms', label === 'full' ? '≤ 2,000 ms' : undefined);
    for (const [screen, channel, body] of SCREEN_CALLS) {
      const other = { ...(body as object), ...(channel === 'population:distribution' ? { feature: 'AMT_CREDIT' } : {}) };
      add(`${screen} ${channel} first`, await timed(channel, other), 'ms', label === 'full' ? '≤ 1,000 ms' : undefined);
      add(`${screen} ${channel} warm`, await timed(channel, other), 'ms', label === 'full' ? '≤ 100 ms' : undefined);
    }
    // The client page's similar clients: the nearest clients in the stored population (was 45 s at first on the full database).
    const [someClient, otherClient] = ((await call('clients:list', { offset: 0, limit: 2 })) as { clients: Array<{ clientId: number }> }).clients.map((c) => c.clientId);
    add('client page scoring:similar first', await timed('scoring:similar', { clientId: someClient, lang: 'en' }), 'ms', label === 'full' ? '≤ 1,000 ms' : undefined);
    add('client page scoring:similar warm', await timed('scoring:similar', { clientId: otherClient, lang: 'en' }), 'ms', label === 'full' ? '≤ 100 ms' : undefined);

    // While a long job runs: a population rebuild, then a CLI import holding the database.
    const searching = async (during: Promise<unknown>, name: string) => {
      const latencies: number[] = [];
      let done = false;
      void during.finally(() => (done = true));
      await app.ask({ type: 'delay-reset' });
      while (!done) {
        latencies.push(await timed('clients:search', { query: '1002' }));
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await during;
      const delay = (await app.ask({ type: 'delay' })) as Extract<AppProcessMessage, { type: 'delay' }>;
      add(`clients:search during ${name}, p99`, percentile(latencies, 0.99), 'ms');
      add(`serving thread event-loop delay during ${name}, p99`, delay.p99Ms, 'ms', '≤ 50 ms');
      add(`serving thread event-loop delay during ${name}, max`, delay.maxMs, 'ms');
    };
    const side = openDatabase(dbPath, { key });
    side.transaction(() => populationQueries(side).clearFeatures(FEATURE_SET_KEY))();
    side.close();
    // The rebuild is followed on population:status (a request kept open for minutes could be cut by the server).
    const rebuilding = call('population:distribution', { feature: 'AMT_ANNUITY', groupBy: 'outcome', bins: 20, lang: 'en' }).catch((error: unknown) =>
      console.error(`scale bench: ${label}: the request that started the rebuild ended with: ${String(error)}`),
    );
    const rebuildStart = performance.now();
    await searching(
      (async () => {
        await untilMaterialised(rebuilding);
        add('population rebuilt from nothing in the app', (performance.now() - rebuildStart) / 1000, 's', label === 'full' ? '≤ 60 s' : undefined);
        await rebuilding;
      })(),
      'a population rebuild',
    );
    const importing = new Promise<void>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'cli', 'octroi.ts'), 'import', '--db', dbPath, '--json', importDir], { cwd: ROOT, stdio: 'ignore' });
      child.once('exit', () => resolve());
      child.once('error', reject);
    });
    await searching(importing, 'a CLI import');
    // The import changed the clients: the stored population is materialised again (what the app does after an import).
    add('population rebuilt after the import', await timed('population:distribution', { feature: 'AMT_CREDIT', groupBy: 'none', bins: 30, lang: 'en' }), 'ms');

    // A saved application, then the statistics that must include it.
    const record = (await call('clients:get', { clientId: someClient })) as { application: Record<string, unknown> };
    const fields = Object.fromEntries(Object.entries(record.application).filter(([k, v]) => !['SK_ID_CURR', 'TARGET', 'import_file_id'].includes(k) && v !== null));
    add('applications:save', await timed('applications:save', { record: fields }), 'ms');
    add('population:distribution after a save', await timed('population:distribution', { feature: 'AMT_CREDIT', groupBy: 'decision', bins: 30, lang: 'en' }), 'ms');
    add('fairness:report after a save', await timed('fairness:report', { lang: 'en' }), 'ms', label === 'full' ? '≤ 200 ms' : undefined);
    add('monitoring:drift after a save', await timed('monitoring:drift', { lang: 'en' }), 'ms', label === 'full' ? '≤ 200 ms' : undefined);
    // A client's score viewed (a new score event), then the reports that follow it.
    await call('scoring:score', { clientId: record.application.SK_ID_CURR, lang: 'en' });
    add('monitoring:drift after a new score event', await timed('monitoring:drift', { lang: 'en' }), 'ms', label === 'full' ? '≤ 200 ms' : undefined);
    add('fairness:report after a new score event', await timed('fairness:report', { lang: 'en' }), 'ms', label === 'full' ? '≤ 200 ms' : undefined);
    add('RSS of the app after the statistics (main + data worker + worker threads)', appRss(app.pid) / 2 ** 20, 'MB', label === 'full' ? '≤ 600 MB' : undefined);

    // A model install: the new model's scores computed in the background while the old one serves the figures.
    const candidate = newerModel(path.join(workDir, `install-${label}`), ((await call('models:history', {})) as { active: { modelVersion: string } }).active.modelVersion);
    await app.ask({ type: 'choose-file', file: candidate });
    const installStart = performance.now();
    const installing = (async () => {
      const answered = timed('models:install', {});
      add('models:install answered', await answered, 'ms');
      await untilMaterialised();
      add('new model’s scores stored after an install', (performance.now() - installStart) / 1000, 's');
    })();
    await searching(installing, 'a model install');
    add('RSS of the app after an install (main + data worker + worker threads)', appRss(app.pid) / 2 ** 20, 'MB', label === 'full' ? '≤ 600 MB' : undefined);
    // Back to the shipped model (its stored scores are still complete), so the next run starts as this one did.
    await call('models:rollback', {});
    await untilMaterialised();
    add('peak RSS of the app over the run (every step above)', memory.stop().rss / 2 ** 20, 'MB');
  } finally {
    memory.stop();
    await app.close();
  }
}

/** The app started in its own process (scale-app-process.ts) on a database, asked questions over IPC. */
interface AppProcess {
  pid: number;
  url: string;
  token: string;
  /** How long opening the services took, in the app's process. */
  startMs: number;
  ask(request: AppProcessRequest): Promise<AppProcessMessage>;
  close(): Promise<void>;
}

async function startAppProcess(dbPath: string): Promise<AppProcess> {
  const child: ChildProcess = fork(path.join(ROOT, 'bench', 'scale-app-process.ts'), [dbPath], { cwd: ROOT, execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const next = () =>
    new Promise<AppProcessMessage>((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`scale bench: the app's process ended (exit code ${code}).`));
      child.once('exit', onExit);
      child.once('message', (message: AppProcessMessage) => {
        child.off('exit', onExit);
        resolve(message);
      });
    });
  const ready = (await next()) as Extract<AppProcessMessage, { type: 'ready' }>;
  return {
    pid: child.pid!,
    url: ready.url,
    token: ready.token,
    startMs: ready.startMs,
    ask(request) {
      const answer = next();
      child.send(request);
      return answer;
    },
    async close() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send({ type: 'close' } satisfies AppProcessRequest);
      await exited;
    },
  };
}

/** RSS of a process, in bytes (/proc: the app's process, with every thread of it). */
function appRss(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)![1]) * 1024;
}

/** Runs the scale measurements on the demo and the full-size database. */
export async function benchScale(options: ScaleBenchOptions): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const demo = path.join(options.workDir, 'scale-demo.db');
  await buildDemoDatabase(demo);
  // What the CLI imports while the app serves: the repository's own small synthetic data set.
  const importDir = await syntheticSample(options.workDir);
  await measure('demo', demo, options.workDir, importDir, results);
  await measure('full', fullDatabase(options.fullClients ?? 307_511), options.workDir, importDir, results);
  return results;
}
