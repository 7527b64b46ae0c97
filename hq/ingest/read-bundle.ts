/**
 * Reading a branch report bundle folder at HQ: the manifest and its signature file, then each data file
 * checked against the manifest (sha256, row count) and parsed with the bundle's own schemas. Nothing is
 * trusted before the signature is checked by the caller (ingest-bundle.ts), which holds the branch key.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import {
  BundleManifestSchema,
  BundleSignatureSchema,
  DecisionEntrySchema,
  MANIFEST_FILE,
  ModelInstallRowSchema,
  MonitoringAggregatesSchema,
  OutcomeRowSchema,
  PolicyChangeRowSchema,
  ScoreEventRowSchema,
  SIGNATURE_FILE,
  type BundleFile,
  type BundleManifest,
  type BundleSignature,
  type DecisionEntry,
  type ModelInstallRow,
  type MonitoringAggregates,
  type OutcomeRow,
  type PolicyChangeRow,
  type ScoreEventRow,
} from '../../model/governance/report-bundle/bundle-format.js';

/** Why a bundle was refused: `problem` is a short code, the message says what is wrong and where. */
export class BundleRefusedError extends Error {
  constructor(
    readonly problem: string,
    message: string,
    /** Whether the branch is flagged for it (a bundle that is unreadable or from an unknown branch flags nobody). */
    readonly flag = true,
  ) {
    super(message);
    this.name = 'BundleRefusedError';
  }
}

/** A bundle's manifest and signature: what is checked first. */
export interface BundleHead {
  dir: string;
  manifestBytes: Buffer;
  /** sha256 of manifest.json: names the whole bundle (the manifest holds every file's hash). */
  sha256: string;
  manifest: BundleManifest;
  signature: BundleSignature;
}

/** A bundle's content, every file checked against the manifest. */
export interface BundleContent {
  decisionLog: DecisionEntry[];
  policyChanges: PolicyChangeRow[];
  modelInstalls: ModelInstallRow[];
  scoreEvents: ScoreEventRow[];
  monitoring: MonitoringAggregates;
  /** Empty when the branch did not send outcomes (manifest content.outcomes false). */
  outcomes: OutcomeRow[];
}

function zodProblem(error: z.ZodError): string {
  const issue = error.issues[0]!;
  return `${issue.path.join('.') || '(top level)'}: ${issue.message}`;
}

/** Reads manifest.json and manifest.sig of a bundle folder. */
export function readBundleHead(dir: string): BundleHead {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    throw new BundleRefusedError('unreadable', `${dir} is not a bundle folder (written by octroi report export).`, false);
  }
  const read = (name: string) => {
    const file = path.join(dir, name);
    if (!fs.existsSync(file)) throw new BundleRefusedError('unreadable', `${dir} has no ${name}: not a complete report bundle.`, false);
    return fs.readFileSync(file);
  };
  const manifestBytes = read(MANIFEST_FILE);
  const parse = <S extends z.ZodTypeAny>(name: string, bytes: Buffer, schema: S): z.output<S> => {
    let json: unknown;
    try {
      json = JSON.parse(bytes.toString('utf8'));
    } catch {
      throw new BundleRefusedError('unreadable', `${path.join(dir, name)} is not JSON.`, false);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new BundleRefusedError('unreadable', `${path.join(dir, name)} is not a bundle ${name}: ${zodProblem(parsed.error)}.`, false);
    return parsed.data;
  };
  return {
    dir,
    manifestBytes,
    sha256: crypto.createHash('sha256').update(manifestBytes).digest('hex'),
    manifest: parse(MANIFEST_FILE, manifestBytes, BundleManifestSchema),
    signature: parse(SIGNATURE_FILE, read(SIGNATURE_FILE), BundleSignatureSchema),
  };
}

