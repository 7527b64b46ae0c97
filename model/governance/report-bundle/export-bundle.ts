/**
 * `octroi report export`: writes what HQ needs of a branch for a period of whole months into one folder
 * (bundle-format.ts), signed with the branch key. The period runs from the month after the previous
 * bundle's (--since) — or the first month with activity — to the last complete month (or --until). The
 * decision log goes from the entry after the previous bundle's head, with that entry's hash *as the log
 * holds it now*: if the branch's log was rewritten since, HQ sees it at once.
 *
 * Deterministic: the same database, model and period give the same bytes (sorted keys, rows in key order,
 * no clock inside but the period), so exporting twice the same period gives the same bundle.
 *
 * Outcomes only when asked (withOutcomes); client ids of score events and outcomes replaced by keyed
 * pseudonyms when IT gives a key (client-pseudonym.ts). The manifest says which.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { GENESIS_HASH } from '../decision-chain.js';
import {
  branchNames,
  firstActivityMonth,
  logEntriesAfter,
  knownOutcomes,
  logEntryHash,
  modelInstallsIn,
  policyChangesIn,
  scoreEventsIn,
} from '../../../db/report-bundle-queries.js';
import type { Db } from '../../../db/open-database.js';
import type { ScoringEngine } from '../../scoring/scoring-engine.js';
import { verifySignature, type BranchKey } from '../branch-key.js';
import { addMonths, isMonth } from '../monitoring/monitoring-window.js';
import {
  BUNDLE_FORMAT,
  BundleManifestSchema,
  BundleSignatureSchema,
  MANIFEST_FILE,
  SIGNATURE_FILE,
  type BundleFile,
  type BundleManifest,
  type ClientRef,
} from './bundle-format.js';
import { canonicalJson } from './canonical-json.js';
import type { ClientPseudonymiser } from './client-pseudonym.js';
import { monitoringAggregates, type MonthPeriod } from './monitoring-aggregates.js';

/** A bundle that cannot be written as asked; the message says why and what to do. */
export class BundleExportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BundleExportError';
  }
}

export interface ExportBundleOptions {
  /** The branch's name as HQ registered it (default: the one branch the database knows). */
  branch?: string;
  appVersion: string;
  /** The previous bundle's folder: this one continues after it. */
  since?: string;
  /** The last month, 'YYYY-MM' (default: the month before `now`'s, the last complete one). */
  until?: string;
  /** Only to find the last complete month. */
  now?: Date;
  /** Send the known outcomes (TARGET) of the clients scored or decided on (for retraining, defaults by band). */
  withOutcomes?: boolean;
  /** Replace the client ids of score events and outcomes by keyed pseudonyms. */
  pseudonymiser?: ClientPseudonymiser;
}

/** Reads and checks the previous bundle (--since): its manifest, signed by this branch's key. */
function previousManifest(dir: string, key: BranchKey): BundleManifest {
  const manifestFile = path.join(dir, MANIFEST_FILE);
  if (!fs.existsSync(manifestFile)) throw new BundleExportError(`--since ${dir}: no ${MANIFEST_FILE} there; give the folder of the previous bundle.`);
  const bytes = fs.readFileSync(manifestFile);
  let manifest: BundleManifest;
  let signature;
  try {
    manifest = BundleManifestSchema.parse(JSON.parse(bytes.toString('utf8')));
    signature = BundleSignatureSchema.parse(JSON.parse(fs.readFileSync(path.join(dir, SIGNATURE_FILE), 'utf8')));
  } catch {
    throw new BundleExportError(`--since ${dir} is not a report bundle (its manifest or signature cannot be read).`);
  }
  if (!verifySignature(key.publicKeyPem, bytes, Buffer.from(signature.signature, 'base64'))) {
    throw new BundleExportError(`--since ${dir} was not signed by this branch key (${key.keyId}): give this branch's previous bundle.`);
  }
  return manifest;
}

/** The branch name: as given, else the only one the database knows. */
function branchName(db: Db, given: string | undefined): string {
  if (given !== undefined) {
    if (given.trim() === '') throw new BundleExportError('--branch must not be empty.');
    return given;
  }
  const names = branchNames(db);
  if (names.length === 1) return names[0]!;
  throw new BundleExportError(
    names.length === 0
      ? 'the database names no branch (its users have none): pass --branch NAME, as HQ registered it.'
      : `the database knows several branches (${names.join(', ')}): pass --branch NAME, as HQ registered it.`,
  );
}

