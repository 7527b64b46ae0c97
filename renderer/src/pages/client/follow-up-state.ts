/**
 * Where a client's recorded decision stands (GDPR art. 22: the client may contest, a manager other than
 * the decider reviews): the decision, what stands after reviews, whether a contest is open, and who may
 * act next. Pure: tested in test/renderer/follow-up-state.test.ts.
 */
import type { LogEntry } from './decision-table';

type Decision = Extract<LogEntry, { kind: 'decision' }>;
type Contest = Extract<LogEntry, { kind: 'contest' }>;
type Review = Extract<LogEntry, { kind: 'review' }>;

/** The follow-up state of one client's decision. */
export interface FollowUpState {
  decision: Decision;
  /** The outcome in force: the decision's, or the last review's. */
  standing: 'granted' | 'refused';
  /** The contest awaiting a review, if any. */
  openContest: Contest | null;
  lastReview: Review | null;
  canContest: boolean;
  canReview: boolean;
  /** Why the signed-in user cannot review an open contest (null when they can, or when none is open). */
  reviewBlocked: 'not-manager' | 'own-decision' | null;
}

/** The state of the client's decision for `user`; null when no decision is recorded yet. */
export function followUpState(entries: readonly LogEntry[], user: { username: string; role: 'officer' | 'manager' }): FollowUpState | null {
  const decision = entries.find((entry): entry is Decision => entry.kind === 'decision');
  if (!decision) return null;
  // Entry numbers grow with time in the append-only log: order by them, not by clock text.
  const about = entries.filter((entry) => entry.kind !== 'decision' && entry.refersTo === decision.decisionId).sort((a, b) => a.decisionId - b.decisionId);
  const reviews = about.filter((entry): entry is Review => entry.kind === 'review');
  const contests = about.filter((entry): entry is Contest => entry.kind === 'contest');
  const lastReview = reviews.at(-1) ?? null;
  const lastContest = contests.at(-1) ?? null;
  const openContest = lastContest && (!lastReview || lastContest.decisionId > lastReview.decisionId) ? lastContest : null;
  const overridden = decision.decision === 'override' ? (decision.overrideDirection === 'grant' ? 'granted' : 'refused') : decision.decision;
  const standing = lastReview ? lastReview.decision : overridden;
  const reviewBlocked = !openContest ? null : user.role !== 'manager' ? 'not-manager' : user.username.toLowerCase() === decision.recordedBy.toLowerCase() ? 'own-decision' : null;
  return {
    decision,
    standing,
    openContest,
    lastReview,
    canContest: !openContest,
    canReview: Boolean(openContest) && reviewBlocked === null,
    reviewBlocked,
  };
}