/** Reads the data files of a bundle whose manifest was verified; every file must match its hash and row count. */
export function readBundleContent(head: BundleHead): BundleContent {
  const file = (name: BundleFile): string => {
    const expected = head.manifest.files[name];
    const where = path.join(head.dir, name);
    if (!expected) throw new BundleRefusedError('manifest', `the manifest of ${head.dir} does not list ${name}.`);
    if (!fs.existsSync(where)) throw new BundleRefusedError('file-missing', `${where} is missing (the manifest lists it).`);
    const bytes = fs.readFileSync(where);
    const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
    if (sha256 !== expected.sha256) {
      throw new BundleRefusedError('file-altered', `${where} is not the file the branch signed (sha256 ${sha256.slice(0, 12)}…, manifest ${expected.sha256.slice(0, 12)}…): altered after export.`);
    }
    return bytes.toString('utf8');
  };
  const lines = <T>(name: BundleFile, schema: z.ZodType<T>): T[] => {
    const text = file(name);
    const rows = text === '' ? [] : text.replace(/\n$/, '').split('\n');
    if (rows.length !== head.manifest.files[name]!.rows) {
      throw new BundleRefusedError('manifest', `${name} holds ${rows.length} rows, the manifest says ${head.manifest.files[name]!.rows}.`);
    }
    return rows.map((line, i) => {
      let json: unknown;
      try {
        json = JSON.parse(line);
      } catch {
        throw new BundleRefusedError('unreadable', `${name} line ${i + 1} is not JSON.`);
      }
      const parsed = schema.safeParse(json);
      if (!parsed.success) throw new BundleRefusedError('unreadable', `${name} line ${i + 1}: ${zodProblem(parsed.error)}.`);
      return parsed.data;
    });
  };
  let monitoringJson: unknown;
  try {
    monitoringJson = JSON.parse(file('monitoring.json'));
  } catch (error) {
    if (error instanceof BundleRefusedError) throw error;
    throw new BundleRefusedError('unreadable', 'monitoring.json is not JSON.');
  }
  const monitoring = MonitoringAggregatesSchema.safeParse(monitoringJson);
  if (!monitoring.success) throw new BundleRefusedError('unreadable', `monitoring.json: ${zodProblem(monitoring.error)}.`);
  const { content } = head.manifest;
  if (content.outcomes !== (head.manifest.files['outcomes.jsonl'] !== undefined)) {
    throw new BundleRefusedError('manifest', `the manifest of ${head.dir} says outcomes are ${content.outcomes ? '' : 'not '}included but ${content.outcomes ? 'does not list' : 'lists'} outcomes.jsonl.`);
  }
  const scoreEvents = lines('score-events.jsonl', ScoreEventRowSchema);
  const outcomes = content.outcomes ? lines('outcomes.jsonl', OutcomeRowSchema) : [];
  checkClientRefs(head, 'score-events.jsonl', scoreEvents);
  checkClientRefs(head, 'outcomes.jsonl', outcomes);
  const seen = new Set<string | number>();
  for (const [i, o] of outcomes.entries()) {
    if (seen.has(o.client_id)) throw new BundleRefusedError('unreadable', `outcomes.jsonl line ${i + 1}: client ${o.client_id} has a second outcome (one per client).`);
    seen.add(o.client_id);
  }
  return {
    decisionLog: lines('decision-log.jsonl', DecisionEntrySchema),
    policyChanges: lines('policy-changes.jsonl', PolicyChangeRowSchema),
    modelInstalls: lines('model-installs.jsonl', ModelInstallRowSchema),
    scoreEvents,
    monitoring: monitoring.data,
    outcomes,
  };
}

/** Client ids as the manifest says: all as stored (numbers) or all pseudonyms (hex text), never a mix. */
function checkClientRefs(head: BundleHead, name: BundleFile, rows: ReadonlyArray<{ client_id: number | string }>): void {
  const pseudonymised = head.manifest.content.clientIds === 'pseudonymised';
  const bad = rows.findIndex((r) => (typeof r.client_id === 'string') !== pseudonymised);
  if (bad !== -1) {
    throw new BundleRefusedError(
      'unreadable',
      `${name} line ${bad + 1}: the manifest says client ids are ${pseudonymised ? 'pseudonymised' : 'as stored'}, this row's is ${pseudonymised ? 'a plain id' : 'a pseudonym'}.`,
    );
  }
}
