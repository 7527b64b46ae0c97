/**
 * The rules of recording a final decision, without React: following the model records its decision;
 * departing from it is an override — low-side (granting a client the model refuses) or high-side (refusing
 * a client the model grants) — which needs a reason other than "model's decision" and a comment of at
 * least 10 characters (the contract's DecisionRecordRequestSchema checks the same in main).
 */
import { DECISION_REASON_CODES } from '../../../../electron/shared/contract-applications';
import type { RequestOf } from '../../../../electron/shared/contract';

/** A reason code of the fixed list. */
export type ReasonCode = (typeof DECISION_REASON_CODES)[number];
/** The model's decision, or the officer's final outcome. */
export type Outcome = 'granted' | 'refused';
/** What the officer filled in. */
export interface DecisionDraft {
  outcome: Outcome | null;
  reasonCode: ReasonCode | '';
  comment: string;
}
/** What is wrong with a draft, by field. */
export type DraftProblems = Partial<Record<'outcome' | 'reasonCode' | 'comment', 'required' | 'notForOverride' | 'tooShort' | 'tooLong'>>;

/** Shortest comment of an override. */
export const MIN_OVERRIDE_COMMENT = 10;
/** Longest comment (the contract's bound). */
export const MAX_COMMENT = 2000;

/** The empty draft: the model's outcome proposed, its reason code, no comment. */
export function initialDraft(modelDecision: Outcome): DecisionDraft {
  return { outcome: modelDecision, reasonCode: 'model-decision', comment: '' };
}

/** 'grant' for a low-side override, 'refuse' for a high-side one, null when the officer follows the model. */
export function overrideDirection(modelDecision: Outcome, outcome: Outcome): 'grant' | 'refuse' | null {
  if (outcome === modelDecision) return null;
  return outcome === 'granted' ? 'grant' : 'refuse';
}

/** The reason codes a decision may carry: an override cannot give "the model's decision" as its reason. */
export function allowedReasons(modelDecision: Outcome, outcome: Outcome | null): readonly ReasonCode[] {
  return outcome && overrideDirection(modelDecision, outcome) ? DECISION_REASON_CODES.filter((code) => code !== 'model-decision') : DECISION_REASON_CODES;
}

/** The request for decisions:record, or the problems of the draft. */
export function decisionRequest(
  clientId: number,
  modelDecision: Outcome,
  draft: DecisionDraft,
): { request: RequestOf<'decisions:record'> } | { problems: DraftProblems } {
  const problems: DraftProblems = {};
  const comment = draft.comment.trim();
  if (!draft.outcome) problems.outcome = 'required';
  const direction = draft.outcome ? overrideDirection(modelDecision, draft.outcome) : null;
  if (!draft.reasonCode) problems.reasonCode = 'required';
  else if (direction && draft.reasonCode === 'model-decision') problems.reasonCode = 'notForOverride';
  if (direction && comment.length < MIN_OVERRIDE_COMMENT) problems.comment = 'tooShort';
  if (comment.length > MAX_COMMENT) problems.comment = 'tooLong';
  if (Object.keys(problems).length || !draft.outcome || !draft.reasonCode) return { problems };
  return {
    request: direction
      ? { clientId, decision: 'override', overrideDirection: direction, reasonCode: draft.reasonCode, comment }
      : { clientId, decision: draft.outcome, reasonCode: draft.reasonCode, comment },
  };
}

/** How a recorded decision reads: the outcome it gave and whether it overrode the model. */
export function recordedOutcome(entry: { decision: 'granted' | 'refused' | 'override'; overrideDirection: 'grant' | 'refuse' | null }): {
  outcome: Outcome;
  override: 'grant' | 'refuse' | null;
} {
  if (entry.decision !== 'override') return { outcome: entry.decision, override: null };
  const direction = entry.overrideDirection ?? 'grant';
  return { outcome: direction === 'grant' ? 'granted' : 'refused', override: direction };
}
