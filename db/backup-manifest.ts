/**
 * The manifest written beside every backup (`<backup>.manifest.json`): what the file must be for a restore
 * to trust it — its SHA-256 and size, the row count of every table, the decision log's entry count and head,
 * the schema version, when it was made (and, when the branch key was given, a signed audit checkpoint).
 * A byte changed inside a row leaves SQLite's integrity_check ok; it does not leave the SHA-256 unchanged.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { openKeyedConnection, type DatabaseKey } from './database-key.js';
import { GENESIS_HASH, verifyDecisionLog, type ChainVerification } from './decision-log.js';
import type { Db } from './open-database.js';
import { tableRowCount } from './queries/tables.js';

export const MANIFEST_FORMAT = 'octroi-backup-manifest/1';

export interface BackupManifest {
  format: typeof MANIFEST_FORMAT;
  /** The backup's file name (the manifest sits beside it). */
  file: string;
  bytes: number;
  sha256: string;
  schemaVersion: number;
  createdAt: string;
  /** Rows of every table, by name. */
  tables: Record<string, number>;
  decisionLog: { entries: number; head: string };
  /** A signed audit checkpoint of the backup's log (model/governance/audit-checkpoint.ts), when made with the branch key. */
  checkpoint?: unknown;
}

/** Where the manifest of a backup is. */
export function manifestPath(backupFile: string): string {
  return `${backupFile}.manifest.json`;
}

/** sha256 (hex) of a file, streamed. */
export async function fileSha256(file: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** What a database holds: row counts of every table and the log's chain. */
export interface DatabaseFacts {
  tables: Record<string, number>;
  chain: ChainVerification;
}

/**
 * Row counts of every table and the log's chain, read from an open database (a database from before the
 * decision log has an empty, intact chain).
 */
export function databaseFacts(db: Db): DatabaseFacts {
  const names = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
  const tables = Object.fromEntries(names.map((name) => [name, tableRowCount(db, name)]));
  return { tables, chain: names.includes('decision_log') ? verifyDecisionLog(db) : { ok: true, entries: 0, head: GENESIS_HASH } };
}

/** Reads a backup's facts (read-only, with the backup's key). */
export function backupFacts(file: string, key: DatabaseKey | null): DatabaseFacts & { schemaVersion: number } {
  const db = openKeyedConnection(file, key, { readonly: true });
  try {
    return { ...databaseFacts(db), schemaVersion: db.pragma('user_version', { simple: true }) as number };
  } finally {
    db.close();
  }
}

/** Builds the manifest of a backup file just written (and checked). */
export async function buildManifest(backupFile: string, key: DatabaseKey | null, now = new Date()): Promise<BackupManifest> {
  const facts = backupFacts(backupFile, key);
  return {
    format: MANIFEST_FORMAT,
    file: path.basename(backupFile),
    bytes: fs.statSync(backupFile).size,
    sha256: await fileSha256(backupFile),
    schemaVersion: facts.schemaVersion,
    createdAt: now.toISOString(),
    tables: facts.tables,
    decisionLog: { entries: facts.chain.entries, head: facts.chain.head },
  };
}

/** Writes a manifest beside its backup (replacing an older one: it describes the file as it is now). */
export function writeManifest(backupFile: string, manifest: BackupManifest): string {
  const file = manifestPath(backupFile);
  fs.writeFileSync(`${file}.partial`, `${JSON.stringify(manifest, null, 2)}\n`);
  fs.renameSync(`${file}.partial`, file);
  return file;
}

/** Reads the manifest beside a backup; null when there is none; throws (with words) when it is not one. */
export function readManifest(backupFile: string): BackupManifest | null {
  const file = manifestPath(backupFile);
  if (!fs.existsSync(file)) return null;
  let value: Partial<BackupManifest>;
  try {
    value = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<BackupManifest>;
  } catch {
    throw new Error(`${file} is not a backup manifest (not JSON): it was damaged or replaced.`);
  }
  const ok =
    value.format === MANIFEST_FORMAT &&
    typeof value.sha256 === 'string' &&
    typeof value.bytes === 'number' &&
    typeof value.schemaVersion === 'number' &&
    typeof value.tables === 'object' &&
    value.tables !== null &&
    typeof value.decisionLog?.entries === 'number' &&
    typeof value.decisionLog.head === 'string';
  if (!ok) throw new Error(`${file} is not an Octroi backup manifest (${MANIFEST_FORMAT}): it was damaged or replaced.`);
  return value as BackupManifest;
}

/**
 * Every way the backup differs from its manifest, in words (empty: it is the file the manifest describes):
 * its bytes (SHA-256, size), schema, a table's row count, the decision log's chain and head.
 */
export async function manifestMismatches(backupFile: string, key: DatabaseKey | null, manifest: BackupManifest): Promise<string[]> {
  const problems: string[] = [];
  const bytes = fs.statSync(backupFile).size;
  if (bytes !== manifest.bytes) problems.push(`its size is ${bytes} bytes, the manifest says ${manifest.bytes}`);
  const sha256 = await fileSha256(backupFile);
  if (sha256 !== manifest.sha256) problems.push(`its SHA-256 is ${sha256.slice(0, 16)}…, the manifest says ${manifest.sha256.slice(0, 16)}…: the file was changed after the backup`);
  const facts = backupFacts(backupFile, key);
  if (facts.schemaVersion !== manifest.schemaVersion) problems.push(`its schema version is ${facts.schemaVersion}, the manifest says ${manifest.schemaVersion}`);
  const names = new Set([...Object.keys(facts.tables), ...Object.keys(manifest.tables)]);
  for (const name of [...names].sort()) {
    if (facts.tables[name] !== manifest.tables[name]) problems.push(`table ${name} has ${facts.tables[name] ?? 'no'} rows, the manifest says ${manifest.tables[name] ?? 'none'}`);
  }
  if (!facts.chain.ok) problems.push(`its decision log is NOT intact: ${facts.chain.firstBad?.message ?? 'unknown problem'}`);
  else if (facts.chain.entries !== manifest.decisionLog.entries || facts.chain.head !== manifest.decisionLog.head) {
    problems.push(`its decision log has ${facts.chain.entries} entries (head ${facts.chain.head.slice(0, 16)}…), the manifest says ${manifest.decisionLog.entries} (head ${manifest.decisionLog.head.slice(0, 16)}…)`);
  }
  return problems;
}
