/**
 * The plots of the company report, each a standalone SVG (its own namespace, size and style, every value
 * escaped): the HTML page shows them inline, `octroi hq report --out` also writes each as an .svg and a
 * .png file (plot-png.ts). Horizontal bar charts: override rate by branch with the 10 % line, final
 * approval rate by branch, approval rate by group for each protected attribute (flagged groups in the
 * alert colour and marked FLAGGED in words), default rate by score band.
 */
import { escapeHtml } from '../../model/governance/letters/escape-html.js';
import type { CompanyReport } from './company-report.js';

/** A rate as the report writes it. */
export const pct = (v: number | null) => (v === null ? '—' : `${(100 * v).toFixed(1)} %`);

/** One plot: a file-safe name, its title, the SVG. */
export interface ReportPlot {
  name: string;
  title: string;
  width: number;
  height: number;
  svg: string;
}

interface Bar {
  label: string;
  value: number | null;
  note?: string;
  alert?: boolean;
}

// Inside each SVG, so that a plot looks the same inline and on its own (colour-blind-safe blue and vermilion).
const STYLE =
  '<style>text{font-family:"DejaVu Sans",sans-serif;font-size:12px;fill:#222}.bar{fill:#0072b2}.alert{fill:#d55e00}' +
  '.ref{stroke:#222;stroke-dasharray:4 3}.title{font-size:14px;font-weight:bold}</style>';

/** A horizontal bar chart (values 0…max) with an optional reference line. */
function bars(name: string, title: string, items: Bar[], options: { max?: number; line?: { at: number; label: string } } = {}): ReportPlot {
  const width = 640;
  const labelWidth = 200;
  const row = 22;
  // The title is drawn too: a PNG pasted on its own still says what it shows.
  const top = 26;
  const height = top + Math.max(1, items.length) * row + 30;
  const max = options.max ?? Math.max(1e-9, ...items.map((i) => i.value ?? 0), options.line?.at ?? 0);
  const x = (v: number) => labelWidth + ((width - labelWidth - 90) * v) / max;
  const rows = items
    .map((item, i) => {
      const y = top + 10 + i * row;
      const w = item.value === null ? 0 : x(item.value) - labelWidth;
      const text = `${item.value === null ? '—' : pct(item.value)}${item.note ? ` ${item.note}` : ''}`;
      return (
        `<text x="${labelWidth - 6}" y="${y + 14}" text-anchor="end">${escapeHtml(item.label)}</text>` +
        `<rect x="${labelWidth}" y="${y + 3}" width="${w.toFixed(1)}" height="${row - 8}" class="${item.alert ? 'alert' : 'bar'}"/>` +
        `<text x="${(labelWidth + w + 4).toFixed(1)}" y="${y + 14}">${escapeHtml(text)}</text>`
      );
    })
    .join('');
  const line = options.line
    ? `<line x1="${x(options.line.at).toFixed(1)}" x2="${x(options.line.at).toFixed(1)}" y1="${top + 5}" y2="${height - 18}" class="ref"/>` +
      `<text x="${x(options.line.at).toFixed(1)}" y="${height - 4}" text-anchor="middle">${escapeHtml(options.line.label)}</text>`
    : '';
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${escapeHtml(title)}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
    `<title>${escapeHtml(title)}</title>${STYLE}<text x="6" y="18" class="title">${escapeHtml(title)}</text>${rows}${line}</svg>`;
  return { name, title, width, height, svg };
}

/** Every plot of the report, in the page's order. */
export function companyReportPlots(report: CompanyReport): ReportPlot[] {
  const { activity, fairness, defaultsByBand } = report;
  return [
    bars(
      'override-rate-by-branch',
      'Override rate by branch',
      activity.byBranch.map((b) => ({ label: b.branch, value: b.overrideRate, note: `of ${b.decisions}`, alert: b.warn })),
      { line: { at: activity.overrideWarnRate, label: pct(activity.overrideWarnRate) } },
    ),
    bars(
      'final-approval-rate-by-branch',
      'Final approval rate by branch',
      activity.byBranch.map((b) => ({ label: b.branch, value: b.finalApprovalRate, note: `(model ${pct(b.modelApprovalRate)})` })),
      { max: 1 },
    ),
    ...fairness.groupings.map((g) =>
      bars(
        `approval-by-${g.attribute}`,
        `${g.label}: approval rate by group`,
        g.model.groups.map((x) => ({ label: x.label, value: x.approvalRate, note: `n=${x.count}${x.small ? ', small' : ''}${x.flagged ? ', FLAGGED' : ''}`, alert: x.flagged })),
        { max: 1 },
      ),
    ),
    bars(
      'default-rate-by-band',
      'Default rate by score band',
      defaultsByBand.bands.map((b) => ({ label: `band ${b.band}`, value: b.defaultRate, note: `of ${b.clients}` })),
    ),
  ];
}
