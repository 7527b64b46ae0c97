/**
 * The drift part of the monitoring screen as plain data: PSI series by month (the score and the window's
 * most drifted features) drawn over the stable / watch / significant-drift bands, the rows of the tables,
 * and the plot in words. Months below the minimum sample have no PSI: they are gaps in the lines, marked
 * on the axis, and say "not enough applications" in the tables. Pure: test/renderer/monitoring-figures.test.ts.
 */
import type { Data, Layout, Shape, Annotations } from 'plotly.js';
import type { ResponseOf } from '../../../../electron/shared/contract';
import { formatNumber } from '../../../../common/format';
import type { Lang } from '../../../../common/lang';
import { PALETTE } from '../../theme/palette';
import { formatLimit, formatMonth, formatPsi, STATUS_SYMBOLS, type DriftStatus, type Translate } from './monitoring-format';

/** The drift report of 'monitoring:drift'. */
export type DriftReport = ResponseOf<'monitoring:drift'>;

/** One line of the plot: the score's or a feature's PSI per month (null: no PSI that month). */
export interface DriftSeries {
  key: string;
  label: string;
  values: Array<number | null>;
}

/** One row of a drift table: what, its PSI in words, and its status in words with its symbol. */
export interface DriftRow {
  key: string;
  label: string;
  /** The PSI with three decimals, or "not enough applications (n < min)". */
  psiText: string;
  psi: number | null;
  status: DriftStatus;
  statusText: string;
}

/** One month of the score's drift, for the table by month. */
export interface MonthRow extends DriftRow {
  month: string;
  monthText: string;
  rows: number;
}

/** Series colours after the score's (black): Okabe–Ito, skipping the ones that mean a decision elsewhere. */
const SERIES_COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#8A6D00'];
/** Marker shapes, so series differ without colour. */
const SERIES_SYMBOLS = ['square', 'diamond', 'triangle-up', 'cross', 'triangle-down', 'star', 'hexagon'];

/** The status in words with its symbol: "⚠ watch". */
export function statusText(status: DriftStatus, t: Translate): string {
  return `${STATUS_SYMBOLS[status]} ${t(`status.${status}`)}`;
}

/** The PSI in words: three decimals, or "not enough applications (n < 500)" when none was computed. */
export function psiText(psi: number | null, minSample: number, lang: Lang, t: Translate): string {
  return psi === null ? t('drift.notEnough', { min: formatNumber(minSample, lang) }) : formatPsi(psi, lang);
}

/** The score and the `top` most drifted features of the window, each as its PSI by month. */
export function driftSeries(report: DriftReport, top: number, t: Translate): DriftSeries[] {
  const score: DriftSeries = { key: 'score', label: t('drift.score'), values: report.byMonth.map((period) => period.score.psi) };
  const features = report.overall.features.slice(0, Math.max(0, top)).map((feature) => ({
    key: feature.feature,
    label: feature.label,
    // Every period lists the same features; look each up by name rather than trust the position.
    values: report.byMonth.map((period) => period.features.find((f) => f.feature === feature.feature)?.psi ?? null),
  }));
  return [score, ...features];
}

/** Above this PSI a linear axis would crush the 0.1 and 0.25 bands into a sliver: the axis turns logarithmic. */
export const LOG_SCALE_ABOVE = 1;

/** The PSI axis: linear from 0 in the usual case, logarithmic when a series goes far beyond the drift line. */
export function driftAxis(series: readonly DriftSeries[], thresholds: { watch: number; drift: number }): { log: boolean; bottom: number; top: number } {
  const values = series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const highest = Math.max(0, ...values);
  if (highest <= LOG_SCALE_ABOVE) return { log: false, bottom: 0, top: Math.max(thresholds.drift * 1.4, highest * 1.1) };
  // The bottom leaves room below the stable band and below the smallest PSI drawn (a PSI is never 0: epsilon bins).
  const smallest = Math.min(...values.filter((v) => v > 0), thresholds.watch);
  return { log: true, bottom: Math.min(thresholds.watch / 10, smallest / 1.5), top: highest * 1.5 };
}

