/**
 * The activity part of the monitoring screen as plain data: approval rate by month (the model's decisions
 * and the final ones recorded), override rates per officer and per branch with the warning above the
 * limit, and the default rate by score band where outcomes are known; each figure with its words.
 * Pure: test/renderer/monitoring-figures.test.ts.
 */
import type { Annotations, Data, Layout, Shape } from 'plotly.js';
import type { ResponseOf } from '../../../../electron/shared/contract';
import { formatNumber, formatPercent } from '../../../../common/format';
import type { Lang } from '../../../../common/lang';
import { BAND_COLOURS, PALETTE } from '../../theme/palette';
import { uniqueLabels } from '../../components/unique-labels';
import { formatMonth, WARN_SYMBOL, type Translate } from './monitoring-format';

/** The report of 'monitoring:activity'. */
export type ActivityReport = ResponseOf<'monitoring:activity'>;
/** An officer's override figures. */
export type OfficerOverrides = ActivityReport['officers'][number];
/** A branch's override figures. */
export type BranchOverrides = ActivityReport['branches'][number];

/** One row of an override table (an officer or a branch), its rate and warning in words. */
export interface OverrideRow {
  key: string;
  name: string;
  /** The officer's branch ('' for a branch row). */
  branch: string;
  decisions: number;
  overrides: number;
  toGrant: number;
  toRefuse: number;
  rate: number | null;
  rateText: string;
  warn: boolean;
  /** "⚠ above 10 %" or "within 10 %" (or "no decision"). */
  warnText: string;
}

/** Approval rate by month: the model's decisions (solid, circles) and the final decisions recorded (dashed, squares). */
export function approvalFigure(report: ActivityReport, lang: Lang, t: Translate): { data: Data[]; layout: Partial<Layout> } {
  const x = report.months.map((m) => formatMonth(m.month, lang));
  return {
    data: [
      {
        type: 'scatter',
        mode: 'lines+markers',
        name: t('activity.modelApproval'),
        x,
        y: report.months.map((m) => m.modelApprovalRate),
        customdata: report.months.map((m) => m.scored),
        line: { color: PALETTE.granted, width: 2.5 },
        marker: { symbol: 'circle', size: 8 },
        hovertemplate: `%{x}: %{y:.1%} (n = %{customdata})<extra>${t('activity.modelApproval')}</extra>`,
      } as Data,
      {
        type: 'scatter',
        mode: 'lines+markers',
        name: t('activity.finalApproval'),
        x,
        y: report.months.map((m) => m.finalApprovalRate),
        customdata: report.months.map((m) => m.decided),
        line: { color: PALETTE.client, width: 2, dash: 'dash' },
        marker: { symbol: 'square', size: 8 },
        hovertemplate: `%{x}: %{y:.1%} (n = %{customdata})<extra>${t('activity.finalApproval')}</extra>`,
      } as Data,
    ],
    layout: {
      xaxis: { type: 'category', automargin: true },
      yaxis: { title: { text: t('activity.approvalAxis') }, tickformat: '.0%', range: [0, 1.05] },
      legend: { orientation: 'h', y: -0.25 },
    },
  };
}

/** The approval plot in words: months covered, model and final approval over the window, and the latest month. */
export function approvalSummary(report: ActivityReport, lang: Lang, t: Translate): string {
  if (report.months.length === 0) return t('activity.approvalNone');
  const scored = report.months.reduce((sum, m) => sum + m.scored, 0);
  const modelGranted = report.months.reduce((sum, m) => sum + m.modelGranted, 0);
  const decided = report.months.reduce((sum, m) => sum + m.decided, 0);
  const finalGranted = report.months.reduce((sum, m) => sum + m.finalGranted, 0);
  const parts = [
    t('activity.approvalWindow', {
      from: formatMonth(report.months[0]!.month, lang),
      to: formatMonth(report.months.at(-1)!.month, lang),
      scored: formatNumber(scored, lang),
      rate: formatPercent(scored > 0 ? modelGranted / scored : null, lang),
    }),
    decided > 0
      ? t('activity.approvalFinal', { decided: formatNumber(decided, lang), rate: formatPercent(finalGranted / decided, lang) })
      : t('activity.approvalNoFinal'),
  ];
  const last = report.months.at(-1)!;
  parts.push(
    t('activity.approvalLatest', {
      month: formatMonth(last.month, lang),
      model: formatPercent(last.modelApprovalRate, lang),
      final: last.finalApprovalRate === null ? t('activity.noDecision') : formatPercent(last.finalApprovalRate, lang),
    }),
  );
  return parts.join(' ');
}

