/**
 * The distribution plot of the compare screen, from a 'population:distribution' answer: histograms as
 * proportions (groups of different sizes compare), the client's value marked, and the plot in words.
 */
import type { Data, Layout, Shape } from 'plotly.js';
import type { ResponseOf } from '../../../../electron/shared/contract';
import { formatNumber, formatPercent } from '../../../../common/format';
import type { Lang } from '../../../../common/lang';
import { PALETTE } from '../../theme/palette';
import { axisTitle, formatValue, type Translate } from './compare-format';
import { displayScale, toDisplay, type DisplayScale } from './display-scale';

type DistributionAnswer = ResponseOf<'population:distribution'>;

/** One group's histogram on the display scale. */
export interface HistogramGroup {
  group: string;
  label: string;
  counts: number[];
  missing: number;
  /** Clients with a value (the proportions' denominator). */
  total: number;
}

/** A distribution ready to plot: increasing edges on the display scale. */
export interface HistogramView {
  feature: string;
  label: string;
  /** How raw values (the client's) become the plotted ones. */
  scale: DisplayScale;
  unit: 'years' | null;
  edges: number[];
  groups: HistogramGroup[];
  /** Clients left out of the plot because their group is not shown (outcome unknown). */
  hidden: { label: string; count: number } | null;
}

/** The client as marked on the plot. */
export interface ClientMark {
  clientId: number;
  /** Raw value (null = missing). */
  value: number | null;
  /** The value in words, from the explanation ("42 ans"). */
  valueText: string;
}

/** Where a value falls among a group: shares of clients with a value in a higher bin, the same bin, a lower bin. */
export interface Position {
  above: number;
  same: number;
  below: number;
  total: number;
}

const GROUP_STYLE: Record<string, { colour: string; pattern: '' | '/' | 'x' | '.' | '\\' }> = {
  all: { colour: PALETTE.all, pattern: '' },
  granted: { colour: PALETTE.granted, pattern: '' },
  refused: { colour: PALETTE.refused, pattern: '/' },
  defaulted: { colour: PALETTE.defaulted, pattern: 'x' },
  repaid: { colour: PALETTE.repaid, pattern: '' },
};

/** The answer on the display scale, with the 'unknown outcome' group set apart (it is no outcome). */
export function histogramView(answer: DistributionAnswer): HistogramView {
  const scale = displayScale(answer.unit);
  let edges = answer.edges.map((edge) => toDisplay(edge, scale)!);
  let groups = answer.groups.map((group) => ({
    group: group.group,
    label: group.label,
    counts: [...group.counts],
    missing: group.missing,
    total: group.counts.reduce((sum, count) => sum + count, 0),
  }));
  // A negative factor reverses the axis: keep edges increasing and counts in step.
  if (scale.factor < 0) {
    edges = edges.reverse();
    groups = groups.map((group) => ({ ...group, counts: group.counts.reverse() }));
  }
  const unknown = groups.find((group) => group.group === 'unknown');
  const shown = groups.filter((group) => group.group !== 'unknown');
  return {
    feature: answer.feature,
    label: answer.label,
    scale,
    unit: scale.unit,
    edges,
    groups: shown,
    hidden: unknown ? { label: unknown.label, count: unknown.total + unknown.missing } : null,
  };
}

/** The bin holding `value` (bins are [a, b), the last one [a, b]); null when outside the edges. */
export function binOf(edges: readonly number[], value: number): number | null {
  const last = edges.length - 1;
  if (last < 1 || value < edges[0]! || value > edges[last]!) return null;
  for (let bin = 0; bin < last; bin++) if (value < edges[bin + 1]!) return bin;
  return last - 1;
}

/** Shares of a group's clients (with a value) above, in and below bin `bin`. */
export function positionIn(counts: readonly number[], bin: number): Position {
  const total = counts.reduce((sum, count) => sum + count, 0);
  if (total === 0) return { above: 0, same: 0, below: 0, total };
  const below = counts.slice(0, bin).reduce((sum, count) => sum + count, 0);
  const same = counts[bin] ?? 0;
  return { above: (total - below - same) / total, same: same / total, below: below / total, total };
}

/** The client's value on the display scale, or null when missing. */
export function clientShown(view: HistogramView, client: ClientMark | null): number | null {
  return client ? toDisplay(client.value, view.scale) : null;
}