/** The period of the bundle: whole months. */
function bundlePeriod(db: Db, previous: BundleManifest | null, options: ExportBundleOptions): MonthPeriod {
  const now = options.now ?? new Date();
  const lastComplete = addMonths(now.toISOString().slice(0, 7), -1);
  if (options.until !== undefined && !isMonth(options.until)) throw new BundleExportError(`--until must be a month YYYY-MM, got "${options.until}".`);
  const to = options.until ?? lastComplete;
  const from = previous ? addMonths(previous.period.to, 1) : (firstActivityMonth(db) ?? to);
  if (from > to) {
    throw new BundleExportError(
      previous
        ? `nothing to export yet: the previous bundle ends with ${previous.period.to} and the last complete month is ${to} (a month is exported once it is over; --until YYYY-MM to choose).`
        : `nothing to export: the first activity is in ${from}, after ${to} (--until YYYY-MM to choose the last month).`,
    );
  }
  const months: string[] = [];
  for (let m = from; m <= to; m = addMonths(m, 1)) months.push(m);
  return { months, from: `${from}-01`, to: `${addMonths(to, 1)}-01` };
}

const jsonLines = (rows: readonly unknown[]) => rows.map((row) => `${canonicalJson(row)}\n`).join('');

/** Writes the bundle into `outDir` (which must not exist yet); returns its manifest. */
export async function exportReportBundle(db: Db, engine: ScoringEngine, key: BranchKey, outDir: string, options: ExportBundleOptions): Promise<BundleManifest> {
  if (fs.existsSync(outDir)) throw new BundleExportError(`${outDir} already exists: a bundle is written into a new folder (choose another --out).`);
  const previous = options.since ? previousManifest(options.since, key) : null;
  const branch = branchName(db, options.branch);
  if (previous && previous.branch !== branch) throw new BundleExportError(`--since ${options.since} is a bundle of "${previous.branch}", not of "${branch}".`);
  const period = bundlePeriod(db, previous, options);

  const previousSeq = previous?.chain.head.seq ?? 0;
  // The previous head's hash as this log holds it now (not as the previous manifest says): a rewrite shows.
  const previousHash = previousSeq === 0 ? GENESIS_HASH : (logEntryHash(db, previousSeq) ?? GENESIS_HASH);
  const entries = logEntriesAfter(db, previousSeq, period.to);
  const last = entries.at(-1);
  const { pseudonymiser } = options;
  const clientRef = (id: number): ClientRef => (pseudonymiser ? pseudonymiser.pseudonym(id) : id);
  const files: Partial<Record<BundleFile, string>> = {
    'decision-log.jsonl': jsonLines(entries),
    'policy-changes.jsonl': jsonLines(policyChangesIn(db, period)),
    'model-installs.jsonl': jsonLines(modelInstallsIn(db, period)),
    'score-events.jsonl': jsonLines(scoreEventsIn(db, period).map((e) => ({ ...e, client_id: clientRef(e.client_id) }))),
    'monitoring.json': `${canonicalJson(await monitoringAggregates(db, engine, period))}\n`,
  };
  if (options.withOutcomes) {
    const outcomes = knownOutcomes(db, period.to).map((o) => ({ client_id: clientRef(o.clientId), target: o.target }));
    // Pseudonyms in their own order: in client-id order they would give away each id's rank.
    if (pseudonymiser) outcomes.sort((a, b) => (a.client_id < b.client_id ? -1 : a.client_id > b.client_id ? 1 : 0));
    files['outcomes.jsonl'] = jsonLines(outcomes);
  }
  const manifest: BundleManifest = {
    format: BUNDLE_FORMAT,
    kind: 'octroi-branch-report',
    branch,
    appVersion: options.appVersion,
    period: { from: period.months[0]!, to: period.months.at(-1)! },
    content: {
      outcomes: options.withOutcomes === true,
      clientIds: pseudonymiser ? 'pseudonymised' : 'as-stored',
      ...(pseudonymiser ? { pseudonymKeyId: pseudonymiser.keyId } : {}),
    },
    chain: {
      previous: { seq: previousSeq, hash: previousHash },
      head: last ? { seq: last.seq, hash: last.hash } : { seq: previousSeq, hash: previousHash },
      entries: entries.length,
    },
    files: Object.fromEntries(
      Object.entries(files).map(([name, text]) => [
        name,
        { rows: name.endsWith('.jsonl') ? (text!.match(/\n/g)?.length ?? 0) : 1, sha256: crypto.createHash('sha256').update(text!, 'utf8').digest('hex') },
      ]),
    ) as BundleManifest['files'],
  };
  const manifestBytes = Buffer.from(`${canonicalJson(manifest)}\n`, 'utf8');
  const signature = { algorithm: 'ed25519', keyId: key.keyId, signature: key.sign(manifestBytes).toString('base64') };

  // Written beside and renamed when complete: IT never moves a half-written bundle.
  const staging = `${outDir}.partial-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  fs.mkdirSync(staging, { recursive: true });
  try {
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(staging, name), text!);
    fs.writeFileSync(path.join(staging, MANIFEST_FILE), manifestBytes);
    fs.writeFileSync(path.join(staging, SIGNATURE_FILE), `${canonicalJson(signature)}\n`);
    fs.renameSync(staging, outDir);
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  return manifest;
}