function overrideRow(key: string, name: string, branch: string, o: Omit<BranchOverrides, 'branch'>, warnRate: number, lang: Lang, t: Translate): OverrideRow {
  const limit = formatPercent(warnRate, lang, 0);
  return {
    key,
    name,
    branch,
    decisions: o.decisions,
    overrides: o.overrides,
    toGrant: o.toGrant,
    toRefuse: o.toRefuse,
    rate: o.overrideRate,
    rateText: formatPercent(o.overrideRate, lang),
    warn: o.warn,
    warnText: o.overrideRate === null ? t('activity.noDecision') : o.warn ? `${WARN_SYMBOL} ${t('activity.above', { limit })}` : t('activity.within', { limit }),
  };
}

/** The officers' rows, the highest override rate first (those without a decision last), then by name. */
export function officerRows(report: ActivityReport, lang: Lang, t: Translate): OverrideRow[] {
  return sortRows(report.officers.map((o) => overrideRow(`user-${o.userId}`, o.displayName || o.username, o.branch, o, report.overrideWarnRate, lang, t)));
}

/** The branches' rows, in the same order as the officers'. */
export function branchRows(report: ActivityReport, lang: Lang, t: Translate): OverrideRow[] {
  return sortRows(report.branches.map((b) => overrideRow(`branch-${b.branch}`, b.branch || t('activity.noBranch'), '', b, report.overrideWarnRate, lang, t)));
}

function sortRows(rows: OverrideRow[]): OverrideRow[] {
  return rows.sort((a, b) => (b.rate ?? -1) - (a.rate ?? -1) || a.name.localeCompare(b.name));
}

/** Override rate per officer as horizontal bars, the warning limit as a labelled dashed line, warned bars marked ⚠. */
export function overrideFigure(rows: readonly OverrideRow[], warnRate: number, lang: Lang, t: Translate): { data: Data[]; layout: Partial<Layout> } {
  const shown = rows.filter((row) => row.rate !== null);
  const top = Math.max(warnRate * 1.5, ...shown.map((row) => (row.rate ?? 0) * 1.15));
  const limitLine: Partial<Shape> = { type: 'line', xref: 'x', x0: warnRate, x1: warnRate, yref: 'paper', y0: 0, y1: 1, line: { color: PALETTE.threshold, width: 2, dash: 'dash' } };
  const limitLabel: Partial<Annotations> = {
    xref: 'x', x: warnRate, yref: 'paper', y: 1, yanchor: 'bottom', text: t('activity.warnLine', { limit: formatPercent(warnRate, lang, 0) }), showarrow: false, font: { size: 12 },
  };
  return {
    data: [
      {
        type: 'bar',
        orientation: 'h',
        name: t('activity.overrideRate'),
        y: uniqueLabels(shown.map((row) => row.name)),
        x: shown.map((row) => row.rate),
        text: shown.map((row) => `${row.warn ? `${WARN_SYMBOL} ` : ''}${row.rateText} (${row.overrides}/${row.decisions})`),
        textposition: 'outside',
        cliponaxis: false,
        marker: { color: shown.map((row) => (row.warn ? PALETTE.refused : PALETTE.granted)) },
        hovertemplate: '%{y}: %{text}<extra></extra>',
      } as Data,
    ],
    layout: {
      xaxis: { title: { text: t('activity.overrideRate') }, tickformat: '.0%', range: [0, top] },
      yaxis: { autorange: 'reversed', automargin: true },
      shapes: [limitLine],
      annotations: [limitLabel],
      margin: { l: 16, r: 96, t: 28, b: 48 },
      // Thin bars even for one officer: a single bar filling the plot reads as a block, not a rate.
      bargap: shown.length < 4 ? 0.6 : 0.3,
      showlegend: false,
    },
  };
}

