/**
 * scoring:score records what a signed-in officer looked at (score_event, once per client, user, model and
 * day) for monitoring; nothing when nobody is signed in or for a what-if threshold.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/open-database.js';
import { recordScoreView } from '../../db/score-events.js';
import type { ScoringEngine } from '../../model/scoring/scoring-engine.js';
import { openHandlerHarness, type HandlerHarness } from '../support/handler-harness.js';

let harness: HandlerHarness;
let db: Db;
let engine: ScoringEngine;

beforeAll(async () => {
  harness = await openHandlerHarness();
  ({ db, engine } = harness);
}, 60_000);
afterAll(() => harness?.close());

const events = (clientId: number) =>
  db.prepare('SELECT client_id AS clientId, user_id AS userId, probability, model_decision AS decision FROM score_event WHERE client_id = ?').all(clientId) as Array<{
    clientId: number;
    userId: number | null;
    probability: number;
    decision: string;
  }>;

describe('score views', () => {
  it('refuses to score while nobody is signed in (nothing recorded), one event for a signed-in look, none for repeats the same day or for a what-if', async () => {
    const ok = (result: { ok: boolean }) => expect(result.ok).toBe(true);
    const refused = await harness.dispatch('scoring:score', { clientId: 100002, lang: 'fr' });
    expect(refused.ok ? null : refused.error.code).toBe('unauthenticated');
    expect(events(100002)).toHaveLength(0);

    const agent = harness.signIn('agent')!;
    const first = await harness.dispatch('scoring:score', { clientId: 100002, lang: 'fr' });
    ok(first);
    ok(await harness.dispatch('scoring:score', { clientId: 100002, lang: 'en' }));
    ok(await harness.dispatch('scoring:score', { clientId: 100002, lang: 'fr', threshold: 0.5 }));
    const recorded = events(100002);
    expect(recorded).toHaveLength(1);
    expect(recorded[0]!.userId).toBe(agent.userId);
    const score = (first.ok ? first.value : null) as { probability: number; decision: string } | null;
    expect(recorded[0]!.probability).toBe(score?.probability);
    expect(recorded[0]!.decision).toBe(score?.decision);
  });

  it('counts a new day as a new look', () => {
    const event = { clientId: 100003, modelVersion: engine.modelVersion, probability: 0.1, threshold: 0.09, modelDecision: 'refused' as const, userId: null, scoredAt: '2026-03-01T23:59:59.000Z' };
    expect(recordScoreView(db, event)).toBe(true);
    expect(recordScoreView(db, { ...event, scoredAt: '2026-03-01T00:00:00.000Z' })).toBe(false);
    expect(recordScoreView(db, { ...event, scoredAt: '2026-03-02T00:00:00.000Z' })).toBe(true);
    expect(events(100003)).toHaveLength(2);
  });
});
