/**
 * The company report as one self-contained HTML page (inline CSS and SVG bar charts, no script, no
 * external resource, every value escaped): override and approval rates by branch with the 10 % line,
 * drift by branch and month, approval by group with the four-fifths flags, default rate by band. Each plot
 * has a sentence with its key numbers; colour is never the only carrier of meaning (statuses are written).
 */
import { escapeHtml } from '../../model/governance/letters/escape-html.js';
import type { CompanyReport } from './company-report.js';

const pct = (v: number | null) => (v === null ? '—' : `${(100 * v).toFixed(1)} %`);
const num = (v: number | null, digits = 3) => (v === null ? '—' : v.toFixed(digits));

interface Bar {
  label: string;
  value: number | null;
  note?: string;
  alert?: boolean;
}

/** A horizontal bar chart (values 0…max) with an optional reference line. */
function bars(title: string, items: Bar[], options: { max?: number; line?: { at: number; label: string } } = {}): string {
  const width = 640;
  const labelWidth = 200;
  const row = 22;
  const height = items.length * row + 30;
  const max = options.max ?? Math.max(1e-9, ...items.map((i) => i.value ?? 0), options.line?.at ?? 0);
  const x = (v: number) => labelWidth + ((width - labelWidth - 90) * v) / max;
  const rows = items
    .map((item, i) => {
      const y = 10 + i * row;
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
    ? `<line x1="${x(options.line.at).toFixed(1)}" x2="${x(options.line.at).toFixed(1)}" y1="5" y2="${height - 18}" class="ref"/>` +
      `<text x="${x(options.line.at).toFixed(1)}" y="${height - 4}" text-anchor="middle">${escapeHtml(options.line.label)}</text>`
    : '';
  return `<figure><svg role="img" aria-label="${escapeHtml(title)}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${rows}${line}</svg></figure>`;
}

/** The report as HTML. */
export function companyReportHtml(report: CompanyReport): string {
  const { activity, drift, fairness, defaultsByBand } = report;
  const warned = activity.byBranch.filter((b) => b.warn);
  const officersWarned = activity.byOfficer.filter((o) => o.warn);
  const flaggedBranches = report.branches.filter((b) => b.flagged);
  const driftRows = drift.byBranchMonth
    .map(
      (m) =>
        `<tr><td>${escapeHtml(m.branch)}</td><td>${escapeHtml(m.month)}</td><td>${m.rows}</td><td>${num(m.score.psi)} (${escapeHtml(m.score.status)})</td>` +
        `<td>${m.featureStatus.drift} drift, ${m.featureStatus.watch} watch</td><td>${escapeHtml(m.features.slice(0, 3).map((f) => `${f.feature} ${num(f.psi)}`).join(', '))}</td></tr>`,
    )
    .join('');
  const drifted = drift.byBranchMonth.filter((m) => m.score.status === 'drift' || m.featureStatus.drift > 0);
  const fairnessSections = fairness.groupings
    .map((g) => {
      const flagged = g.model.groups.filter((x) => x.flagged).map((x) => `${x.label} (${num(x.ratio, 2)})`);
      return (
        `<h3>${escapeHtml(g.label)}</h3>` +
        `<p>Model decisions on the clients scored: ${g.model.total} clients; reference group ${escapeHtml(g.model.reference ?? 'none')}; ` +
        `${flagged.length ? `flagged below ${fairness.flagBelow}: ${escapeHtml(flagged.join(', '))}` : 'no group flagged'}.</p>` +
        bars(
          `${g.label}: approval rate by group`,
          g.model.groups.map((x) => ({ label: x.label, value: x.approvalRate, note: `n=${x.count}${x.small ? ', small' : ''}${x.flagged ? ', FLAGGED' : ''}`, alert: x.flagged })),
          { max: 1 },
        )
      );
    })
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Octroi — company monitoring</title>
<style>
body{font:14px/1.4 system-ui,"DejaVu Sans",sans-serif;margin:2em;max-width:60em;color:#222}
table{border-collapse:collapse}td,th{border:1px solid #bbb;padding:.2em .5em;text-align:left}
svg text{font-size:12px;fill:#222}.bar{fill:#0072b2}.alert{fill:#d55e00}.ref{stroke:#222;stroke-dasharray:4 3}
</style></head><body>
<h1>Octroi — company monitoring</h1>
<p>${report.branches.length} branches registered; ${flaggedBranches.length ? `<strong>flagged: ${escapeHtml(flaggedBranches.map((b) => `${b.branch} (${b.flags})`).join(', '))}</strong>` : 'none flagged'}.</p>
<h2>Overrides and approvals</h2>
<p>Override rate by branch; warned above ${pct(activity.overrideWarnRate)}: ${warned.length ? escapeHtml(warned.map((b) => `${b.branch} ${pct(b.overrideRate)}`).join(', ')) : 'no branch'}; officers warned: ${officersWarned.length ? escapeHtml(officersWarned.map((o) => `${o.username} (${o.branch}) ${pct(o.overrideRate)}`).join(', ')) : 'none'}.</p>
${bars('Override rate by branch', activity.byBranch.map((b) => ({ label: b.branch, value: b.overrideRate, note: `of ${b.decisions}`, alert: b.warn })), { line: { at: activity.overrideWarnRate, label: pct(activity.overrideWarnRate) } })}
${bars('Final approval rate by branch', activity.byBranch.map((b) => ({ label: b.branch, value: b.finalApprovalRate, note: `(model ${pct(b.modelApprovalRate)})` })), { max: 1 })}
<h2>Drift by branch and month</h2>
<p>PSI of the clients of each branch-month against the model's reference bins; stable below ${drift.thresholds.watch}, drift from ${drift.thresholds.drift}; no PSI below ${drift.minSample} clients. ${drifted.length} branch-months show drift.</p>
<table><tr><th>branch</th><th>month</th><th>clients</th><th>score PSI</th><th>features</th><th>most drifted</th></tr>${driftRows}</table>
<h2>Fairness across the company</h2>
<p>Approval rate by group; the ratio to the most-approved group is flagged below ${fairness.flagBelow} (four-fifths rule: a trigger for review, not a finding); groups under ${fairness.minGroup} clients are never flagged.</p>
${fairnessSections}
<h2>Default rate by score band</h2>
<p>${defaultsByBand.clients} clients scored whose outcome came back.</p>
${bars('Default rate by band', defaultsByBand.bands.map((b) => ({ label: `band ${b.band}`, value: b.defaultRate, note: `of ${b.clients}` })))}
</body></html>
`;
}