/** Texts of the drift plot from the translations. */
export interface DriftFigureTexts {
  axis: string;
  axisLog: string;
  stable: string;
  watch: string;
  drift: string;
  notEnough: string;
}

/** The figure's texts for the current language. */
export function driftFigureTexts(t: Translate): DriftFigureTexts {
  return { axis: t('drift.axis'), axisLog: t('drift.axisLog'), stable: t('status.stable'), watch: t('status.watch'), drift: t('status.drift'), notEnough: t('drift.notEnoughShort') };
}

/**
 * PSI by month, one line per series (the score thick and black), over three shaded bands with the 0.1 and
 * 0.25 lines labelled "stable / watch / significant drift"; months without a PSI get an open marker at the
 * bottom of the axis. The axis is logarithmic (and says so) when a PSI goes beyond LOG_SCALE_ABOVE.
 */
export function driftFigure(report: DriftReport, series: readonly DriftSeries[], texts: DriftFigureTexts, lang: Lang): { data: Data[]; layout: Partial<Layout> } {
  const x = report.byMonth.map((period) => formatMonth(period.month ?? '', lang));
  const { watch, drift } = report.thresholds;
  const axis = driftAxis(series, report.thresholds);
  // On a log axis, annotations take log10 coordinates; traces and shapes take the values themselves
  // (plotly's strict bundle, checked on the drawn plot in the e2e screenshots).
  const at = (value: number) => (axis.log ? Math.log10(value) : value);
  const middle = (a: number, b: number) => (at(a) + at(b)) / 2;
  const data: Data[] = series.map(
    (s, index) =>
      ({
        type: 'scatter',
        mode: 'lines+markers',
        name: s.label,
        x,
        y: s.values,
        connectgaps: false,
        line: index === 0 ? { color: PALETTE.client, width: 3 } : { color: SERIES_COLOURS[(index - 1) % SERIES_COLOURS.length], width: 1.5 },
        marker: { symbol: index === 0 ? 'circle' : SERIES_SYMBOLS[(index - 1) % SERIES_SYMBOLS.length], size: index === 0 ? 9 : 7 },
        hovertemplate: `${s.label} · %{x}: PSI %{y:.3f}<extra></extra>`,
      }) as Data,
  );
  const thin = report.byMonth.flatMap((period, index) => (period.insufficient ? [index] : []));
  if (thin.length > 0) {
    data.push({
      type: 'scatter',
      mode: 'markers',
      name: texts.notEnough,
      x: thin.map((index) => x[index]!),
      y: thin.map(() => axis.bottom),
      text: thin.map((index) => `n = ${formatNumber(report.byMonth[index]!.rows, lang)} < ${formatNumber(report.minSample, lang)}`),
      marker: { symbol: 'circle-open', size: 12, color: PALETTE.all, line: { width: 2 } },
      cliponaxis: false,
      hovertemplate: `${texts.notEnough} · %{x}: %{text}<extra></extra>`,
    } as Data);
  }
  const band = (y0: number, y1: number, fillcolor: string): Partial<Shape> => ({
    type: 'rect', xref: 'paper', x0: 0, x1: 1, yref: 'y', y0, y1, fillcolor, line: { width: 0 }, layer: 'below',
  });
  const line = (y: number): Partial<Shape> => ({ type: 'line', xref: 'paper', x0: 0, x1: 1, yref: 'y', y0: y, y1: y, line: { color: '#5b6470', width: 1.5, dash: 'dash' } });
  const label = (y: number, text: string): Partial<Annotations> => ({
    xref: 'paper', x: 1, xanchor: 'left', yref: 'y', y, yanchor: 'middle', text, showarrow: false, font: { size: 12, color: '#1b1f24' },
  });
  return {
    data,
    layout: {
      xaxis: { type: 'category', automargin: true },
      yaxis: axis.log
        ? { type: 'log', title: { text: texts.axisLog }, range: [at(axis.bottom), at(axis.top)], zeroline: false }
        : { title: { text: texts.axis }, range: [0, axis.top], rangemode: 'tozero', zeroline: false },
      shapes: [band(axis.bottom, watch, 'rgba(0,158,115,0.10)'), band(watch, drift, 'rgba(230,159,0,0.16)'), band(drift, axis.top, 'rgba(213,94,0,0.14)'), line(watch), line(drift)],
      annotations: [
        label(middle(axis.log ? axis.bottom : 0, watch), `${STATUS_SYMBOLS.stable} ${texts.stable} (< ${formatLimit(watch, lang)})`),
        label(middle(watch, drift), `${STATUS_SYMBOLS.watch} ${texts.watch}`),
        label(middle(drift, axis.top), `${STATUS_SYMBOLS.drift} ${texts.drift} (≥ ${formatLimit(drift, lang)})`),
      ],
      margin: { l: 56, r: 215, t: 16, b: 48 },
      legend: { orientation: 'h', y: -0.25 },
    },
  };
}

