/**
 * Handlers of the decision log: record an officer's decision (against a fresh score under the policy in
 * force), a client's contest, a manager's review; list them; check the chain (audit:status).
 */
import {
  appendDecision,
  appendLogEntry,
  DecisionExistsError,
  earlierDecision,
  listLogEntries,
  logEntry,
  verifyDecisionLog,
  type DecisionLogRow,
} from '../../../db/decision-log.js';
import type { Db } from '../../../db/open-database.js';
import { latestReviewDecision } from '../../../db/queries/decisions.js';
import { scoreEventWriter } from '../../../db/score-events.js';
import { scoreRecords } from '../../../model/scoring/client-scoring.js';
import { thresholdInForce } from '../../../model/governance/policy.js';
import type { ParsedRequestOf, ResponseOf } from '../../shared/contract.js';
import { DomainError } from '../../shared/errors.js';
import type { IpcRouter } from '../ipc-handle.js';
import { clientRecordsOrNotFound, requireUser, type HandlerServices, type SessionUser } from './handler-services.js';

type DecisionEntry = ResponseOf<'decisions:record'>;
type ContestEntry = ResponseOf<'decisions:contest'>;
type ReviewEntry = ResponseOf<'decisions:review'>;
type LogEntry = ResponseOf<'decisions:list'>['decisions'][number];

/** A decision row as the contract's entry. */
function decisionEntry(row: DecisionLogRow): DecisionEntry {
  return {
    kind: 'decision',
    decisionId: row.seq,
    clientId: row.client_id,
    decision: row.decision as DecisionEntry['decision'],
    overrideDirection: row.override_direction,
    reasonCode: row.reason_code as DecisionEntry['reasonCode'],
    comment: row.comment,
    modelDecision: row.model_decision!,
    probability: row.probability!,
    threshold: row.threshold!,
    modelVersion: row.model_version!,
    recordedBy: row.username,
    recordedAt: row.recorded_at,
  };
}

function contestEntry(row: DecisionLogRow): ContestEntry {
  return { kind: 'contest', decisionId: row.seq, clientId: row.client_id, refersTo: row.refers_to!, comment: row.comment, recordedBy: row.username, recordedAt: row.recorded_at };
}

function reviewEntry(row: DecisionLogRow): ReviewEntry {
  return {
    kind: 'review',
    decisionId: row.seq,
    clientId: row.client_id,
    refersTo: row.refers_to!,
    outcome: row.reason_code as ReviewEntry['outcome'],
    decision: row.decision as ReviewEntry['decision'],
    comment: row.comment,
    recordedBy: row.username,
    recordedAt: row.recorded_at,
  };
}

/** Any log row as the contract's entry. */
export function logEntryView(row: DecisionLogRow): LogEntry {
  return row.kind === 'decision' ? decisionEntry(row) : row.kind === 'contest' ? contestEntry(row) : reviewEntry(row);
}

/** What a decision entry amounts to for the client: granted or refused (an override in its direction). */
function effectiveDecision(row: DecisionLogRow): 'granted' | 'refused' {
  if (row.decision === 'override') return row.override_direction === 'grant' ? 'granted' : 'refused';
  return row.decision === 'granted' ? 'granted' : 'refused';
}

/** The decision that stands for a decision entry: its latest review's, else its own. */
function standingDecision(db: Db, decision: DecisionLogRow): 'granted' | 'refused' {
  return latestReviewDecision(db, decision.seq) ?? effectiveDecision(decision);
}

/** Appends an entry that refers to a decision (a contest or a review) by `user`: no score, no model, no override. */
function appendFollowUp(
  db: Db,
  decision: DecisionLogRow,
  user: SessionUser,
  entry: { kind: 'contest' | 'review'; decision: 'granted' | 'refused' | null; reason_code: string | null; comment: string },
): DecisionLogRow {
  return appendLogEntry(db, {
    ...entry,
    client_id: decision.client_id,
    override_direction: null,
    model_decision: null,
    probability: null,
    threshold: null,
    model_version: null,
    refers_to: decision.seq,
    user_id: user.userId,
    username: user.username,
    branch: user.branch,
  });
}

/** A decision entry by id, or not-found / validation when it is missing or not a decision. */
function decisionOrError(db: Db, decisionId: number): DecisionLogRow {
  const row = logEntry(db, decisionId);
  if (!row) throw new DomainError('not-found', `No entry ${decisionId} in the decision log.`);
  if (row.kind !== 'decision') throw new DomainError('validation', `Entry ${decisionId} is a ${row.kind}, not a decision: contest or review the decision it refers to (${row.refers_to}).`);
  return row;
}

