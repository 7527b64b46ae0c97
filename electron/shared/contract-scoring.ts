/** Contract channels of the scoring domain: score, explanation, reasons, counter-offer, similar clients. */
import { z } from 'zod';
import {
  ClientScoreSchema,
  CounterOfferSchema,
  DecisionSchema,
  ExplanationSchema,
  finite,
  id,
  LabelledFeatureSchema,
  LangSchema,
  probability,
  ReasonSchema,
} from './contract-common.js';

const threshold = () => z.number().gt(0).lt(1);

/** One neighbour of a client (model/explanation/similar-clients.ts SimilarClient). */
export const SimilarClientSchema = z
  .object({
    clientId: id(),
    distance: finite().min(0),
    probability: probability(),
    decision: DecisionSchema,
    outcome: z.enum(['defaulted', 'repaid']).nullable(),
    values: z.array(finite().nullable()).max(100),
  })
  .strict();

/** The scoring verbs. */
export const SCORING_CHANNELS = {
  /** Scores one client of the database (threshold: a what-if view; counterOffer: search offers when refused). */
  'scoring:score': {
    request: z
      .object({
        clientId: id(),
        lang: LangSchema,
        reasons: z.number().int().min(1).max(50).optional(),
        threshold: threshold().optional(),
        counterOffer: z.boolean().optional(),
      })
      .strict(),
    response: ClientScoreSchema,
  },
  /** The exact explanation (TreeSHAP) of one client's score. */
  'scoring:explain': {
    request: z.object({ clientId: id(), lang: LangSchema }).strict(),
    response: z.object({ clientId: id(), probability: probability(), explanation: ExplanationSchema }).strict(),
  },
  /** The reasons in plain words of one client's score (`count` per direction). */
  'scoring:reasons': {
    request: z.object({ clientId: id(), lang: LangSchema, count: z.number().int().min(1).max(50).optional() }).strict(),
    response: z.object({ clientId: id(), reasons: z.array(ReasonSchema).max(500) }).strict(),
  },
  /** The counter-offer of a refused client; null when the client is granted. */
  'scoring:counterOffer': {
    request: z.object({ clientId: id(), threshold: threshold().optional() }).strict(),
    response: z.object({ clientId: id(), counterOffer: CounterOfferSchema.nullable() }).strict(),
  },
  /** The k clients most similar to a client, on the model's most important features. */
  'scoring:similar': {
    request: z.object({ clientId: id(), lang: LangSchema, k: z.number().int().min(1).max(50).optional() }).strict(),
    response: z.object({ features: z.array(LabelledFeatureSchema).max(100), clients: z.array(SimilarClientSchema).max(50) }).strict(),
  },
} as const;
