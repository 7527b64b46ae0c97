/** Handlers of the scoring domain: score, explanation, reasons, counter-offer and similar clients of a database client. */
import { scoreRecords } from '../../../model/client-scoring.js';
import { counterOffer } from '../../../model/counter-offer.js';
import { computeFeatures } from '../../../model/features/compute-features.js';
import { similarClients } from '../../../model/similar-clients.js';
import type { IpcRouter } from '../ipc-handle.js';
import { clientRecordsOrNotFound, type HandlerServices } from './handler-services.js';

/** Registers scoring:score, scoring:explain, scoring:reasons, scoring:counterOffer and scoring:similar. */
export function registerScoringHandlers(router: IpcRouter, { db, engine }: HandlerServices): void {
  router.handle('scoring:score', ({ clientId, ...options }) => scoreRecords(engine, clientRecordsOrNotFound(db, clientId), options));
  router.handle('scoring:explain', async ({ clientId, lang }) => {
    const { probability, explanation } = await scoreRecords(engine, clientRecordsOrNotFound(db, clientId), { lang });
    return { clientId, probability, explanation };
  });
  router.handle('scoring:reasons', async ({ clientId, lang, count }) => {
    const { reasons } = await scoreRecords(engine, clientRecordsOrNotFound(db, clientId), { lang, reasons: count });
    return { clientId, reasons };
  });
  router.handle('scoring:counterOffer', async ({ clientId, threshold }) => ({
    clientId,
    counterOffer: await counterOffer(engine, clientRecordsOrNotFound(db, clientId), { threshold }),
  }));
  router.handle('scoring:similar', ({ clientId, lang, k }) =>
    // The client's own row is in the population: excluded, or it would be its own nearest neighbour.
    similarClients(db, engine, computeFeatures(clientRecordsOrNotFound(db, clientId)), { lang, k, exclude: clientId }),
  );
}
