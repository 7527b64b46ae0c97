/**
 * `octroi hq …`: HQ's side — register branches and their public keys, ingest branch report bundles into
 * the PostgreSQL store (continuing each branch's decision-log chain), and the company-wide report.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Option, type Command } from 'commander';
import { BranchKeyError } from '../../model/governance/branch-key.js';
import { LANGS, type Lang } from '../../common/lang.js';
import { ingestBundle, type IngestResult } from '../../hq/ingest/ingest-bundle.js';
import { BundleRefusedError } from '../../hq/ingest/read-bundle.js';
import { companyReport } from '../../hq/report/company-report.js';
import { companyReportHtml } from '../../hq/report/report-html.js';
import { companyReportPlots } from '../../hq/report/report-plots.js';
import { plotPng } from '../../hq/report/plot-png.js';
import { addBranch, listBranches } from '../../hq/store/branches.js';
import { HqStoreError, openHqStore, type HqClient } from '../../hq/store/hq-store.js';
import { CliError } from '../cli-error.js';

/** Runs `work` on a connection to the store, every store or key problem as a one-line CLI error. */
async function withStore<T>(url: string, work: (client: HqClient) => Promise<T>): Promise<T> {
  let client: HqClient;
  try {
    client = await openHqStore(url);
  } catch (error) {
    if (error instanceof HqStoreError) throw new CliError(error.message);
    throw error;
  }
  try {
    return await work(client);
  } catch (error) {
    if (error instanceof HqStoreError || error instanceof BranchKeyError) throw new CliError(error.message);
    throw error;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export function registerHq(program: Command): void {
  const hq = program.command('hq').description('HQ: the store of every branch’s reports (PostgreSQL), ingest, company report.');
  const branch = hq.command('branch').description('The branches HQ accepts bundles from.');
  branch
    .command('add')
    .description('Register a branch and the public key its bundles are signed with (octroi branch-key create writes it).')
    .requiredOption('--pg <url>', 'the HQ store, postgres://user@host:port/db')
    .requiredOption('--branch <name>', 'the branch name, as its bundles give it')
    .requiredOption('--public-key <file>', 'the branch public key (.pub.pem)')
    .action(async (options: { pg: string; branch: string; publicKey: string }) => {
      if (!fs.existsSync(options.publicKey)) throw new CliError(`the public key ${options.publicKey} does not exist`);
      const pem = fs.readFileSync(options.publicKey, 'utf8');
      const result = await withStore(options.pg, (client) => addBranch(client, options.branch, pem, options.publicKey));
      process.stdout.write(`${result.added ? 'Registered' : 'Already registered'}: branch "${options.branch}" with key ${result.keyId}.\n`);
    });
  branch
    .command('list')
    .description('The registered branches: key, the decision-log head HQ holds, the last month received, flags.')
    .requiredOption('--pg <url>', 'the HQ store')
    .option('--json', 'print JSON', false)
    .action(async (options: { pg: string; json: boolean }) => {
      const branches = await withStore(options.pg, (client) => listBranches(client));
      if (options.json) process.stdout.write(`${JSON.stringify(branches)}\n`);
      else
        for (const b of branches) {
          process.stdout.write(`${b.name}\tkey ${b.keyId}\tentries up to ${b.headSeq}\tlast month ${b.lastMonth ?? '—'}\t${b.flagged ? `FLAGGED (${b.flags})` : 'ok'}\n`);
        }
    });

  hq.command('ingest')
    .description('Ingest branch report bundles: signature, file hashes, chain continuation; each in one transaction.')
    .requiredOption('--pg <url>', 'the HQ store')
    .argument('<bundle...>', 'bundle folders (octroi report export), oldest first')
    .option('--json', 'print one JSON line per bundle', false)
    .addHelpText('after', '\nExit code 0 when every bundle was ingested (or already was), 2 when one was refused (the others still go in).')
    .action(async (bundles: string[], options: { pg: string; json: boolean }) => {
      let refused = 0;
      await withStore(options.pg, async (client) => {
        for (const dir of bundles) {
          let result: IngestResult;
          try {
            result = await ingestBundle(client, dir);
          } catch (error) {
            if (!(error instanceof BundleRefusedError)) throw error;
            refused++;
            if (options.json) process.stdout.write(`${JSON.stringify({ bundle: dir, status: 'refused', problem: error.problem, message: error.message })}\n`);
            process.stderr.write(`octroi: ${dir} REFUSED [${error.problem}]: ${error.message}${error.flag ? ' The branch is flagged.' : ''}\n`);
            continue;
          }
          process.stdout.write(
            options.json
              ? `${JSON.stringify(result)}\n`
              : result.status === 'already-ingested'
                ? `${dir}: already ingested (nothing changed).\n`
                : `${dir}: ${result.branch}, ${result.period.from} to ${result.period.to}, ${result.entries} decision-log entries, head now ${result.head.seq}.\n`,
          );
        }
      });
      if (refused > 0) process.exitCode = 2;
    });

  hq.command('report')
    .description('The company-wide monitoring report: overrides and approvals, drift, fairness, defaults by band.')
    .requiredOption('--pg <url>', 'the HQ store')
    .option('--json', 'print the report as JSON', false)
    .option('--out <dir>', 'also write report.json, report.html and each plot as SVG and PNG (plots/) into this folder')
    .addOption(new Option('--lang <lang>', 'labels’ language').choices([...LANGS]).default('en'))
    .action(async (options: { pg: string; json: boolean; out?: string; lang: Lang }) => {
      const report = await withStore(options.pg, (client) => companyReport(client, { lang: options.lang }));
      if (options.out) {
        fs.mkdirSync(options.out, { recursive: true });
        fs.writeFileSync(path.join(options.out, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
        fs.writeFileSync(path.join(options.out, 'report.html'), companyReportHtml(report));
        const plots = path.join(options.out, 'plots');
        fs.mkdirSync(plots, { recursive: true });
        for (const plot of companyReportPlots(report)) {
          fs.writeFileSync(path.join(plots, `${plot.name}.svg`), `${plot.svg}\n`);
          fs.writeFileSync(path.join(plots, `${plot.name}.png`), plotPng(plot));
        }
      }
      if (options.json) {
        process.stdout.write(`${JSON.stringify(report)}\n`);
        return;
      }
      const pct = (v: number | null) => (v === null ? '—' : `${(100 * v).toFixed(1)} %`);
      const lines = [
        `Branches: ${report.branches.map((b) => `${b.branch}${b.flagged ? ` (FLAGGED, ${b.flags})` : ''}`).join(', ') || 'none'}`,
        'Overrides by branch (warned above 10 %):',
        ...report.activity.byBranch.map((b) => `  ${b.branch}: ${pct(b.overrideRate)} of ${b.decisions} decisions${b.warn ? '  WARN' : ''}; final approval ${pct(b.finalApprovalRate)}`),
        `Officers warned: ${report.activity.byOfficer.filter((o) => o.warn).map((o) => `${o.username} (${o.branch}) ${pct(o.overrideRate)} of ${o.decisions}`).join(', ') || 'none'}`,
        'Drift (score PSI by branch and month):',
        ...report.drift.byBranchMonth.map((m) => `  ${m.branch} ${m.month}: ${m.rows} clients, ${m.score.psi === null ? 'insufficient' : `${m.score.psi.toFixed(3)} ${m.score.status}`}, features drifted ${m.featureStatus.drift}`),
        'Fairness (model decisions on clients scored; flagged below 0.8):',
        ...report.fairness.groupings.map((g) => `  ${g.label}: ${g.model.groups.filter((x) => x.count > 0).map((x) => `${x.label} ${pct(x.approvalRate)}${x.flagged ? ' FLAGGED' : ''}`).join(', ')}`),
        `Default rate by band (${report.defaultsByBand.clients} outcomes${report.defaultsByBand.fromOutcomes.length ? `; outcomes sent by ${report.defaultsByBand.fromOutcomes.join(', ')}` : ''}): ` +
          report.defaultsByBand.bands.map((b) => `${b.band} ${pct(b.defaultRate)}`).join(', '),
      ];
      if (options.out) lines.push(`Written: ${path.join(options.out, 'report.json')}, ${path.join(options.out, 'report.html')}, ${path.join(options.out, 'plots')}/*.svg and *.png`);
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}