/** The override plot in words: how many officers, how many above the limit (named), the highest rate. */
export function overrideSummary(rows: readonly OverrideRow[], warnRate: number, lang: Lang, t: Translate): string {
  const withDecisions = rows.filter((row) => row.rate !== null);
  if (withDecisions.length === 0) return t('activity.overrideNone');
  const warned = withDecisions.filter((row) => row.warn);
  const limit = formatPercent(warnRate, lang, 0);
  const highest = withDecisions[0]!;
  return [
    t('activity.overrideCount', { n: withDecisions.length }),
    warned.length > 0
      ? t('activity.overrideWarned', { n: warned.length, limit, names: warned.map((row) => `${row.name} (${row.rateText})`).join(', ') })
      : t('activity.overrideNoneWarned', { limit }),
    t('activity.overrideHighest', { name: highest.name, rate: highest.rateText }),
  ].join(' ');
}

/** "A (0 – 4,5 %)": a band with its range of probabilities. */
export function bandLabel(band: ActivityReport['defaultsByBand']['bands'][number], lang: Lang): string {
  return `${band.band} (${formatPercent(band.from, lang)} – ${formatPercent(band.to, lang)})`;
}

/** Default rate by score band as bars (band colours, light to dark), each bar's rate and count written on it. */
export function defaultsFigure(report: ActivityReport, lang: Lang, t: Translate): { data: Data[]; layout: Partial<Layout> } {
  const bands = report.defaultsByBand.bands;
  return {
    data: [
      {
        type: 'bar',
        name: t('activity.defaultRate'),
        x: bands.map((band) => bandLabel(band, lang)),
        y: bands.map((band) => band.defaultRate),
        text: bands.map((band) => (band.defaultRate === null ? t('activity.noClient') : `${formatPercent(band.defaultRate, lang)} (${formatNumber(band.defaults, lang)}/${formatNumber(band.clients, lang)})`)),
        textposition: 'outside',
        cliponaxis: false,
        marker: { color: bands.map((band) => BAND_COLOURS[band.band]), line: { color: '#1b1f24', width: 1 } },
        hovertemplate: '%{x}: %{text}<extra></extra>',
      } as Data,
    ],
    layout: {
      xaxis: { title: { text: t('activity.bandAxis') }, type: 'category', automargin: true },
      yaxis: { title: { text: t('activity.defaultRate') }, tickformat: '.0%', rangemode: 'tozero', range: [0, Math.max(0.05, ...bands.map((b) => (b.defaultRate ?? 0) * 1.2))] },
      margin: { l: 56, r: 16, t: 24, b: 64 },
      showlegend: false,
    },
  };
}

/** The default-rate plot in words: clients with a known outcome, each band's rate, and the threshold in force. */
export function defaultsSummary(report: ActivityReport, lang: Lang, t: Translate): string {
  const { clients, threshold, bands } = report.defaultsByBand;
  if (clients === 0) return t('activity.defaultsNone');
  const rates = bands.map((band) => `${band.band} ${band.defaultRate === null ? t('activity.noClient') : formatPercent(band.defaultRate, lang)}`).join(', ');
  return t('activity.defaultsSummary', { clients: formatNumber(clients, lang), rates, threshold: formatPercent(threshold, lang) });
}
