/** Handlers of the credit policy: the threshold in force with its cost curve; setting it (managers only, recorded). */
import type { Db } from '../../../db/open-database.js';
import { costCurve, CURVE_GRID, policyInForce, setPolicyThreshold, type CostPoint } from '../../../model/governance/policy.js';
import type { ScoringEngine } from '../../../model/scoring/scoring-engine.js';
import type { ResponseOf } from '../../shared/contract.js';
import type { IpcRouter } from '../ipc-handle.js';
import { requireUser, type HandlerServices } from './handler-services.js';
import { servingPopulation } from './population-cache.js';

const curves = new WeakMap<ScoringEngine, WeakMap<Db, Promise<CostPoint[]>>>();

/**
 * The cost curve of the database's population, computed once per model (from the cached population): the
 * model in use's, or while its scores are computed after an install, the model serving the figures'.
 */
export async function policyCurve(db: Db, inUse: ScoringEngine): Promise<CostPoint[]> {
  const { population, engine } = await servingPopulation(db, inUse);
  let byDb = curves.get(engine);
  if (!byDb) curves.set(engine, (byDb = new WeakMap()));
  let curve = byDb.get(db);
  if (!curve) {
    const grid = [...new Set([...CURVE_GRID, engine.threshold])];
    curve = Promise.resolve(costCurve(population.probabilities, population.targets, engine.model.metadata.cost, grid));
    byDb.set(db, curve);
  }
  return curve;
}

/** The policy of the contract: the threshold in force, the model's own, the costs and the curve. */
export async function policyView(db: Db, engine: ScoringEngine): Promise<ResponseOf<'policy:get'>> {
  const policy = policyInForce(db, engine);
  const { fn, fp } = engine.model.metadata.cost;
  return { ...policy, cost: { fn, fp }, curve: await policyCurve(db, engine) };
}

/** Registers policy:get and policy:setThreshold (the engine is read at each call: a model install swaps it). */
export function registerPolicyHandlers(router: IpcRouter, services: HandlerServices): void {
  router.handle('policy:get', () => policyView(services.db, services.engine));
  router.handle('policy:setThreshold', ({ threshold, reason }) => {
    const user = requireUser(services, 'manager');
    return setPolicyThreshold(services.db, services.engine, user, threshold, reason);
  });
}
