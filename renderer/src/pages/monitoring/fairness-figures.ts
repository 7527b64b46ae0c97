/**
 * The fairness part of the monitoring screen as plain data: each group's approval rate and
 * disparate-impact ratio to the most-approved group, flagged below the four-fifths line (words and a
 * symbol), small groups noted rather than judged; the ratio plot and its words.
 * Pure: test/renderer/monitoring-figures.test.ts.
 */
import type { Annotations, Data, Layout, Shape } from 'plotly.js';
import type { ResponseOf } from '../../../../electron/shared/contract';
import { formatNumber, formatPercent } from '../../../../common/format';
import type { Lang } from '../../../../common/lang';
import { PALETTE } from '../../theme/palette';
import { formatLimit, formatRatio, WARN_SYMBOL, type Translate } from './monitoring-format';

/** The report of 'fairness:report'. */
export type FairnessReport = ResponseOf<'fairness:report'>;
/** One attribute's groups under the model's and the recorded decisions. */
export type FairnessGrouping = FairnessReport['groupings'][number];
/** The groups of one attribute under one kind of decision. */
export type GroupedApproval = FairnessGrouping['model'];

/** How a group reads against the four-fifths rule. */
export type GroupVerdict = 'reference' | 'flagged' | 'ok' | 'small' | 'none' | 'empty';

/** One row of a fairness table. */
export interface GroupRow {
  group: string;
  label: string;
  count: number;
  approved: number;
  rateText: string;
  ratio: number | null;
  ratioText: string;
  verdict: GroupVerdict;
  /** The verdict in words, with ⚠ when flagged. */
  verdictText: string;
}

/** What a group's figures say: the reference group, flagged (ratio below the line), small (not judged), fine, or nothing to say (no client). */
export function groupVerdict(group: GroupedApproval['groups'][number], reference: string | null): GroupVerdict {
  if (group.count === 0) return 'empty';
  if (group.small) return 'small';
  if (group.approvalRate === null || group.ratio === null) return 'none';
  if (group.group === reference) return 'reference';
  return group.flagged ? 'flagged' : 'ok';
}

/** The rows of one attribute under one kind of decision. */
export function groupRows(grouped: GroupedApproval, report: Pick<FairnessReport, 'flagBelow' | 'minGroup'>, lang: Lang, t: Translate): GroupRow[] {
  const limit = formatLimit(report.flagBelow, lang);
  const min = formatNumber(report.minGroup, lang);
  return grouped.groups.map((group) => {
    const verdict = groupVerdict(group, grouped.reference);
    const words: Record<GroupVerdict, string> = {
      reference: t('fairness.verdict.reference'),
      flagged: `${WARN_SYMBOL} ${t('fairness.verdict.flagged', { limit })}`,
      ok: t('fairness.verdict.ok', { limit }),
      small: t('fairness.verdict.small', { min }),
      none: t('fairness.verdict.none'),
      empty: t('fairness.verdict.empty'),
    };
    return {
      group: group.group,
      label: group.label,
      count: group.count,
      approved: group.approved,
      rateText: formatPercent(group.approvalRate, lang),
      ratio: group.ratio,
      ratioText: group.ratio === null ? '—' : formatRatio(group.ratio, lang),
      verdict,
      verdictText: words[verdict],
    };
  });
}

/**
 * Disparate-impact ratio per group as bars (groups without a client left out), the four-fifths line dashed
 * and labelled; flagged bars in the "refused" colour with ⚠ before their ratio, small groups grey and hatched
 * (the table and the words say why).
 */
export function ratioFigure(grouped: GroupedApproval, report: Pick<FairnessReport, 'flagBelow' | 'minGroup'>, lang: Lang, t: Translate): { data: Data[]; layout: Partial<Layout> } {
  const rows = groupRows(grouped, report, lang, t).filter((row) => row.count > 0);
  const top = Math.max(1.2, ...rows.map((row) => (row.ratio ?? 0) * 1.15));
  const line: Partial<Shape> = { type: 'line', xref: 'paper', x0: 0, x1: 1, yref: 'y', y0: report.flagBelow, y1: report.flagBelow, line: { color: PALETTE.threshold, width: 2, dash: 'dash' } };
  const label: Partial<Annotations> = {
    xref: 'paper', x: 1, xanchor: 'right', yref: 'y', y: report.flagBelow, yanchor: 'bottom', showarrow: false, font: { size: 12 },
    text: t('fairness.lineLabel', { limit: formatLimit(report.flagBelow, lang) }),
  };
  return {
    data: [
      {
        type: 'bar',
        name: t('fairness.ratio'),
        x: rows.map((row) => row.label),
        y: rows.map((row) => row.ratio),
        // Short texts: plotly shrinks a text wider than its bar; the rate and the reading are in the hover and the table.
        text: rows.map((row) => `${row.verdict === 'flagged' ? `${WARN_SYMBOL} ` : ''}${row.ratioText}`),
        customdata: rows.map((row) => `${row.rateText} · ${row.verdictText}`),
        textposition: 'outside',
        cliponaxis: false,
        marker: {
          color: rows.map((row) => (row.verdict === 'flagged' ? PALETTE.refused : row.verdict === 'small' ? '#b8c2cc' : PALETTE.granted)),
          line: { color: '#1b1f24', width: 1 },
          pattern: { shape: rows.map((row) => (row.verdict === 'small' ? '/' : '')) },
        },
        hovertemplate: '%{x}: %{text} (%{customdata})<extra></extra>',
      } as Data,
    ],
    layout: {
      xaxis: { type: 'category', automargin: true },
      yaxis: { title: { text: t('fairness.ratioAxis') }, range: [0, top], zeroline: false },
      shapes: [line],
      annotations: [label],
      margin: { l: 56, r: 16, t: 24, b: 56 },
      showlegend: false,
    },
  };
}

/** One grouping in words: the reference group, each group's rate and ratio, which are flagged, which are small. */
export function fairnessSummary(grouping: FairnessGrouping, grouped: GroupedApproval, report: Pick<FairnessReport, 'flagBelow' | 'minGroup'>, lang: Lang, t: Translate): string {
  if (grouped.total === 0) return t('fairness.summaryNone', { attribute: grouping.label });
  const rows = groupRows(grouped, report, lang, t);
  const reference = rows.find((row) => row.verdict === 'reference');
  const parts = [
    t('fairness.summaryGroups', {
      attribute: grouping.label,
      total: formatNumber(grouped.total, lang),
      groups: rows.filter((row) => row.verdict !== 'empty').map((row) => `${row.label} ${row.rateText} (${t('fairness.ratio').toLowerCase()} ${row.ratioText})`).join(', '),
    }),
  ];
  if (reference) parts.push(t('fairness.summaryReference', { label: reference.label }));
  const flagged = rows.filter((row) => row.verdict === 'flagged');
  parts.push(
    flagged.length > 0
      ? t('fairness.summaryFlagged', { limit: formatLimit(report.flagBelow, lang), labels: flagged.map((row) => row.label).join(', ') })
      : t('fairness.summaryNoFlag', { limit: formatLimit(report.flagBelow, lang) }),
  );
  const small = rows.filter((row) => row.verdict === 'small');
  if (small.length > 0) parts.push(t('fairness.summarySmall', { min: formatNumber(report.minGroup, lang), labels: small.map((row) => row.label).join(', ') }));
  return parts.join(' ');
}