/** The officer's decision must agree with the model, or be an override in the other direction. */
function checkAgainstModel(request: ParsedRequestOf<'decisions:record'>, model: 'granted' | 'refused', threshold: number): void {
  const issue = (path: string, message: string) => new DomainError('validation', message, [{ path, message }]);
  const said = `The model ${model === 'granted' ? 'grants' : 'refuses'} this application (threshold ${threshold})`;
  if (request.decision === 'override') {
    if (request.overrideDirection === 'grant' && model === 'granted') throw issue('overrideDirection', `${said}: an override can only refuse it.`);
    if (request.overrideDirection === 'refuse' && model === 'refused') throw issue('overrideDirection', `${said}: an override can only grant it.`);
    if (request.reasonCode === 'model-decision') throw issue('reasonCode', 'An override departs from the model: give the reason for it, not "model-decision".');
  } else if (request.decision !== model) {
    throw issue('decision', `${said}: to ${request.decision === 'granted' ? 'grant' : 'refuse'} it, record an override with its reason and a comment.`);
  }
}

/** Runs the append of a decision; a decision recorded meanwhile for the client is a 'conflict' in words. */
function decisionOrConflict(append: () => DecisionLogRow): DecisionLogRow {
  try {
    return append();
  } catch (error) {
    if (error instanceof DecisionExistsError) throw new DomainError('conflict', `${error.message} (It was recorded while this one was being scored.)`);
    throw error;
  }
}

/** Registers decisions:record, decisions:list, decisions:contest, decisions:review and audit:status. */
export function registerDecisionHandlers(router: IpcRouter, services: HandlerServices): void {
  const { db } = services;

  router.handle('decisions:record', async (request) => {
    const user = requireUser(services);
    const records = clientRecordsOrNotFound(db, request.clientId);
    // Checked now to spare a rescoring, and again by appendDecision in the write transaction (another request may record meanwhile).
    const earlier = earlierDecision(db, request.clientId);
    if (earlier) throw new DomainError('conflict', new DecisionExistsError(request.clientId, earlier).message);
    // Scored again here, under the policy in force: what is recorded is what the model said now, not what the screen showed.
    const engine = services.engine;
    const threshold = thresholdInForce(db, engine);
    const score = await scoreRecords(engine, records, { lang: services.lang, threshold, reasons: 1 });
    checkAgainstModel(request, score.decision, threshold);
    const row = decisionOrConflict(() => appendDecision(db, {
      kind: 'decision',
      client_id: request.clientId,
      decision: request.decision,
      override_direction: request.overrideDirection ?? null,
      reason_code: request.reasonCode,
      comment: request.comment,
      model_decision: score.decision,
      probability: score.probability,
      threshold,
      model_version: score.modelVersion,
      refers_to: null,
      user_id: user.userId,
      username: user.username,
      branch: user.branch,
    }));
    // The score behind a recorded decision is one monitoring counts (drift, approval rate).
    scoreEventWriter(db)({
      clientId: row.client_id,
      modelVersion: row.model_version!,
      probability: row.probability!,
      threshold: row.threshold!,
      modelDecision: row.model_decision as 'granted' | 'refused',
      userId: user.userId,
      scoredAt: row.recorded_at,
    });
    return decisionEntry(row);
  });

  router.handle('decisions:list', ({ clientId, offset, limit }) => {
    const { total, entries } = listLogEntries(db, { clientId, offset, limit });
    return { total, decisions: entries.map(logEntryView) };
  });

  router.handle('decisions:contest', ({ decisionId, comment }) => {
    const user = requireUser(services);
    const decision = decisionOrError(db, decisionId);
    return contestEntry(appendFollowUp(db, decision, user, { kind: 'contest', decision: null, reason_code: null, comment }));
  });

  router.handle('decisions:review', ({ decisionId, outcome, comment }) => {
    const manager = requireUser(services, 'manager');
    const decision = decisionOrError(db, decisionId);
    if (decision.user_id === manager.userId) {
      throw new DomainError('forbidden', `Decision ${decisionId} was taken by ${manager.username}: its review must be done by another manager.`);
    }
    const standing = standingDecision(db, decision);
    const decided = outcome === 'upheld' ? standing : standing === 'granted' ? 'refused' : 'granted';
    return reviewEntry(appendFollowUp(db, decision, manager, { kind: 'review', decision: decided, reason_code: outcome, comment }));
  });

  router.handle('audit:status', () => {
    const result = verifyDecisionLog(db);
    return { ok: result.ok, entries: result.entries, head: result.head, firstBad: result.firstBad ?? null, checkedAt: new Date().toISOString() };
  });
}
