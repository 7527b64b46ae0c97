/** The global importance plot of the compare screen: the top features as horizontal bars, with their share of the total in words. */
import type { Data, Layout } from 'plotly.js';
import { formatPercent } from '../../../../common/format';
import type { Lang } from '../../../../common/lang';
import { PALETTE } from '../../theme/palette';
import { uniqueLabels } from '../../components/unique-labels';
import type { Translate } from './compare-format';

/** One model input's importance (mean |sum of its SHAP values|). */
export interface Importance {
  input: string;
  label: string;
  importance: number;
}

/** Each feature's share of the sum of all importances (0 when the sum is 0). */
export function importanceShares(features: readonly Importance[]): number[] {
  const total = features.reduce((sum, feature) => sum + feature.importance, 0);
  return features.map((feature) => (total > 0 ? feature.importance / total : 0));
}

/** Horizontal bars of the `top` most important features, the most important on top, as shares of the total. */
export function importanceFigure(features: readonly Importance[], top: number, lang: Lang, t: Translate): { data: Data[]; layout: Partial<Layout> } {
  const shares = importanceShares(features).slice(0, top);
  const shown = features.slice(0, top);
  return {
    data: [
      {
        type: 'bar',
        orientation: 'h',
        name: t('importance.share'),
        x: shares,
        y: uniqueLabels(shown.map((feature) => feature.label)),
        text: shares.map((share) => formatPercent(share, lang, 1)),
        textposition: 'outside',
        cliponaxis: false,
        hovertemplate: '%{y}: %{x:.1%}<extra></extra>',
        marker: { color: PALETTE.granted },
      } as Data,
    ],
    layout: {
      xaxis: { title: { text: t('importance.share') }, tickformat: '.0%', rangemode: 'tozero' },
      yaxis: { autorange: 'reversed' },
      // A left margin fitted to the longest label (about 7 px a character at 13 px), not plotly's automargin:
      // its second drawing pass can outlive the plot when the screen is left at once.
      margin: { l: Math.min(380, 16 + 7 * Math.max(0, ...shown.map((feature) => feature.label.length))), r: 56, t: 16, b: 48 },
      showlegend: false,
    },
  };
}

/** The plot in words: the three most important features with their shares, and what the top N weigh together. */
export function importanceSummary(features: readonly Importance[], top: number, lang: Lang, t: Translate): string {
  if (features.length === 0) return t('importance.summaryNone');
  const shares = importanceShares(features);
  const first = features.slice(0, 3).map((feature, index) => `${feature.label} (${formatPercent(shares[index], lang, 1)})`);
  const shown = Math.min(top, features.length);
  const topShare = shares.slice(0, shown).reduce((sum, share) => sum + share, 0);
  return t('importance.summary', { first: first.join(', '), top: shown, total: features.length, share: formatPercent(topShare, lang, 0) });
}