/** Plotly traces and layout: one bar trace per group (proportions), the client's value as a labelled vertical line. */
export function distributionFigure(view: HistogramView, client: ClientMark | null, mode: 'overlay' | 'group', t: Translate): { data: Data[]; layout: Partial<Layout> } {
  const centres = view.edges.slice(0, -1).map((edge, bin) => (edge + view.edges[bin + 1]!) / 2);
  const widths = view.edges.slice(0, -1).map((edge, bin) => view.edges[bin + 1]! - edge);
  const data: Data[] = view.groups.map((group) => {
    const style = GROUP_STYLE[group.group] ?? GROUP_STYLE.all!;
    return {
      type: 'bar',
      name: t('distribution.legend', { group: group.label, count: group.total }),
      x: centres,
      y: group.counts.map((count) => (group.total ? count / group.total : 0)),
      width: mode === 'overlay' ? widths : undefined,
      customdata: group.counts,
      hovertemplate: `${group.label}: %{y:.1%} (%{customdata})<extra></extra>`,
      marker: { color: style.colour, opacity: mode === 'overlay' && view.groups.length > 1 ? 0.55 : 0.85, pattern: { shape: style.pattern, fgcolor: '#1b1f24', fgopacity: 0.6, size: 6 } },
    } as Data;
  });
  const shapes: Partial<Shape>[] = [];
  const annotations: Layout['annotations'] = [];
  const x = clientShown(view, client);
  if (client && x !== null) {
    shapes.push({ type: 'line', xref: 'x', yref: 'paper', x0: x, x1: x, y0: 0, y1: 1, line: { color: PALETTE.client, width: 3, dash: 'solid' } });
    annotations.push({
      xref: 'x',
      yref: 'paper',
      x,
      y: 1,
      yanchor: 'bottom',
      text: t('distribution.clientMark', { value: client.valueText }),
      showarrow: false,
      font: { color: PALETTE.client, size: 13 },
      bgcolor: 'rgba(255,255,255,0.85)',
    });
  }
  return {
    data,
    layout: {
      barmode: mode,
      bargap: mode === 'overlay' ? 0 : 0.05,
      xaxis: { title: { text: axisTitle(view.label, view.unit, t) }, zeroline: false },
      yaxis: { title: { text: t('distribution.share') }, tickformat: '.0%', rangemode: 'tozero' },
      shapes,
      annotations,
      margin: { l: 64, r: 16, t: 32, b: 56 },
      legend: { orientation: 'h', y: -0.25 },
    },
  };
}

/**
 * The plot in words: how many clients, where the client stands in each group (shares in higher and
 * lower bins: exact for the bins shown), and what is left out (missing values, unknown outcomes).
 */
export function distributionSummary(view: HistogramView, client: ClientMark | null, lang: Lang, t: Translate): string {
  const sentences: string[] = [];
  const everyone = view.groups.reduce((sum, group) => sum + group.total, 0);
  const missing = view.groups.reduce((sum, group) => sum + group.missing, 0);
  const bins = view.edges.length - 1;
  sentences.push(
    t('distribution.summaryIntro', {
      count: everyone,
      countText: formatNumber(everyone, lang),
      label: view.label,
      bins,
      from: formatValue(view.edges[0], lang),
      to: formatValue(view.edges[bins], lang),
    }),
  );
  const x = clientShown(view, client);
  const bin = x === null ? null : binOf(view.edges, x);
  if (!client) {
    // No client (yet): the groups' sizes only.
  } else if (x === null || bin === null) {
    sentences.push(t('distribution.summaryClientMissing', { clientId: client.clientId, value: client.valueText }));
  } else {
    const parts = view.groups.map((group) => {
      const position = positionIn(group.counts, bin);
      return t('distribution.summaryGroup', {
        group: view.groups.length > 1 ? group.label : t('distribution.allGroups'),
        above: formatPercent(position.above, lang, 0),
        below: formatPercent(position.below, lang, 0),
        same: formatPercent(position.same, lang, 0),
      });
    });
    sentences.push(t('distribution.summaryClient', { clientId: client.clientId, value: client.valueText, groups: parts.join(lang === 'fr' ? ' ; ' : '; ') }));
  }
  if (missing > 0) sentences.push(t('distribution.summaryMissing', { count: missing, countText: formatNumber(missing, lang) }));
  if (view.hidden && view.hidden.count > 0) {
    sentences.push(t('distribution.summaryHidden', { count: view.hidden.count, countText: formatNumber(view.hidden.count, lang), label: view.hidden.label }));
  }
  return sentences.join(' ');
}
