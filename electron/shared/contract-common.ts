/**
 * Building blocks of the IPC contract: bounded, JSON-safe primitives (no NaN, no Infinity, no typed
 * arrays) and the shapes several domains share (a score, reasons, an explanation, an application record).
 * Mirrors model/ types (ClientScore, CounterOffer, SimilarClients…) without importing model/: the
 * renderer imports this file, and model/ pulls in Node-only code. contract.test.ts holds them together.
 */
import { z } from 'zod';
import { LANGS } from '../../common/lang.js';

/** A finite number (JSON has no NaN or Infinity). */
export const finite = () => z.number().finite();
/** A probability in [0, 1]. */
export const probability = () => z.number().min(0).max(1);
/** A count of things. */
export const count = () => z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
/** A database id (SK_ID_CURR, a decision id): a positive safe integer. */
export const id = () => z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
/** A short text for people or machines (labels, values, names). */
export const text = (max = 200) => z.string().max(max);
/** An ISO-8601 timestamp ("2026-11-24T22:29:10.000Z"). */
export const timestamp = () => z.string().datetime({ offset: true });

/** The languages of the interface and of letters. */
export const LangSchema = z.enum(LANGS);
/** A model input or feature name of the registry (AMT_CREDIT, EXT_SOURCE_MEAN, NAME_INCOME_TYPE_Working). */
export const FeatureNameSchema = z.string().min(1).max(100).regex(/^[A-Za-z0-9_]+$/, 'a feature name (letters, digits, _)');
/** The model's decision. */
export const DecisionSchema = z.enum(['granted', 'refused']);
/** Score bands, A (lowest risk) to E. */
export const ScoreBandSchema = z.enum(['A', 'B', 'C', 'D', 'E']);

/**
 * How a feature's values read (model/features/feature-spec.ts FeatureUnit): `years_from_days` are negative
 * day counts shown as years, `days_ago` negative days before the application, `currency` euros, …
 */
export const FeatureUnitSchema = z.enum([
  'years_from_days',
  'days_ago',
  'days',
  'years',
  'months',
  'currency',
  'ratio',
  'ratio_percent',
  'count',
  'flag',
  'category_flag',
  'ordinal',
  'score_0_1',
  'plain',
]);

/** A feature with its label and unit for people. */
export const LabelledFeatureSchema = z.object({ feature: FeatureNameSchema, label: text(), unit: FeatureUnitSchema }).strict();

/** One field value of an application: a column of the application table (number, text or missing). */
export const FieldValueSchema = z.union([finite(), text(200), z.null()]);
/**
 * An application record as typed in a form or read from the database: column name → value. At most 200
 * fields (the table has 122); names in the columns' alphabet, so no "__proto__" or "constructor" key crosses.
 * The record is validated field by field in main (model/application/application-record.ts).
 */
export const ApplicationRecordSchema = z
  .record(z.string().min(1).max(64).regex(/^[A-Z][A-Z0-9_]*$/, 'a column name (capitals, digits, _)'), FieldValueSchema)
  .refine((record) => Object.keys(record).length <= 200, 'at most 200 fields');

/** Key of a model input (feature-registry.ts ModelInput.key): an application field or a feature name. */
export const InputKeySchema = FeatureNameSchema;

/** One reason in plain words about one model input (model/explanation/reasons.ts Reason). */
export const ReasonSchema = z
  .object({
    input: InputKeySchema,
    label: text(),
    value: text(),
    contribution: finite(),
    direction: z.enum(['against', 'for']),
    text: text(500),
  })
  .strict();

/** One model input's part in a score, summed over its columns (model/scoring/client-scoring.ts FeatureContribution). */
export const FeatureContributionSchema = z
  .object({
    input: InputKeySchema,
    label: text(),
    value: finite().nullable(),
    valueText: text(),
    logOdds: finite(),
    probability: finite(),
  })
  .strict();

/** The exact explanation of a score (model/scoring/client-scoring.ts ExplanationView). */
export const ExplanationSchema = z
  .object({
    baseValue: finite(),
    margin: finite(),
    baseProbability: probability(),
    contributions: z.array(FeatureContributionSchema).max(2000),
  })
  .strict();

/** Loan terms with their probability of default (model/scoring/counter-offer.ts ScoredTerms). */
export const ScoredTermsSchema = z
  .object({
    credit: finite().positive(),
    annuity: finite().nullable(),
    goodsPrice: finite().nullable(),
    term: finite().nullable(),
    probability: probability(),
  })
  .strict();

/** One counter-offer search (model/scoring/counter-offer.ts OfferSearch). */
export const OfferSearchSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('offer'), offer: ScoredTermsSchema, refusedNext: ScoredTermsSchema }).strict(),
  z
    .object({
      status: z.literal('none'),
      reason: z.enum(['not-granted-within-bounds', 'at-smallest-amount', 'at-longest-term', 'no-credit-amount', 'no-instalment']),
    })
    .strict(),
]);

/** The counter-offers of a refused application (model/scoring/counter-offer.ts CounterOffer). */
export const CounterOfferSchema = z
  .object({ threshold: probability(), requested: ScoredTermsSchema, amount: OfferSearchSchema, duration: OfferSearchSchema })
  .strict();

/** A scored client or application (model/scoring/client-scoring.ts ClientScore). */
export const ClientScoreSchema = z
  .object({
    probability: probability(),
    threshold: probability(),
    decision: DecisionSchema,
    band: ScoreBandSchema,
    modelVersion: text(100).min(1),
    clientId: id().nullable(),
    reasons: z.array(ReasonSchema).max(500),
    explanation: ExplanationSchema,
    counterOffer: CounterOfferSchema.nullable().optional(),
  })
  .strict();

/** One problem of a field (model/application/application-record.ts FieldIssue). */
export const FieldIssueSchema = z.object({ field: text(100), message: text(1000) }).strict();

/** An empty request (verbs without parameters still take a strict `{}`: nothing unexpected crosses). */
export const EmptyRequestSchema = z.object({}).strict();
