/**
 * The bivariate plot of the compare screen, from a 'population:pairs' answer: a sample of clients,
 * coloured AND shaped by the model's decision, the client as a large labelled black star, and the plot in words.
 */
import type { Data, Layout } from 'plotly.js';
import type { ResponseOf } from '../../../../electron/shared/contract';
import { formatNumber, formatPercent } from '../../../../common/format';
import type { Lang } from '../../../../common/lang';
import { PALETTE } from '../../theme/palette';
import { axisTitle, formatValue, type Translate } from './compare-format';
import { displayScale, toDisplay } from './display-scale';

type PairsAnswer = ResponseOf<'population:pairs'>;

/** The client's two values (raw; null = missing). */
export interface ClientPoint {
  clientId: number;
  x: number | null;
  y: number | null;
  xText: string;
  yText: string;
}

/** Points of one group on the display scale. */
export interface PointGroup {
  group: string;
  x: number[];
  y: number[];
  clientIds: number[];
}

/** Summary numbers of the sample. */
export interface PairsStats {
  sampled: number;
  /** Points without one of the two values (not drawn). */
  incomplete: number;
  byGroup: Record<string, number>;
  /** Share refused among all drawn points. */
  refusedShare: number;
  /** Drawn points within a tenth of each axis' range from the client, and the share refused among them. */
  near: { count: number; refusedShare: number } | null;
  /** Pearson correlation of the drawn points (null below 3 points or without spread). */
  correlation: number | null;
}

const STYLE: Record<string, { colour: string; symbol: string }> = {
  granted: { colour: PALETTE.granted, symbol: 'circle' },
  refused: { colour: PALETTE.refused, symbol: 'triangle-up' },
};
const GROUP_ORDER = ['granted', 'refused'];
/** "Near the client": within this fraction of each axis' range. */
const NEAR = 0.1;

/** The drawn points by group (granted, refused), on the display scale; points missing a value are left out. */
export function pointGroups(answer: PairsAnswer): PointGroup[] {
  const sx = displayScale(answer.x.unit);
  const sy = displayScale(answer.y.unit);
  const groups = new Map<string, PointGroup>();
  for (const point of answer.points) {
    if (point.x === null || point.y === null) continue;
    let group = groups.get(point.group);
    if (!group) groups.set(point.group, (group = { group: point.group, x: [], y: [], clientIds: [] }));
    group.x.push(toDisplay(point.x, sx)!);
    group.y.push(toDisplay(point.y, sy)!);
    group.clientIds.push(point.clientId);
  }
  return [...groups.values()].sort((a, b) => rank(a.group) - rank(b.group));
}

function rank(group: string): number {
  const index = GROUP_ORDER.indexOf(group);
  return index < 0 ? GROUP_ORDER.length : index;
}

