/**
 * The cost curve of the threshold screen: expected business cost per application by threshold, with the
 * approval rate on a second axis; the optimum, the policy, the what-if value and the client marked by
 * labelled vertical lines of different styles (not colour alone); and the plot in words.
 */
import type { Data, Layout, Shape } from 'plotly.js';
import { formatNumber, formatPercent } from '../../../../common/format';
import type { Lang } from '../../../../common/lang';
import { PALETTE } from '../../theme/palette';
import { curveAt, expectedDefaults, optimum, sortedCurve, type CurvePoint } from './threshold-what-if';
import type { Translate as AnyTranslate } from '../../i18n/i18n';

/** Translates a key of the threshold namespace. */
export type Translate = AnyTranslate<'threshold'>;

/** What the plot marks besides the curve. */
export interface CurveMarks {
  policy: number;
  whatIf: number;
  /** The client's probability of default, when a client is open. */
  client?: { clientId: number; probability: number } | null;
}

/** A cost per application, three decimals (costs are in the model card's units: fn per missed default, fp per refused good client). */
export function formatCost(cost: number | null | undefined, lang: Lang): string {
  return formatNumber(cost, lang, 3);
}

/** Plotly traces and layout of the cost curve with its marks. */
export function costCurveFigure(curve: readonly CurvePoint[], marks: CurveMarks, lang: Lang, t: Translate): { data: Data[]; layout: Partial<Layout> } {
  const points = sortedCurve(curve);
  const best = optimum(points);
  const data: Data[] = [
    {
      type: 'scatter',
      mode: 'lines',
      name: t('curve.cost'),
      x: points.map((point) => point.threshold),
      y: points.map((point) => point.cost),
      line: { color: PALETTE.refused, width: 3 },
      hovertemplate: `${t('curve.threshold')} %{x:.1%}<br>${t('curve.cost')} %{y:.3f}<extra></extra>`,
    } as Data,
    {
      type: 'scatter',
      mode: 'lines',
      name: t('curve.grantRate'),
      x: points.map((point) => point.threshold),
      y: points.map((point) => point.grantRate),
      yaxis: 'y2',
      line: { color: PALETTE.granted, width: 2, dash: 'dash' },
      hovertemplate: `${t('curve.threshold')} %{x:.1%}<br>${t('curve.grantRate')} %{y:.1%}<extra></extra>`,
    } as Data,
  ];
  const lines: Array<{ x: number; label: string; colour: string; dash: 'solid' | 'dash' | 'dot' | 'dashdot'; width: number }> = [];
  if (best) lines.push({ x: best.threshold, label: t('curve.optimumMark', { value: formatPercent(best.threshold, lang) }), colour: PALETTE.repaid, dash: 'dash', width: 2 });
  lines.push({ x: marks.policy, label: t('curve.policyMark', { value: formatPercent(marks.policy, lang) }), colour: PALETTE.threshold, dash: 'solid', width: 3 });
  lines.push({ x: marks.whatIf, label: t('curve.whatIfMark', { value: formatPercent(marks.whatIf, lang) }), colour: PALETTE.client, dash: 'dot', width: 3 });
  if (marks.client) {
    lines.push({ x: marks.client.probability, label: t('curve.clientMark', { clientId: marks.client.clientId, value: formatPercent(marks.client.probability, lang) }), colour: PALETTE.defaulted, dash: 'dashdot', width: 2 });
  }
  const shapes: Partial<Shape>[] = lines.map((line) => ({ type: 'line', xref: 'x', yref: 'paper', x0: line.x, x1: line.x, y0: 0, y1: 1, line: { color: line.colour, width: line.width, dash: line.dash } }));
  // Labels staggered downwards so marks at nearby thresholds do not write over each other.
  const annotations: Layout['annotations'] = lines.map((line, index) => ({
    xref: 'x',
    yref: 'paper',
    x: line.x,
    y: 1 - index * 0.09,
    xanchor: 'left',
    yanchor: 'top',
    text: line.label,
    showarrow: false,
    font: { color: line.colour === PALETTE.threshold ? '#7a4f00' : line.colour, size: 12 },
    bgcolor: 'rgba(255,255,255,0.85)',
  }));
  return {
    data,
    layout: {
      xaxis: { title: { text: t('curve.threshold') }, tickformat: '.0%' },
      yaxis: { title: { text: t('curve.cost') }, rangemode: 'tozero' },
      yaxis2: { title: { text: t('curve.grantRate') }, overlaying: 'y', side: 'right', tickformat: '.0%', range: [0, 1] },
      shapes,
      annotations,
      margin: { l: 64, r: 64, t: 16, b: 56 },
      legend: { orientation: 'h', y: -0.22 },
    },
  };
}

/** The plot in words: the optimum, the policy and the what-if value with their costs, approval and default rates. */
export function costCurveSummary(curve: readonly CurvePoint[], marks: CurveMarks, lang: Lang, t: Translate): string {
  const best = optimum(curve);
  const policy = curveAt(curve, marks.policy);
  const whatIf = curveAt(curve, marks.whatIf);
  if (!best || !policy || !whatIf) return t('curve.summaryEmpty');
  const describe = (point: CurvePoint) => ({
    threshold: formatPercent(point.threshold, lang),
    cost: formatCost(point.cost, lang),
    grant: formatPercent(point.grantRate, lang),
    defaults: point.defaultRate === null ? t('notKnown') : formatPercent(point.defaultRate, lang),
    per1000: formatNumber(expectedDefaults(point), lang, 1),
  });
  const sentences = [t('curve.summaryOptimum', describe(best)), t('curve.summaryPolicy', describe(policy)), t('curve.summaryWhatIf', describe(whatIf))];
  if (marks.client) sentences.push(t('curve.summaryClient', { clientId: marks.client.clientId, value: formatPercent(marks.client.probability, lang) }));
  return sentences.join(' ');
}
