/**
 * Handlers of monitoring:drift, monitoring:activity and fairness:report — managers only. Reports are
 * cached per (engine, connection, request) and recomputed when the data they read changed: a fingerprint
 * of the app tables (last score event, decision, application entered, policy change, client) is compared
 * on every call, so a new score or decision shows at once without anyone having to forget the cache.
 */
import type { Db } from '../../../db/open-database.js';
import { activityByMonth, defaultsByBand, OVERRIDE_WARN_RATE } from '../../../model/governance/monitoring/activity-report.js';
import { binCodesFromStore } from '../../../model/governance/monitoring/drift-codes.js';
import { driftReport } from '../../../model/governance/monitoring/drift-report.js';
import { fairnessReport } from '../../../model/governance/monitoring/fairness.js';
import { thresholdInForce } from '../../../model/governance/policy.js';
import { storedGroups } from '../../../model/population/population-store.js';
import type { ScoringEngine } from '../../../model/scoring/scoring-engine.js';
import type { ResponseOf } from '../../shared/contract.js';
import type { IpcRouter } from '../ipc-handle.js';
import { requireUser, type HandlerServices } from './handler-services.js';
import { servingEngine, servingPopulation } from './population-cache.js';
import { reportInputsFingerprint } from '../../../db/queries/monitoring.js';

/** Reports kept per connection (a window rarely asks for more than a few variants). */
const MAX_CACHED = 16;

interface Cached {
  fingerprint: string;
  report: Promise<unknown>;
}

const caches = new WeakMap<ScoringEngine, WeakMap<Db, Map<string, Cached>>>();

/**
 * What the reports read, summarised: any new or changed row in these tables changes it. Indexed maxima
 * only. Without score events for the fairness report, which does not read them (a client's file opened
 * does not recompute it).
 */
export function dataFingerprint(db: Db, withEvents = true): string {
  return JSON.stringify(reportInputsFingerprint(db, withEvents));
}

/** The cached report for `key`, or a new one when the data changed since (a failed build is not kept). */
function cached<T>(db: Db, engine: ScoringEngine, key: string, build: () => Promise<T>, withEvents = true): Promise<T> {
  let byDb = caches.get(engine);
  if (!byDb) caches.set(engine, (byDb = new WeakMap()));
  let reports = byDb.get(db);
  if (!reports) byDb.set(db, (reports = new Map()));
  // The model serving the figures is part of what they are computed from (it changes when an install's scores are stored).
  const fingerprint = `${servingEngine(db, engine).model.signature.sha256} ${dataFingerprint(db, withEvents)}`;
  const hit = reports.get(key);
  if (hit && hit.fingerprint === fingerprint) return hit.report as Promise<T>;
  const report = build();
  reports.delete(key);
  reports.set(key, { fingerprint, report });
  if (reports.size > MAX_CACHED) reports.delete(reports.keys().next().value!);
  report.catch(() => {
    if (reports.get(key)?.report === report) reports.delete(key);
  });
  return report;
}

/** Drops every cached report of a connection (after an import replaced clients, or a model switch). */
export function forgetMonitoring(db: Db, engine: ScoringEngine): void {
  caches.get(engine)?.delete(db);
}

/** Registers monitoring:drift, monitoring:activity and fairness:report (managers only). */
export function registerMonitoringHandlers(router: IpcRouter, services: HandlerServices): void {
  const { db } = services;
  // The engine is read at each call: a model install swaps it (and a new engine starts a new cache).
  router.handle('monitoring:drift', (request) => {
    requireUser(services, 'manager');
    const engine = services.engine;
    return cached(db, engine, `drift ${JSON.stringify(request)}`, async () => {
      // From the stored values: the window's clients read once each, a new one at its first event.
      const serving = await servingPopulation(db, engine);
      return driftReport(db, serving.engine, request, binCodesFromStore(serving.population));
    });
  });
  router.handle('monitoring:activity', (request) => {
    requireUser(services, 'manager');
    const engine = services.engine;
    return cached(db, engine, `activity ${JSON.stringify(request)}`, async (): Promise<ResponseOf<'monitoring:activity'>> => {
      const activity = activityByMonth(db, request);
      return {
        computedAt: new Date().toISOString(),
        overrideWarnRate: OVERRIDE_WARN_RATE,
        ...activity,
        defaultsByBand: await servingPopulation(db, engine).then((serving) => defaultsByBand(serving.population, thresholdInForce(db, serving.engine))),
      };
    });
  });
  router.handle('fairness:report', ({ lang }) => {
    requireUser(services, 'manager');
    const engine = services.engine;
    return cached(
      db,
      engine,
      `fairness ${lang}`,
      async () => {
        const serving = await servingPopulation(db, engine);
        return fairnessReport(db, {
          population: serving.population,
          threshold: thresholdInForce(db, serving.engine),
          modelVersion: serving.engine.modelVersion,
          modelFeatures: serving.engine.model.metadata.features.map((f) => f.name),
          groupsOf: storedGroups(serving.population),
          lang,
        });
      },
      false,
    );
  });
}
