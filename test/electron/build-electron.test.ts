/**
 * build/build-electron.mjs: the bundles exist, the preload needs nothing but 'electron', main needs only
 * Node built-ins and the native modules, and the runtime/ layout works — the worker threads start from it
 * and compute what the source code computes (the packaged app runs them from app.asar.unpacked/).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDataWorker } from '../../electron/main/data-worker/client.js';
import type { Db } from '../../db/open-database.js';
import { computeFeatures } from '../../model/features/compute-features.js';
import { readClientRecords } from '../../model/features/read-client-records.js';
import type { ScoringEngine } from '../../model/scoring/scoring-engine.js';
import { openShippedFixture, type ShippedFixture } from '../support/shipped-engine.js';
import { REPO_ROOT } from '../support/paths.js';
import { SHIPPED_MODEL } from '../support/shipped-model.js';
import { TEST_DB_KEY } from '../support/test-database-key.js';

// Inside the repository (git-ignored .cache/), so the workers resolve the real node_modules as in the app.
const OUT = path.join(REPO_ROOT, '.cache', `build-electron-test-${process.pid}`);
const requires = (file: string) => [...fs.readFileSync(file, 'utf8').matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((m) => m[1]!);

let fixture: ShippedFixture;
let db: Db;
let dbPath: string;
let engine: ScoringEngine;
let output: string;

beforeAll(async () => {
  output = execFileSync(process.execPath, [path.join(REPO_ROOT, 'build', 'build-electron.mjs'), '--out', OUT], { cwd: REPO_ROOT, encoding: 'utf8' });
  fixture = await openShippedFixture();
  ({ db, dbPath, engine } = fixture);
});
afterAll(async () => {
  await fixture?.close();
  fs.rmSync(OUT, { recursive: true, force: true });
});

/** Starts a worker from the built runtime/ folder and waits for its ready message. */
async function startWorker(file: string, workerData: unknown): Promise<Worker> {
  const worker = new Worker(path.join(OUT, 'runtime', file), { workerData });
  await new Promise<void>((resolve, reject) => {
    worker.once('message', (m: { ready?: boolean }) => (m.ready ? resolve() : reject(new Error('unexpected first message'))));
    worker.once('error', reject);
  });
  return worker;
}

