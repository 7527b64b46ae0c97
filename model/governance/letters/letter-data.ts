/**
 * Gathers what a decision letter states: the recorded decision (the decision-log entry with the
 * officer's name, db/queries/decisions.ts), the client's loan, the main reasons and — for a refusal — the
 * counter-offer, computed by the same scoring code as the app's screens; the lender's details from the
 * 'letters.company' setting. Shared by the desktop handler and the CLI.
 */
import { readSetting } from '../../../db/app-settings.js';
import type { Db } from '../../../db/open-database.js';
import { decisionWithOfficer, latestDecisionSeq } from '../../../db/queries/decisions.js';
import { scoreRecords } from '../../scoring/client-scoring.js';
import { counterOffer } from '../../scoring/counter-offer.js';
import { readClientRecords } from '../../features/read-client-records.js';
import type { Lang } from '../../../common/lang.js';
import type { ScoringEngine } from '../../scoring/scoring-engine.js';
import { finalOutcome, LETTER_REASONS, type DecisionLetterInput, type LetterCompany, type LetterDecision } from './decision-letter.js';

/** The app_setting key of the lender's details on letters ({name, address: [], phone, email}). */
export const LETTER_COMPANY_KEY = 'letters.company';

/** The lender's details when the branch has not set them. */
export const DEFAULT_LETTER_COMPANY: LetterCompany = { name: 'Prêt à dépenser', address: [], phone: null, email: null };

/** Why a letter cannot be written: no such decision, or the entry is not a decision. */
export class LetterError extends Error {
  constructor(
    readonly code: 'not-found' | 'validation',
    message: string,
  ) {
    super(message);
    this.name = 'LetterError';
  }
}

/** The lender's details: the setting when it is well formed, the default otherwise. */
export function letterCompany(db: Db): LetterCompany {
  const value = readSetting<unknown>(db, LETTER_COMPANY_KEY, null);
  if (typeof value !== 'object' || value === null) return DEFAULT_LETTER_COMPANY;
  const v = value as Record<string, unknown>;
  const text = (x: unknown, max: number) => (typeof x === 'string' && x.trim() && x.length <= max ? x.trim() : null);
  return {
    name: text(v.name, 200) ?? DEFAULT_LETTER_COMPANY.name,
    address: Array.isArray(v.address) ? v.address.flatMap((line) => text(line, 200) ?? []).slice(0, 6) : [],
    phone: text(v.phone, 50),
    email: text(v.email, 200),
  };
}

/**
 * The recorded decision `decisionId` (a 'decision' entry, or a 'review' that decided again), or
 * LetterError: 'not-found' when there is no such entry, 'validation' when it records no decision (a contest).
 */
export function recordedDecision(db: Db, decisionId: number): LetterDecision & { threshold: number | null } {
  const row = decisionWithOfficer(db, decisionId);
  if (!row) throw new LetterError('not-found', `No decision no. ${decisionId} in the decision log.`);
  if (row.decision === null || (row.kind !== 'decision' && row.kind !== 'review')) {
    throw new LetterError('validation', `Entry no. ${decisionId} of the decision log is a ${row.kind}, not a decision: a letter states a decision.`);
  }
  return {
    decisionId: row.seq,
    clientId: row.client_id,
    decision: row.decision,
    overrideDirection: row.override_direction,
    reasonCode: row.reason_code,
    modelDecision: row.model_decision,
    modelVersion: row.model_version,
    recordedAt: row.recorded_at,
    officerName: row.display_name ?? row.username,
    branch: row.branch,
    threshold: row.threshold,
  };
}

/** The latest recorded decision of a client (its seq), or null when none was recorded. */
export function latestDecisionId(db: Db, clientId: number): number | null {
  return latestDecisionSeq(db, clientId);
}

/**
 * The facts of a letter: for a recorded decision (`decisionId`), or with `draft` the scoring tool's
 * own assessment at `threshold` (no decision recorded; the letter is marked DRAFT).
 */
export async function decisionLetterInput(
  db: Db,
  engine: ScoringEngine,
  options: { lang: Lang; date?: Date } & ({ decisionId: number } | { draft: { clientId: number; threshold: number } }),
): Promise<DecisionLetterInput> {
  let decision: LetterDecision;
  let threshold: number;
  if ('decisionId' in options) {
    const recorded = recordedDecision(db, options.decisionId);
    decision = recorded;
    threshold = recorded.threshold ?? engine.threshold;
  } else {
    threshold = options.draft.threshold;
    decision = {
      decisionId: 0,
      clientId: options.draft.clientId,
      decision: 'granted',
      overrideDirection: null,
      reasonCode: null,
      modelDecision: null,
      modelVersion: engine.modelVersion,
      recordedAt: new Date().toISOString(),
      officerName: '',
      branch: '',
    };
  }
  const records = readClientRecords(db, decision.clientId);
  if (!records) throw new LetterError('not-found', `No client with SK_ID_CURR ${decision.clientId} in the database.`);
  const score = await scoreRecords(engine, records, { lang: options.lang, reasons: LETTER_REASONS, threshold });
  if (!('decisionId' in options)) decision = { ...decision, decision: score.decision, modelDecision: score.decision };
  // What could change the outcome: only for a refusal, and only when the model itself refuses at the
  // threshold of the decision (after an override to refuse, no loan change would make the model's "yes" a yes).
  const offer = finalOutcome(decision) === 'refused' && score.decision === 'refused' ? await counterOffer(engine, records, { threshold }) : null;
  const num = (x: unknown) => (typeof x === 'number' && Number.isFinite(x) ? x : null);
  return {
    client: { id: decision.clientId, credit: num(records.application.AMT_CREDIT), annuity: num(records.application.AMT_ANNUITY) },
    decision: { ...decision, modelVersion: decision.modelVersion ?? engine.modelVersion },
    reasons: score.reasons,
    counterOffer: offer,
    lang: options.lang,
    company: letterCompany(db),
    date: options.date ?? new Date(),
    draft: !('decisionId' in options),
  };
}
