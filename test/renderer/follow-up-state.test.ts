/** Where a recorded decision stands: contest open or not, who may review, what stands after reviews. */
import { describe, expect, it } from 'vitest';
import type { LogEntry } from '../../renderer/src/pages/client/decision-table';
import { followUpState } from '../../renderer/src/pages/client/follow-up-state';

const at = (minute: number) => `2026-11-24T10:${String(minute).padStart(2, '0')}:00.000Z`;
const decision = (over: Partial<Extract<LogEntry, { kind: 'decision' }>> = {}): LogEntry => ({
  kind: 'decision',
  decisionId: 1,
  clientId: 100002,
  decision: 'refused',
  overrideDirection: null,
  reasonCode: 'model-decision',
  comment: '',
  modelDecision: 'refused',
  probability: 0.3,
  threshold: 0.09,
  modelVersion: 'm',
  recordedBy: 'agent',
  recordedAt: at(0),
  ...over,
});
const contest = (decisionId: number, minute: number): LogEntry => ({ kind: 'contest', decisionId, clientId: 100002, refersTo: 1, comment: 'The client contests.', recordedBy: 'agent', recordedAt: at(minute) });
const review = (decisionId: number, minute: number, outcome: 'upheld' | 'changed', stands: 'granted' | 'refused'): LogEntry => ({
  kind: 'review',
  decisionId,
  clientId: 100002,
  refersTo: 1,
  outcome,
  decision: stands,
  comment: 'Reviewed with the file.',
  recordedBy: 'boss',
  recordedAt: at(minute),
});

const officer = { username: 'agent', role: 'officer' as const };
const manager = { username: 'boss', role: 'manager' as const };
const deciderManager = { username: 'AGENT', role: 'manager' as const };

describe('followUpState', () => {
  it('is null before any decision', () => {
    expect(followUpState([], officer)).toBeNull();
  });

  it('a fresh decision can be contested, not reviewed; an override stands in its direction', () => {
    const state = followUpState([decision({ decision: 'override', overrideDirection: 'grant', reasonCode: 'guarantor' })], officer)!;
    expect(state.standing).toBe('granted');
    expect(state.canContest).toBe(true);
    expect(state.canReview).toBe(false);
    expect(state.openContest).toBeNull();
  });

  it('an open contest: a manager other than the decider may review; the officer and the deciding manager may not', () => {
    const entries = [decision(), contest(2, 5)];
    expect(followUpState(entries, manager)).toMatchObject({ canReview: true, canContest: false, reviewBlocked: null });
    expect(followUpState(entries, officer)).toMatchObject({ canReview: false, reviewBlocked: 'not-manager' });
    // User names compare without case, as main's accounts do.
    expect(followUpState(entries, deciderManager)).toMatchObject({ canReview: false, reviewBlocked: 'own-decision' });
  });

  it('a review closes the contest and its decision stands; a later contest opens again (log order, not clock text)', () => {
    const reviewed = followUpState([decision(), contest(2, 5), review(3, 9, 'changed', 'granted')], manager)!;
    expect(reviewed.standing).toBe('granted');
    expect(reviewed.openContest).toBeNull();
    expect(reviewed.canContest).toBe(true);
    const again = followUpState([review(3, 9, 'changed', 'granted'), contest(4, 1), decision(), contest(2, 5)], manager)!;
    expect(again.openContest?.decisionId).toBe(4);
    expect(again.standing).toBe('granted');
  });
});
