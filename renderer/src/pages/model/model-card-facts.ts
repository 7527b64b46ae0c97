/**
 * The model screen's words and numbers: the card's metrics with what each means, the cost ratio in a
 * sentence, hashes shortened for reading, the install history as rows, and which model a rollback returns
 * to. Pure: tested in test/renderer/model-card-facts.test.ts.
 */
import type { ResponseOf } from '../../../../electron/shared/contract';
import { formatDate, formatNumber, formatPercent } from '../../../../common/format';
import type { Lang } from '../../../../common/lang';
import type { Translate as AnyTranslate } from '../../i18n/i18n';
import type { MODEL_STRINGS } from './model.i18n';

/** Translates a key of the model namespace (i18next's `t`, or a fixed one in tests). */
export type Translate = AnyTranslate<'model'>;
/** The answer of 'models:card'. */
export type ModelCard = ResponseOf<'models:card'>;
/** The answer of 'models:history'. */
export type ModelHistory = ResponseOf<'models:history'>;

/** How each known metric reads: its format, and whether it belongs to calibration. */
/** The metrics the card explains (model.i18n.ts `card.metrics`); others are shown by name. */
type MetricKey = keyof (typeof MODEL_STRINGS)['en']['card']['metrics'];

function isMetricKey(key: string): key is MetricKey {
  return key in METRICS;
}

const METRICS: Record<MetricKey, { format: 'ratio3' | 'ratio4' | 'percent'; calibration: boolean }> = {
  auc: { format: 'ratio3', calibration: false },
  pr_auc: { format: 'ratio3', calibration: false },
  ks: { format: 'ratio3', calibration: false },
  approval_rate: { format: 'percent', calibration: false },
  brier: { format: 'ratio4', calibration: true },
  calibration_error: { format: 'percent', calibration: true },
};

/** One metric of the card: its name and meaning in words (the key itself when unknown to this version). */
export interface MetricRow {
  key: string;
  label: string;
  valueText: string;
  meaning: string;
  calibration: boolean;
}

/** The card's metrics as rows, the known ones in a fixed order, then any others by key. */
export function metricRows(metrics: Readonly<Record<string, number>>, lang: Lang, t: Translate): MetricRow[] {
  const known = (Object.keys(METRICS) as MetricKey[]).filter((key) => key in metrics);
  const others = Object.keys(metrics)
    .filter((key) => !(key in METRICS))
    .sort();
  return [...known, ...others].map((key) => {
    const value = metrics[key]!;
    if (!isMetricKey(key)) return { key, label: key, valueText: formatNumber(value, lang, 4), meaning: t('card.metricUnknown'), calibration: false };
    const spec = METRICS[key];
    const valueText = spec.format === 'percent' ? formatPercent(value, lang, 1) : formatNumber(value, lang, spec.format === 'ratio4' ? 4 : 3);
    return { key, label: t(`card.metrics.${key}.label`), valueText, meaning: t(`card.metrics.${key}.meaning`), calibration: spec.calibration };
  });
}

/** "A missed default costs 10 times a good client refused." (the ratio with up to one decimal). */
export function costSentence(cost: ModelCard['cost'], lang: Lang, t: Translate): string {
  return t('card.costSentence', { ratio: formatNumber(cost.fn / cost.fp, lang, Number.isInteger(cost.fn / cost.fp) ? 0 : 1), fn: formatNumber(cost.fn, lang, 2), fp: formatNumber(cost.fp, lang, 2) });
}

/** The first 12 hex digits of a SHA-256, enough to tell files apart at a glance (the full one goes in a title). */
export function shortHash(sha256: string): string {
  return sha256.slice(0, 12);
}

/** One line of the install history. */
export interface HistoryRow {
  key: number;
  when: string;
  action: string;
  modelVersion: string;
  previousVersion: string;
  username: string;
  sha256: string;
  hash: string;
}

/** The history's rows in the API's order (newest first), dates and actions in words. */
export function historyRows(history: ModelHistory, lang: Lang, t: Translate): HistoryRow[] {
  return history.installs.map((install) => ({
    key: install.installId,
    when: formatDate(install.installedAt, lang, 'dateTime'),
    action: t(`history.actions.${install.action}`),
    modelVersion: install.modelVersion,
    previousVersion: install.previousVersion ?? t('history.none'),
    username: install.username,
    sha256: install.sha256,
    hash: shortHash(install.sha256),
  }));
}

/**
 * The version a rollback would return to: installs push the version they replaced, rollbacks pop it, in
 * the order they happened (the history comes newest first). Null when nothing is left to return to.
 */
export function rollbackTarget(history: ModelHistory): string | null {
  const stack: string[] = [];
  for (const entry of [...history.installs].reverse()) {
    if (entry.action === 'install') {
      if (entry.previousVersion !== null) stack.push(entry.previousVersion);
    } else {
      stack.pop();
    }
  }
  return history.canRollBack ? (stack.at(-1) ?? null) : null;
}