/** The window's table: the score first, then the features, the most drifted first (as the API orders them). */
export function windowRows(report: DriftReport, lang: Lang, t: Translate): DriftRow[] {
  const row = (key: string, label: string, psi: number | null, status: DriftStatus): DriftRow => ({
    key, label, psi, status, psiText: psiText(psi, report.minSample, lang, t), statusText: statusText(status, t),
  });
  return [
    row('score', t('drift.score'), report.overall.score.psi, report.overall.score.status),
    ...report.overall.features.map((f) => row(f.feature, f.label, f.psi, f.status)),
  ];
}

/** The score's drift month by month, with each month's number of applications. */
export function monthRows(report: DriftReport, lang: Lang, t: Translate): MonthRow[] {
  return report.byMonth.map((period) => ({
    key: period.month ?? '',
    month: period.month ?? '',
    monthText: formatMonth(period.month ?? '', lang),
    rows: period.rows,
    label: t('drift.score'),
    psi: period.score.psi,
    status: period.score.status,
    psiText: psiText(period.score.psi, report.minSample, lang, t),
    statusText: statusText(period.score.status, t),
  }));
}

/**
 * The drift plot in words: the window's score PSI and status, how many features are in each status, the
 * most drifted feature, the latest month with a PSI, and the months below the minimum sample.
 */
export function driftSummary(report: DriftReport, lang: Lang, t: Translate): string {
  if (report.byMonth.length === 0) return t('drift.summaryNone');
  const { overall } = report;
  const parts: string[] = [];
  const first = formatMonth(report.byMonth[0]!.month ?? '', lang);
  const last = formatMonth(report.byMonth.at(-1)!.month ?? '', lang);
  parts.push(
    overall.score.psi === null
      ? t('drift.summaryWindowThin', { from: first, to: last, rows: formatNumber(overall.rows, lang), min: formatNumber(report.minSample, lang) })
      : t('drift.summaryWindow', { from: first, to: last, rows: formatNumber(overall.rows, lang), psi: formatPsi(overall.score.psi, lang), status: t(`status.${overall.score.status}`) }),
  );
  const counts = overall.featureStatus;
  parts.push(t('drift.summaryFeatures', { drift: counts.drift, watch: counts.watch, stable: counts.stable }));
  const worst = overall.features.find((f) => f.psi !== null);
  if (worst && worst.psi !== null) parts.push(t('drift.summaryWorst', { label: worst.label, psi: formatPsi(worst.psi, lang), status: t(`status.${worst.status}`) }));
  const latest = [...report.byMonth].reverse().find((period) => period.score.psi !== null);
  if (latest && latest.score.psi !== null) {
    parts.push(t('drift.summaryLatest', { month: formatMonth(latest.month ?? '', lang), psi: formatPsi(latest.score.psi, lang), status: t(`status.${latest.score.status}`) }));
  }
  const thin = report.byMonth.filter((period) => period.insufficient).map((period) => formatMonth(period.month ?? '', lang));
  if (thin.length > 0) parts.push(t('drift.summaryThin', { n: thin.length, months: thin.join(', '), min: formatNumber(report.minSample, lang) }));
  return parts.join(' ');
}
