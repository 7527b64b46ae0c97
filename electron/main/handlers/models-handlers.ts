/** Handler of models:card: the card of the model in use, from the metadata of the verified model file. */
import type { ResponseOf } from '../../shared/contract.js';
import type { ScoringEngine } from '../../../model/scoring/scoring-engine.js';
import type { IpcRouter } from '../ipc-handle.js';
import type { HandlerServices } from './handler-services.js';

/** The model card of an engine's model, in the contract's plain JSON. */
export function modelCard(engine: ScoringEngine): ResponseOf<'models:card'> {
  const m = engine.model.metadata;
  return {
    modelVersion: m.model_version,
    createdAt: m.created_at,
    featureSetVersion: m.feature_set_version,
    threshold: m.threshold,
    cost: { fn: m.cost.fn, fp: m.cost.fp },
    metrics: { ...m.metrics },
    training: {
      source: m.training.source,
      rows: m.training.rows,
      defaultRate: m.training.default_rate,
      xgboostVersion: m.training.xgboost_version,
      rounds: m.training.rounds,
      seed: m.training.seed,
    },
    inputs: m.features.length,
    excludedInputs: m.excluded_inputs.map(({ column, reason }) => ({ column, reason })),
    sensitiveInputs: m.sensitive_inputs.map(({ column, note }) => ({ column, note })),
    // loadModel refuses any file whose Ed25519 signature by a trusted key does not verify: a loaded model is signed.
    signed: true,
  };
}

/** Registers models:card (of the engine in service at each call: a model install swaps it). */
export function registerModelHandlers(router: IpcRouter, services: HandlerServices): void {
  router.handle('models:card', () => modelCard(services.engine));
}
