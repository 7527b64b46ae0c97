/**
 * The company report as one self-contained HTML page (inline CSS and SVG bar charts, no script, no
 * external resource, every value escaped): override and approval rates by branch with the 10 % line,
 * drift by branch and month, approval by group with the four-fifths flags, default rate by band. Each plot
 * has a sentence with its key numbers; colour is never the only carrier of meaning (statuses are written).
 */
import { escapeHtml } from '../../model/governance/letters/escape-html.js';
import type { CompanyReport } from './company-report.js';
import { companyReportPlots, pct, type ReportPlot } from './report-plots.js';

const num = (v: number | null, digits = 3) => (v === null ? '—' : v.toFixed(digits));

/** The report as HTML. */
export function companyReportHtml(report: CompanyReport): string {
  const { activity, drift, fairness, defaultsByBand } = report;
  const plots = new Map(companyReportPlots(report).map((p) => [p.name, p]));
  const figure = (name: string) => `<figure>${(plots.get(name) as ReportPlot).svg}</figure>`;
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
        figure(`approval-by-${g.attribute}`)
      );
    })
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Octroi — company monitoring</title>
<style>
body{font:14px/1.4 system-ui,"DejaVu Sans",sans-serif;margin:2em;max-width:60em;color:#222}
table{border-collapse:collapse}td,th{border:1px solid #bbb;padding:.2em .5em;text-align:left}
</style></head><body>
<h1>Octroi — company monitoring</h1>
<p>${report.branches.length} branches registered; ${flaggedBranches.length ? `<strong>flagged: ${escapeHtml(flaggedBranches.map((b) => `${b.branch} (${b.flags})`).join(', '))}</strong>` : 'none flagged'}.</p>
<h2>Overrides and approvals</h2>
<p>Override rate by branch; warned above ${pct(activity.overrideWarnRate)}: ${warned.length ? escapeHtml(warned.map((b) => `${b.branch} ${pct(b.overrideRate)}`).join(', ')) : 'no branch'}; officers warned: ${officersWarned.length ? escapeHtml(officersWarned.map((o) => `${o.username} (${o.branch}) ${pct(o.overrideRate)}`).join(', ')) : 'none'}.</p>
${figure('override-rate-by-branch')}
${figure('final-approval-rate-by-branch')}
<h2>Drift by branch and month</h2>
<p>PSI of the clients of each branch-month against the model's reference bins; stable below ${drift.thresholds.watch}, drift from ${drift.thresholds.drift}; no PSI below ${drift.minSample} clients. ${drifted.length} branch-months show drift.</p>
<table><tr><th>branch</th><th>month</th><th>clients</th><th>score PSI</th><th>features</th><th>most drifted</th></tr>${driftRows}</table>
<h2>Fairness across the company</h2>
<p>Approval rate by group; the ratio to the most-approved group is flagged below ${fairness.flagBelow} (four-fifths rule: a trigger for review, not a finding); groups under ${fairness.minGroup} clients are never flagged.</p>
${fairnessSections}
<h2>Default rate by score band</h2>
<p>${defaultsByBand.clients} clients scored whose outcome came back${defaultsByBand.fromOutcomes.length ? `; outcomes sent by ${escapeHtml(defaultsByBand.fromOutcomes.join(', '))}, joined to their scores` : ''}${defaultsByBand.fromExportCounts.length ? `; counts as exported (outcomes known at the time) for ${escapeHtml(defaultsByBand.fromExportCounts.join(', '))}` : ''}.</p>
${figure('default-rate-by-band')}
</body></html>
`;
}
