/** Handlers of the scoring domain: score, explanation, reasons, counter-offer and similar clients of a database client. */
import { recordScoreViewSoon } from '../../../db/score-events.js';
import { scoreRecords } from '../../../model/scoring/client-scoring.js';
import { counterOffer } from '../../../model/scoring/counter-offer.js';
import { computeFeatures } from '../../../model/features/compute-features.js';
import { thresholdInForce } from '../../../model/governance/policy.js';
import { similarClientsIn, storedSimilarityIndex } from '../../../model/explanation/similar-clients.js';
import type { IpcRouter } from '../ipc-handle.js';
import { clientRecordsOrNotFound, type HandlerServices } from './handler-services.js';
import { population } from './population-cache.js';

/**
 * Registers scoring:score, scoring:explain, scoring:reasons, scoring:counterOffer and scoring:similar. The
 * engine is read at each call (a model install swaps it); without a threshold in the request, the policy's
 * threshold in force decides (model/governance/policy.ts), so the screens show the decision a manager set.
 */
export function registerScoringHandlers(router: IpcRouter, services: HandlerServices): void {
  const { db } = services;
  router.handle('scoring:score', async ({ clientId, threshold, ...options }) => {
    const score = await scoreRecords(services.engine, clientRecordsOrNotFound(db, clientId), { ...options, threshold: threshold ?? thresholdInForce(db, services.engine) });
    // A signed-in officer looked at this client's score under the policy: monitoring counts it (a what-if
    // threshold is not a look at the policy's decision, so it is not recorded).
    const user = services.session.user;
    if (user && threshold === undefined) {
      // Never at the score's expense: a view that meets a lock (an import) is recorded a moment later.
      recordScoreViewSoon(db, {
        clientId,
        modelVersion: score.modelVersion,
        probability: score.probability,
        threshold: score.threshold,
        modelDecision: score.decision,
        userId: user.userId,
        scoredAt: new Date().toISOString(),
      });
    }
    return score;
  });
  router.handle('scoring:explain', async ({ clientId, lang }) => {
    const { probability, explanation } = await scoreRecords(services.engine, clientRecordsOrNotFound(db, clientId), { lang });
    return { clientId, probability, explanation };
  });
  router.handle('scoring:reasons', async ({ clientId, lang, count }) => {
    const { reasons } = await scoreRecords(services.engine, clientRecordsOrNotFound(db, clientId), { lang, reasons: count });
    return { clientId, reasons };
  });
  router.handle('scoring:counterOffer', async ({ clientId, threshold }) => ({
    clientId,
    counterOffer: await counterOffer(services.engine, clientRecordsOrNotFound(db, clientId), { threshold: threshold ?? thresholdInForce(db, services.engine) }),
  }));
  router.handle('scoring:similar', async ({ clientId, lang, k }) => {
    const vector = computeFeatures(clientRecordsOrNotFound(db, clientId));
    const engine = services.engine;
    // From the stored population (it follows saves and model installs); the client's own row is
    // excluded, or it would be its own nearest neighbour.
    return similarClientsIn(storedSimilarityIndex(await population(db, engine), engine), engine, vector, { lang, k, exclude: clientId });
  });
}