describe('build-electron', () => {
  it('writes the main and preload bundles and the runtime files', () => {
    for (const file of ['main.cjs', 'preload.cjs', 'runtime/package.json', 'runtime/onnx-scoring-worker.mjs', 'runtime/batch-features-worker.mjs', 'runtime/batch-features-job.js', 'runtime/data-worker.mjs', 'runtime/data-worker-host.js', 'runtime/profile.json', 'runtime/HomeCredit_columns_description.csv', 'runtime/demo-signing-key.pub.pem']) {
      expect(fs.statSync(path.join(OUT, file)).size, file).toBeGreaterThan(0);
    }
    expect(output).toContain('build-electron: 11 files');
  });

  it('bundles the preload into one file whose only require() is electron (a sandboxed preload can load nothing else)', () => {
    expect(new Set(requires(path.join(OUT, 'preload.cjs')))).toEqual(new Set(['electron']));
    expect(fs.readFileSync(path.join(OUT, 'preload.cjs'), 'utf8')).toContain('exposeInMainWorld("octroi"');
  });

  it('bundles main with only Node built-ins, Electron and the native modules left outside', () => {
    const allowed = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`), 'electron', 'better-sqlite3-multiple-ciphers', 'onnxruntime-node']);
    const outside = requires(path.join(OUT, 'main.cjs')).filter((name) => !allowed.has(name));
    expect(outside).toEqual([]);
    expect(fs.readFileSync(path.join(OUT, 'main.cjs'), 'utf8')).not.toMatch(/import\.meta\b/);
  });

  it('points import.meta.url at runtime/, out of app.asar when packaged', () => {
    const banner = fs.readFileSync(path.join(OUT, 'main.cjs'), 'utf8').split('\n').slice(0, 3).join('\n');
    const urlFor = (dirname: string) => new Function('require', '__dirname', `${banner}\nreturn __octroiImportMetaUrl;`)(createRequire(import.meta.url), dirname) as string;
    expect(urlFor('/opt/Octroi/resources/app.asar/dist-electron')).toBe('file:///opt/Octroi/resources/app.asar.unpacked/dist-electron/runtime/main.cjs');
    expect(urlFor('/src/octroi/dist-electron')).toBe('file:///src/octroi/dist-electron/runtime/main.cjs');
    expect(new URL('./onnx-scoring-worker.mjs', urlFor('/opt/Octroi/resources/app.asar/dist-electron')).pathname).toBe(
      '/opt/Octroi/resources/app.asar.unpacked/dist-electron/runtime/onnx-scoring-worker.mjs',
    );
  });

  it('ships every file the bundled code reads beside "its" module (import.meta.url → runtime/)', () => {
    // main.cjs (which only routes) starts the data worker; the worker's bundle (ESM, a real import.meta.url
    // in runtime/) reads the rest.
    const bundles = [fs.readFileSync(path.join(OUT, 'main.cjs'), 'utf8'), fs.readFileSync(path.join(OUT, 'runtime', 'data-worker-host.js'), 'utf8')].join('\n');
    const byUrl = [...bundles.matchAll(/new URL\("\.\/([^"]+)", (?:__octroiImportMetaUrl|import\.meta\.url)\)/g)].map((m) => m[1]!);
    const byJoin = [...bundles.matchAll(/fileURLToPath\)?\((?:__octroiImportMetaUrl|import\.meta\.url)\)\), ((?:"[^"]+"(?:, )?)+)\)/g)].map((m) => JSON.parse(`[${m[1]}]`).join('/'));
    const referenced = [...new Set([...byUrl, ...byJoin])].sort();
    expect(referenced).toEqual(expect.arrayContaining(['HomeCredit_columns_description.csv', 'data-worker.mjs', 'demo-signing-key.pub.pem', 'onnx-scoring-worker.mjs', 'profile.json']));
    // The private demo key's path is computed by model/keys/trusted-keys.ts but must never be shipped.
    const missing = referenced.filter((file) => !fs.existsSync(path.join(OUT, 'runtime', file)));
    expect(missing).toEqual(['demo-signing-key.DEMO-ONLY.pem']);
  });

  it('finds the shipped model where the installer puts it, not beside the bundle', () => {
    const main = fs.readFileSync(path.join(OUT, 'main.cjs'), 'utf8');
    expect(main).toMatch(/SHIPPED_MODEL_PATH = import_electron\d*\.app\.isPackaged \? [\w.]+\.join\(process\.resourcesPath, "model", "model\.onnx"\)/);
    expect(main).not.toMatch(/fileURLToPath\)\(__octroiImportMetaUrl\)\), "artifacts"/);
  });

  it('ships the demo public key and never the private one', () => {
    expect(fs.readFileSync(path.join(OUT, 'runtime/demo-signing-key.pub.pem'), 'utf8')).toBe(fs.readFileSync(path.join(REPO_ROOT, 'model/keys/demo-signing-key.pub.pem'), 'utf8'));
    const all = fs.readdirSync(OUT, { recursive: true }).map(String);
    expect(all.filter((f) => /DEMO-ONLY|PRIVATE/i.test(f))).toEqual([]);
    for (const file of all.filter((f) => fs.statSync(path.join(OUT, f)).isFile())) {
      expect(fs.readFileSync(path.join(OUT, file), 'utf8').includes('BEGIN PRIVATE KEY'), file).toBe(false);
    }
  });

  it('the scoring worker starts from runtime/ and scores like the engine', async () => {
    const width = engine.model.inputIndex.length;
    const worker = await startWorker('onnx-scoring-worker.mjs', { modelBytes: fs.readFileSync(SHIPPED_MODEL), featureCount: width });
    try {
      const rows = new Float32Array(2 * width);
      engine.toModelInput(computeFeatures(readClientRecords(db, 100002)!), rows.subarray(0, width));
      engine.toModelInput(computeFeatures(readClientRecords(db, 100003)!), rows.subarray(width));
      const expected = await engine.probabilitiesOfRows(rows.slice(), 2);
      const answer = await new Promise<{ probabilities?: Float32Array; error?: string }>((resolve) => {
        worker.once('message', resolve);
        worker.postMessage({ id: 1, rows, count: 2 });
      });
      expect(answer.error).toBeUndefined();
      expect(Array.from(answer.probabilities!)).toEqual(Array.from(expected));
    } finally {
      await worker.terminate();
    }
  });

  it('the batch-features worker starts from runtime/ with the bundled job module and computes the same rows', async () => {
    const inputIndex = engine.model.inputIndex;
    const worker = await startWorker('batch-features-worker.mjs', {
      jobModule: pathToFileURL(path.join(OUT, 'runtime', 'batch-features-job.js')).href,
      setup: { dbPath, key: TEST_DB_KEY, clients: 'all', inputIndex },
    });
    try {
      const ids = db.prepare('SELECT SK_ID_CURR FROM application ORDER BY SK_ID_CURR LIMIT 5').pluck().all() as number[];
      const slice = await new Promise<{ ids?: Float64Array; rows?: Float32Array; error?: string }>((resolve) => {
        worker.once('message', resolve);
        worker.postMessage({ type: 'job', index: 0, from: ids[0], to: ids[4], expected: 5 });
      });
      expect(slice.error).toBeUndefined();
      expect(Array.from(slice.ids!)).toEqual(ids);
      const width = inputIndex.length;
      const expected = new Float32Array(width);
      ids.forEach((id, i) => {
        engine.toModelInput(computeFeatures(readClientRecords(db, id)!), expected);
        expect(Array.from(slice.rows!.subarray(i * width, (i + 1) * width)), `client ${id}`).toEqual(Array.from(expected));
      });
      worker.postMessage({ type: 'close' });
    } finally {
      await worker.terminate();
    }
  });

  it('the data worker starts from runtime/ with the bundled host, opens the database and answers', async () => {
    const worker = await startDataWorker({
      services: { dbPath, key: TEST_DB_KEY, modelPath: SHIPPED_MODEL },
      workerUrl: pathToFileURL(path.join(OUT, 'runtime', 'data-worker.mjs')),
      hostModule: pathToFileURL(path.join(OUT, 'runtime', 'data-worker-host.js')).href,
      env: { ...process.env, OCTROI_SHIPPED_MODEL: SHIPPED_MODEL },
    });
    try {
      expect(worker.opened.modelVersion).toBe(engine.modelVersion);
      // Nobody is signed in: the worker's handlers answer as the contract says (no client data before sign-in).
      expect(await worker.call('clients:search', { query: '1000' })).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
      expect(await worker.call('auth:status', {})).toMatchObject({ ok: true });
    } finally {
      await worker.close();
    }
  });
});
