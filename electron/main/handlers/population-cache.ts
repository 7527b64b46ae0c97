/**
 * The population behind Compare, Threshold, monitoring, fairness and similar clients: read from the
 * stored population (model/population/population-store.ts), materialised when missing or out of date —
 * the first start on a database, after an import (the clients changed), after a model install (its scores
 * are missing). One materialisation at a time per connection; callers wait for it asynchronously (the
 * worker threads compute, nothing blocks). What is read is kept while the clients stay the same; a saved
 * client is added to it in place.
 *
 * After a model install the new model's scores are computed in the background while the model before it
 * keeps serving the population's figures (servingPopulation says which model they come from): a model's
 * stored scores are never read as another's. Progress is reported on `population:progress`.
 */
import { clientsFingerprint } from '../../../db/queries/population.js';
import type { Db } from '../../../db/open-database.js';
import {
  appendStoredClient,
  loadStoredPopulation,
  materialisePopulation,
  materialiseScores,
  storedState,
  withStoredClient,
  type MaterialiseProgress,
  type StoredPopulation,
} from '../../../model/population/population-store.js';
import type { ScoringEngine } from '../../../model/scoring/scoring-engine.js';
import type { EventOf } from '../../shared/contract.js';
import type { HandlerServices } from './handler-services.js';

/** The population of a database under one model. */
export type Population = StoredPopulation;

/** The population serving the figures, and the model whose scores it holds. */
export interface Serving {
  population: Population;
  engine: ScoringEngine;
}

/** What a materialisation tells the window (the contract's population:progress). */
export type PopulationProgress = EventOf<'population:progress'>;

interface Job {
  promise: Promise<void>;
  /** 'stale': every client's features (everyone waits); 'scores': one model's scores (only it waits). */
  kind: 'stale' | 'scores';
  engine: ScoringEngine;
}

const loaded = new WeakMap<ScoringEngine, WeakMap<Db, { source: string; population: Population }>>();
const jobs = new WeakMap<Db, Job>();
/** After an install: the model serving the figures until the new one's scores are stored. */
const handovers = new WeakMap<Db, { from: ScoringEngine; to: ScoringEngine }>();
/** The last progress of each connection's materialisation (population:status), null when none runs. */
const lastProgress = new WeakMap<Db, PopulationProgress | null>();
/** Attempts before giving up when the clients keep changing under a materialisation. */
const ATTEMPTS = 3;

/** Where progress goes: the window's event (through main) and population:status. */
type ProgressSink = (progress: PopulationProgress) => void;

/** Starts (or joins) the materialisation a connection needs for an engine. */
function materialise(db: Db, engine: ScoringEngine, state: 'scores' | 'stale', report?: ProgressSink): Promise<void> {
  const running = jobs.get(db);
  if (running) return running.promise;
  const serving = handovers.get(db)?.to === engine ? handovers.get(db)!.from : engine;
  const tell = (p: MaterialiseProgress, done = false) => {
    const progress: PopulationProgress = { stage: p.stage, clients: p.clients, total: p.total, modelVersion: engine.modelVersion, servingModelVersion: serving.modelVersion, done };
    lastProgress.set(db, done ? null : progress);
    report?.(progress);
  };
  const onProgress = (p: MaterialiseProgress) => tell(p);
  const promise = state === 'stale' ? materialisePopulation(db, engine, { onProgress }) : materialiseScores(db, engine, onProgress);
  const job: Job = { promise, kind: state, engine };
  jobs.set(db, job);
  const done = () => {
    if (jobs.get(db) === job) jobs.delete(db);
    const last = lastProgress.get(db);
    tell({ stage: last?.stage ?? (state === 'stale' ? 'features' : 'scores'), clients: last?.total ?? 0, total: last?.total ?? 0 }, true);
  };
  promise.then(done, done);
  return promise;
}

/** The population of `db` scored by `engine`, from the stored values (materialised first when needed). */
export async function population(db: Db, engine: ScoringEngine, report?: ProgressSink): Promise<Population> {
  let byDb = loaded.get(engine);
  if (!byDb) loaded.set(engine, (byDb = new WeakMap()));
  for (let attempt = 0; ; attempt++) {
    // A features job concerns every model; another model's scores job does not make this one wait.
    const running = jobs.get(db);
    if (running && (running.kind === 'stale' || running.engine === engine)) await running.promise.catch(() => undefined);
    // What is stored is checked on every call (two key lookups and a count): a population kept in memory
    // is served only while the stored one it was read from is still complete for these clients.
    const source = clientsFingerprint(db);
    const state = storedState(db, engine);
    const kept = byDb.get(db);
    if (state === 'current' && kept && kept.source === source) return kept.population;
    if (state === 'current') {
      const read = loadStoredPopulation(db, engine);
      byDb.set(db, { source, population: read });
      return read;
    }
    if (attempt >= ATTEMPTS) throw new Error('The clients kept changing while the population was computed; try again when the import is over.');
    // What was read no longer matches the clients: let it go before the materialisation needs the memory.
    byDb.delete(db);
    await materialise(db, engine, state, report);
  }
}

