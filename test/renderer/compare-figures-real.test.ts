/**
 * The compare screen's figure builders on the real handlers' answers (shipped model, fixture database):
 * every client counted, proportions summing to 1, the client marked inside the range, day counts in years.
 * Node environment (the scoring worker needs file URLs); the interface strings load after a navigator
 * stand-in, which Node 20 does not have.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/open-database.js';
import type { Channel } from '../../electron/shared/contract.js';
import { clientValues } from '../../renderer/src/pages/compare/client-values';
import { distributionFigure, distributionSummary, histogramView } from '../../renderer/src/pages/compare/distribution-figure';
import { featureOptions } from '../../renderer/src/pages/compare/feature-options';
import { pairsStats, pairsSummary, pointGroups } from '../../renderer/src/pages/compare/pairs-figure';
import { openHandlerHarness, type HandlerHarness } from '../support/handler-harness.js';
import type { Translate } from '../../renderer/src/pages/compare/compare-format';

let en: Translate;

describe('on the real handlers (shipped model, fixture database)', () => {
  let harness: HandlerHarness;
  let db: Db;
  beforeAll(async () => {
    if (!('navigator' in globalThis)) Object.defineProperty(globalThis, 'navigator', { value: { languages: ['en-GB'] }, configurable: true });
    const { i18next } = await import('../../renderer/src/i18n/i18n');
    await import('../../renderer/src/pages/compare/compare.i18n');
    en = i18next.getFixedT('en', 'compare');
    harness = await openHandlerHarness({ lang: 'en', signedIn: 'agent' });
    db = harness.db;
  }, 120_000);
  afterAll(() => harness?.close());
  const call = <C extends Channel>(channel: C, payload: unknown) => harness.call(channel, payload);

  it('marks the client where its value is and counts every client of the database', async () => {
    const clientId = db.prepare('SELECT SK_ID_CURR FROM application ORDER BY SK_ID_CURR LIMIT 1').pluck().get() as number;
    const total = db.prepare('SELECT COUNT(*) FROM application').pluck().get() as number;
    const score = await call('scoring:score', { clientId, lang: 'en' });
    const values = clientValues(score)!;
    const importance = await call('population:importance', { lang: 'en' });
    const options = featureOptions(importance.features, score.explanation.contributions);
    expect(options.length).toBeGreaterThan(20);
    for (const feature of ['AMT_CREDIT', 'DAYS_ID_PUBLISH']) {
      const answer = await call('population:distribution', { feature, groupBy: 'decision', bins: 20, lang: 'en' });
      const view = histogramView(answer);
      const counted = view.groups.reduce((sum, group) => sum + group.total + group.missing, 0);
      expect(counted).toBe(total);
      const value = values.get(feature)!;
      const client = { clientId, ...value };
      const { data, layout } = distributionFigure(view, client, 'overlay', en);
      for (const trace of data) expect((trace as { y: number[] }).y.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 9);
      const x = layout.shapes![0]!.x0 as number;
      expect(x).toBeGreaterThanOrEqual(view.edges[0]!);
      expect(x).toBeLessThanOrEqual(view.edges[view.edges.length - 1]!);
      const summary = distributionSummary(view, client, 'en', en);
      expect(summary).toContain(`Client ${clientId} (${value.valueText})`);
      expect(summary).toMatch(/Granted, \d+% above/);
    }
    const pairs = await call('population:pairs', { x: 'AMT_CREDIT', y: 'DAYS_ID_PUBLISH', groupBy: 'decision', maxPoints: 500, lang: 'en' });
    const credit = values.get('AMT_CREDIT')!;
    const age = values.get('DAYS_ID_PUBLISH')!;
    const point = { clientId, x: credit.value, y: age.value, xText: credit.valueText, yText: age.valueText };
    const stats = pairsStats(pairs, point);
    expect(stats.sampled).toBe(Math.min(500, total));
    // The identity document's age shown in years (0 to a few decades), not in negative days.
    const ys = pointGroups(pairs).flatMap((group) => group.y);
    expect(Math.min(...ys)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...ys)).toBeLessThan(80);
    expect(Math.max(...ys)).toBeGreaterThan(1);
    expect(pairsSummary(pairs, point, { granted: 'granted', refused: 'refused' }, 'en', en)).toContain(`Client ${clientId} (black star)`);
  });
});