/** Pearson's r of two equally long series (null when fewer than 3 points or one series is constant). */
export function correlation(x: readonly number[], y: readonly number[]): number | null {
  const n = x.length;
  if (n < 3) return null;
  const mx = x.reduce((s, v) => s + v, 0) / n;
  const my = y.reduce((s, v) => s + v, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i]! - mx;
    const dy = y[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx === 0 || syy === 0 ? null : sxy / Math.sqrt(sxx * syy);
}

/** The client's point on the display scale, or null when one of the values is missing. */
export function clientXY(answer: PairsAnswer, client: ClientPoint | null): { x: number; y: number } | null {
  if (!client || client.x === null || client.y === null) return null;
  return { x: toDisplay(client.x, displayScale(answer.x.unit))!, y: toDisplay(client.y, displayScale(answer.y.unit))! };
}

/** Counts by group, the refused share overall and near the client, and the correlation. */
export function pairsStats(answer: PairsAnswer, client: ClientPoint | null): PairsStats {
  const groups = pointGroups(answer);
  const xs = groups.flatMap((group) => group.x);
  const ys = groups.flatMap((group) => group.y);
  const byGroup = Object.fromEntries(groups.map((group) => [group.group, group.x.length]));
  const drawn = xs.length;
  const refusedShare = drawn ? (byGroup.refused ?? 0) / drawn : 0;
  const at = clientXY(answer, client);
  let near: PairsStats['near'] = null;
  if (at && drawn > 0) {
    const rx = (Math.max(...xs) - Math.min(...xs)) * NEAR;
    const ry = (Math.max(...ys) - Math.min(...ys)) * NEAR;
    let count = 0;
    let refused = 0;
    for (const group of groups) {
      for (let i = 0; i < group.x.length; i++) {
        if (Math.abs(group.x[i]! - at.x) <= rx && Math.abs(group.y[i]! - at.y) <= ry) {
          count++;
          if (group.group === 'refused') refused++;
        }
      }
    }
    near = { count, refusedShare: count ? refused / count : 0 };
  }
  return { sampled: answer.points.length, incomplete: answer.points.length - drawn, byGroup, refusedShare, near, correlation: correlation(xs, ys) };
}

/** Plotly traces (one per decision: colour and marker shape) and the client's star with its label. */
export function pairsFigure(answer: PairsAnswer, client: ClientPoint | null, groupLabels: Record<string, string>, t: Translate): { data: Data[]; layout: Partial<Layout> } {
  const data: Data[] = pointGroups(answer).map((group) => {
    const style = STYLE[group.group] ?? { colour: PALETTE.all, symbol: 'square' };
    return {
      type: 'scatter',
      mode: 'markers',
      name: t('pairs.legend', { group: groupLabels[group.group] ?? group.group, count: group.x.length }),
      x: group.x,
      y: group.y,
      customdata: group.clientIds,
      hovertemplate: `${groupLabels[group.group] ?? group.group} · %{customdata}<br>%{x}, %{y}<extra></extra>`,
      marker: { color: style.colour, symbol: style.symbol, size: 7, opacity: 0.6, line: { width: 0 } },
    } as Data;
  });
  const at = clientXY(answer, client);
  if (client && at) {
    data.push({
      type: 'scatter',
      mode: 'text+markers',
      name: t('pairs.client', { clientId: client.clientId }),
      x: [at.x],
      y: [at.y],
      text: [t('pairs.client', { clientId: client.clientId })],
      textposition: 'top center',
      textfont: { color: PALETTE.client, size: 14 },
      hovertemplate: `${t('pairs.client', { clientId: client.clientId })}<br>${client.xText} · ${client.yText}<extra></extra>`,
      marker: { color: PALETTE.client, symbol: 'star', size: 20, line: { color: '#ffffff', width: 1.5 } },
    } as Data);
  }
  const sx = displayScale(answer.x.unit);
  const sy = displayScale(answer.y.unit);
  return {
    data,
    layout: {
      xaxis: { title: { text: axisTitle(answer.x.label, sx.unit, t) }, zeroline: false },
      yaxis: { title: { text: axisTitle(answer.y.label, sy.unit, t) }, zeroline: false },
      margin: { l: 72, r: 16, t: 16, b: 56 },
      legend: { orientation: 'h', y: -0.25 },
      hovermode: 'closest',
    },
  };
}

/** The plot in words: the sample, the client's two values, the refusal rate near the client against the sample's, the correlation. */
export function pairsSummary(answer: PairsAnswer, client: ClientPoint | null, groupLabels: Record<string, string>, lang: Lang, t: Translate): string {
  const stats = pairsStats(answer, client);
  const drawn = stats.sampled - stats.incomplete;
  const groups = Object.entries(stats.byGroup)
    .sort(([a], [b]) => rank(a) - rank(b))
    .map(([group, count]) => `${formatNumber(count, lang)} ${(groupLabels[group] ?? group).toLowerCase()}`)
    .join(', ');
  const sentences = [
    t('pairs.summaryIntro', { count: drawn, countText: formatNumber(drawn, lang), x: answer.x.label, y: answer.y.label, groups, refused: formatPercent(stats.refusedShare, lang, 0) }),
  ];
  if (stats.incomplete > 0) sentences.push(t('pairs.summaryIncomplete', { count: stats.incomplete, countText: formatNumber(stats.incomplete, lang) }));
  if (client) {
    if (clientXY(answer, client)) {
      sentences.push(t('pairs.summaryClient', { clientId: client.clientId, x: answer.x.label, xValue: client.xText, y: answer.y.label, yValue: client.yText }));
      if (stats.near) {
        sentences.push(
          stats.near.count > 0
            ? t('pairs.summaryNear', { count: stats.near.count, countText: formatNumber(stats.near.count, lang), refused: formatPercent(stats.near.refusedShare, lang, 0) })
            : t('pairs.summaryNearNone'),
        );
      }
    } else {
      sentences.push(t('pairs.summaryClientMissing', { clientId: client.clientId, xValue: client.xText, yValue: client.yText }));
    }
  }
  if (stats.correlation !== null) sentences.push(t('pairs.summaryCorrelation', { r: formatValue(Math.round(stats.correlation * 100) / 100, lang) }));
  return sentences.join(' ');
}
