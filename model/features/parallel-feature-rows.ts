import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { keyOf, type Db } from '../../db/open-database.js';
import { clientIds } from '../../db/queries/clients.js';
import type { FeatureJobSetup, FeatureSlice } from './batch-features-job.js';
import type { ClientSelection } from './iterate-client-records.js';

/** The job module beside this file, in the same language as this file (TypeScript under tsx, else JavaScript). */
const JOB_MODULE = new URL(`./batch-features-job${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url).href;

export interface ParallelOptions {
  clients?: ClientSelection;
  /** Clients per slice (default 1000). */
  sliceSize?: number;
  /** Worker threads (default: the number of cores, at least 1). */
  workers?: number;
}

/**
 * Model input rows of every selected client, computed by worker threads in slices of consecutive
 * clients and yielded in SK_ID_CURR order. Reading SQLite and computing features is most of a batch's
 * time; each worker has its own read-only connection, so on two cores the batch runs about twice as fast.
 * Each worker works at most two slices ahead of the consumer, so memory stays bounded at any size.
 */
export async function* parallelFeatureRows(
  db: Db,
  dbPath: string,
  inputIndex: Int32Array,
  options: ParallelOptions = {},
): AsyncGenerator<FeatureSlice, void, undefined> {
  const clients = options.clients ?? 'all';
  const sliceSize = options.sliceSize ?? 1000;
  const allIds = clientIds(db, clients);
  const slices: Array<{ from: number; to: number; expected: number }> = [];
  for (let i = 0; i < allIds.length; i += sliceSize) {
    const part = allIds.slice(i, i + sliceSize);
    slices.push({ from: part[0]!, to: part[part.length - 1]!, expected: part.length });
  }
  if (!slices.length) return;
  const count = Math.max(1, Math.min(options.workers ?? os.availableParallelism(), slices.length));
  // Each worker opens its own connection, with the key of this one.
  const setup: FeatureJobSetup = { dbPath, key: keyOf(db), clients, inputIndex };
  const workers = await Promise.all(Array.from({ length: count }, () => startWorker(setup)));
  const results = new Map<number, { resolve: (s: FeatureSlice) => void; reject: (e: Error) => void; promise: Promise<FeatureSlice> }>();
  const expect = (index: number) => {
    let resolve!: (s: FeatureSlice) => void;
    let reject!: (e: Error) => void;
    const promise = new Promise<FeatureSlice>((res, rej) => ((resolve = res), (reject = rej)));
    promise.catch(() => undefined); // surfaced where it is awaited
    results.set(index, { resolve, reject, promise });
  };
  workers.forEach((worker) => {
    worker.on('message', (m: { index: number; ids?: Float64Array; rows?: Float32Array; error?: string }) => {
      const slot = results.get(m.index);
      if (!slot) return;
      if (m.error !== undefined) slot.reject(new Error(m.error));
      else slot.resolve({ ids: m.ids!, rows: m.rows! });
    });
    worker.on('error', (error) => results.forEach((slot) => slot.reject(error)));
  });
  // Slice i goes to worker i mod count: each worker's queue holds its next slices, in order.
  const send = (index: number) => {
    if (index >= slices.length) return;
    expect(index);
    workers[index % count]!.postMessage({ type: 'job', index, ...slices[index]! });
  };
  const AHEAD = 2 * count;
  for (let i = 0; i < Math.min(AHEAD, slices.length); i++) send(i);
  try {
    for (let index = 0; index < slices.length; index++) {
      const slice = await results.get(index)!.promise;
      results.delete(index);
      send(index + AHEAD);
      yield slice;
    }
  } finally {
    for (const worker of workers) worker.postMessage({ type: 'close' });
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

async function startWorker(setup: FeatureJobSetup): Promise<Worker> {
  const worker = new Worker(new URL('./batch-features-worker.mjs', import.meta.url), { workerData: { jobModule: JOB_MODULE, setup } });
  await new Promise<void>((resolve, reject) => {
    worker.once('message', (m: { ready?: boolean }) => (m.ready ? resolve() : reject(new Error('unexpected first message'))));
    worker.once('error', reject);
  });
  return worker;
}
