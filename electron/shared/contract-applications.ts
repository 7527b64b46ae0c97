/** Contract channels of new applications (validate, score, save), decisions (record, list) and letters. */
import { z } from 'zod';
import {
  ApplicationRecordSchema,
  ClientScoreSchema,
  count,
  DecisionSchema,
  FieldIssueSchema,
  finite,
  id,
  LangSchema,
  probability,
  text,
  timestamp,
} from './contract-common.js';
import { ContestEntrySchema, ReviewEntrySchema } from './contract-governance.js';

/** Why an officer decided as they did: a fixed list, for audit and statistics; details go in the comment. */
export const DECISION_REASON_CODES = [
  'model-decision',
  'income-verified',
  'income-not-verified',
  'collateral',
  'guarantor',
  'existing-relationship',
  'debt-too-high',
  'incomplete-file',
  'suspected-fraud',
  'other',
] as const;

/** What an officer records: the model's decision followed, or overridden in one direction. */
export const DecisionRecordRequestSchema = z
  .object({
    clientId: id(),
    decision: z.enum(['granted', 'refused', 'override']),
    overrideDirection: z.enum(['grant', 'refuse']).optional(),
    reasonCode: z.enum(DECISION_REASON_CODES),
    comment: z.string().trim().max(2000),
  })
  .strict()
  .superRefine((request, context) => {
    // An override must say which way it goes, and only an override may.
    if (request.decision === 'override' && !request.overrideDirection)
      context.addIssue({ code: z.ZodIssueCode.custom, path: ['overrideDirection'], message: 'is required for an override' });
    if (request.decision !== 'override' && request.overrideDirection)
      context.addIssue({ code: z.ZodIssueCode.custom, path: ['overrideDirection'], message: 'is only for an override' });
    if (request.decision === 'override' && request.comment.length < 10)
      context.addIssue({ code: z.ZodIssueCode.custom, path: ['comment'], message: 'an override needs a comment (at least 10 characters)' });
  });

/** A recorded decision, with the score it was taken against. */
export const DecisionEntrySchema = z
  .object({
    /** Entries of the log are decisions, contests and reviews (contract-governance.ts); this one is a decision. */
    kind: z.literal('decision'),
    decisionId: id(),
    clientId: id(),
    decision: z.enum(['granted', 'refused', 'override']),
    overrideDirection: z.enum(['grant', 'refuse']).nullable(),
    reasonCode: z.enum(DECISION_REASON_CODES),
    comment: z.string().max(2000),
    modelDecision: DecisionSchema,
    probability: probability(),
    threshold: probability(),
    modelVersion: text(100),
    recordedBy: text(100),
    recordedAt: timestamp(),
  })
  .strict();

/** The sections of the new-application form, in order (model/application/application-fields.ts APPLICATION_SECTIONS). */
export const APPLICATION_SECTIONS = ['loan', 'applicant', 'work', 'contact', 'housing', 'external', 'documents'] as const;

/** One field of the new-application form (model/application/application-fields.ts ApplicationField); bounds in the column's unit. */
export const ApplicationFieldSchema = z
  .object({
    name: z.string().min(1).max(64).regex(/^[A-Z][A-Z0-9_]*$/),
    label: text(),
    section: z.enum(APPLICATION_SECTIONS),
    widget: z.enum(['money', 'number', 'integer', 'select', 'yes-no', 'years-ago', 'years-ago-or-none']),
    unit: z.enum(['money', 'years', 'count', 'score', 'share', 'rating']).nullable(),
    required: z.boolean(),
    usedByModel: z.boolean(),
    min: finite().nullable(),
    max: finite().nullable(),
    minExclusive: z.boolean(),
    decimals: z.number().int().min(0).max(10),
    options: z
      .array(z.object({ value: z.union([text(200), finite()]), label: text(), group: text().optional() }).strict())
      .max(200)
      .nullable(),
    defaultValue: z.union([text(200), finite()]).nullable(),
    noneValue: finite().nullable(),
  })
  .strict();

/** The applications, decisions and letters verbs. */
export const APPLICATION_CHANNELS = {
  /** The new-application form: every field an officer enters, with labels in `lang`, widget, unit, values and bounds. */
  'applications:fields': {
    request: z.object({ lang: LangSchema }).strict(),
    response: z.object({ fields: z.array(ApplicationFieldSchema).max(200) }).strict(),
  },
  /** Checks an application record field by field; `issues` is empty when it can be scored. */
  'applications:validate': {
    request: z.object({ record: ApplicationRecordSchema }).strict(),
    response: z.object({ valid: z.boolean(), issues: z.array(FieldIssueSchema).max(200) }).strict(),
  },
  /** Scores an unsaved application ('validation' with the issues when it cannot be scored). */
  'applications:score': {
    request: z.object({ record: ApplicationRecordSchema, lang: LangSchema, counterOffer: z.boolean().optional() }).strict(),
    response: ClientScoreSchema,
  },
  /** Saves a valid application as a new client; returns its SK_ID_CURR. */
  'applications:save': {
    request: z.object({ record: ApplicationRecordSchema }).strict(),
    response: z.object({ clientId: id() }).strict(),
  },
  /** Records an officer's decision on a client, against the current score. */
  'decisions:record': {
    request: DecisionRecordRequestSchema,
    response: DecisionEntrySchema,
  },
  /**
   * The decision log, newest first, optionally for one client: decisions, and the contests and reviews of
   * them (`kind`; a contest or review names its decision in `refersTo`). `decisionId` is the entry's number.
   */
  'decisions:list': {
    request: z.object({ clientId: id().optional(), offset: count(), limit: z.number().int().min(1).max(500) }).strict(),
    response: z
      .object({ total: count(), decisions: z.array(z.discriminatedUnion('kind', [DecisionEntrySchema, ContestEntrySchema, ReviewEntrySchema])).max(500) })
      .strict(),
  },
  /** Writes the decision letter as a PDF where the user chooses (main opens the save dialog; 'cancelled' if closed). */
  'letters:exportPdf': {
    request: z.object({ decisionId: id(), lang: LangSchema }).strict(),
    response: z.object({ path: z.string().min(1).max(4096), bytes: count() }).strict(),
  },
} as const;