/**
 * The population serving the figures for the model in use: its own once its scores are stored; while
 * they are computed after an install, the model before it (whose stored scores are complete) keeps serving,
 * and the caller says which model the figures come from (Serving.engine).
 */
export async function servingPopulation(db: Db, engine: ScoringEngine): Promise<Serving> {
  const serving = servingEngine(db, engine);
  return { population: await population(db, serving), engine: serving };
}

/** The model whose stored scores serve the figures while `engine` is in use (itself, or the one before an install). */
export function servingEngine(db: Db, engine: ScoringEngine): ScoringEngine {
  const handover = handovers.get(db);
  const stillComputing = handover && handover.to === engine && storedState(db, engine) !== 'current' && storedState(db, handover.from) === 'current';
  return stillComputing ? handover.from : engine;
}

/** Sends a materialisation's progress to the window, when it has one. */
export function progressToWindow(services: Pick<HandlerServices, 'desktop'>): ProgressSink {
  return (progress) => services.desktop?.emit('population:progress', progress);
}

/** Starts materialising in the background (at start, after an import), so the first statistics find it done. */
export function preparePopulation(db: Db, engine: ScoringEngine, onError: (error: unknown) => void, report?: ProgressSink): void {
  // After the caller's turn (the worker says it is ready first): reading what is stored takes a moment.
  setImmediate(() => population(db, engine, report).catch(onError));
}

/** Closes an engine no longer in use, once no job may still be scoring with it. */
async function closeWhenIdle(db: Db, engine: ScoringEngine): Promise<void> {
  await jobs.get(db)?.promise.catch(() => undefined);
  await engine.close().catch(() => undefined);
}

/**
 * After an install (or a rollback): `to` scores clients at once; its scores of the stored population are
 * computed in the background while the model serving before keeps serving the figures, then that one is
 * closed. When `to`'s scores are stored already (a rollback to a model whose scores were kept), at once.
 */
export function handOverPopulation(db: Db, from: ScoringEngine, to: ScoringEngine, options: { onError: (error: unknown) => void; report?: ProgressSink }): Promise<void> {
  // While an earlier handover runs, its serving model still serves (its scores are the complete ones).
  const previous = handovers.get(db);
  const serving = previous ? previous.from : from;
  handovers.set(db, { from: serving, to });
  // `from` was an earlier handover's model whose scores never completed: nothing serves from it.
  if (from !== serving && from !== to) void closeWhenIdle(db, from);
  // The serving model's scores are stored: it serves figures from them and scores nothing, so its ONNX
  // worker is stopped now rather than when the handover ends (two workers at once cost ~20 MB).
  if (serving !== to) serving.releaseScoring();
  return population(db, to, options.report)
    .then(() => undefined, options.onError)
    .finally(async () => {
      // Superseded by a later install: that handover closes the serving model.
      if (handovers.get(db)?.to !== to) return;
      handovers.delete(db);
      loaded.get(serving)?.delete(db);
      if (serving !== to) await closeWhenIdle(db, serving);
    });
}

/** The progress of the materialisation running on this connection, or null. */
export function populationStatus(db: Db): PopulationProgress | null {
  return lastProgress.get(db) ?? null;
}

/**
 * Adds a saved client to the stored population (appendStoredClient) and to the one read in memory, so the
 * next statistics include it without reading the store again. `sourceBefore`: the clients' fingerprint
 * before the client was inserted.
 */
export function appendClient(db: Db, engine: ScoringEngine, client: { id: number; vector: ArrayLike<number>; probability: number }, sourceBefore: string): void {
  if (!appendStoredClient(db, engine, client, sourceBefore)) return;
  const byDb = loaded.get(engine);
  const kept = byDb?.get(db);
  if (byDb && kept && kept.source === sourceBefore) byDb.set(db, { source: clientsFingerprint(db), population: withStoredClient(kept.population, client) });
}

/** Drops what was read for a connection (the stored values follow the clients by themselves). */
export function forgetPopulation(db: Db, engine: ScoringEngine): void {
  loaded.get(engine)?.delete(db);
}
