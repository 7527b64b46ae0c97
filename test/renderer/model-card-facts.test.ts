// @vitest-environment jsdom
/** The model screen's facts: metrics in words (calibration apart), the cost ratio, history rows, and which version a rollback returns to. */
import { describe, expect, it } from 'vitest';
import { CONTRACT, type ResponseOf } from '../../electron/shared/contract';
import { i18next } from '../../renderer/src/i18n/i18n';
import '../../renderer/src/pages/model/model.i18n';
import { costSentence, historyRows, metricRows, rollbackTarget, shortHash } from '../../renderer/src/pages/model/model-card-facts';

const en = i18next.getFixedT('en', 'model') as unknown as (key: string, options?: Record<string, unknown>) => string;
const fr = i18next.getFixedT('fr', 'model') as unknown as (key: string, options?: Record<string, unknown>) => string;
const hash = (digit: string) => digit.repeat(64);

type History = ResponseOf<'models:history'>;
function history(installs: Array<['install' | 'rollback', string, string | null]>, canRollBack: boolean): History {
  return CONTRACT['models:history'].response.parse({
    active: { modelVersion: installs[0]?.[1] ?? 'base', sha256: hash('a') },
    // Newest first, as the API gives it.
    installs: installs.map(([action, modelVersion, previousVersion], index) => ({
      installId: installs.length - index,
      action,
      modelVersion,
      sha256: hash(String(index % 10)),
      previousVersion,
      username: 'manager',
      installedAt: `2026-11-2${index}T10:00:00.000Z`,
    })),
    canRollBack,
  });
}

describe('model card facts', () => {
  it('lists the known metrics in order with their meaning, calibration apart, unknown ones by key', () => {
    const rows = metricRows({ brier: 0.06512, auc: 0.7634, calibration_error: 0.0043, approval_rate: 0.812, custom_lift: 2.5, pr_auc: 0.25, ks: 0.41 }, 'en', en);
    expect(rows.map((row) => [row.key, row.valueText, row.calibration])).toEqual([
      ['auc', '0.763', false],
      ['pr_auc', '0.250', false],
      ['ks', '0.410', false],
      ['approval_rate', '81.2%', false],
      ['brier', '0.0651', true],
      ['calibration_error', '0.4%', true],
      ['custom_lift', '2.5000', false],
    ]);
    expect(rows[0]!.label).toBe('AUC (area under the ROC curve)');
    expect(rows.at(-1)!.meaning).toBe('Measure given by the model file.');
    expect(metricRows({ auc: 0.7634 }, 'fr', fr)[0]!.valueText).toBe('0,763');
  });

  it('says the cost ratio in a sentence', () => {
    expect(costSentence({ fn: 10, fp: 1 }, 'en', en)).toBe('A missed default costs 10 times a good client refused (costs 10.00 and 1.00).');
    expect(costSentence({ fn: 5, fp: 2 }, 'fr', fr)).toBe('Un défaut non détecté coûte 2,5 fois un bon client refusé (coûts 5,00 et 2,00).');
  });

  it('shows history rows newest first with actions in words and short fingerprints', () => {
    const h = history([['rollback', 'v1', 'v2'], ['install', 'v2', 'v1']], true);
    const rows = historyRows(h, 'fr', fr);
    expect(rows.map((row) => [row.action, row.modelVersion, row.previousVersion, row.hash])).toEqual([
      ['retour arrière', 'v1', 'v2', '000000000000'],
      ['installation', 'v2', 'v1', '111111111111'],
    ]);
    expect(shortHash(hash('f'))).toHaveLength(12);
  });

  it('finds the version a rollback returns to: installs push, rollbacks pop', () => {
    expect(rollbackTarget(history([['install', 'v2', 'v1']], true))).toBe('v1');
    expect(rollbackTarget(history([['install', 'v3', 'v2'], ['install', 'v2', 'v1']], true))).toBe('v2');
    expect(rollbackTarget(history([['rollback', 'v2', 'v3'], ['install', 'v3', 'v2'], ['install', 'v2', 'v1']], true))).toBe('v1');
    expect(rollbackTarget(history([['rollback', 'v1', 'v2'], ['install', 'v2', 'v1']], false))).toBeNull();
    expect(rollbackTarget(history([], false))).toBeNull();
  });
});
