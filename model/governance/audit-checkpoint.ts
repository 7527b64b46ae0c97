/**
 * Audit checkpoints: the decision log's head (entry count, last hash, time) signed with the branch's key
 * and kept OUTSIDE the database (a folder IT chooses, every backup's manifest). The hash chain shows an
 * entry changed in place; only a copy of the head held elsewhere shows the last entries deleted together
 * with the head record, or the whole chain rewritten with recomputed hashes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { verifyDecisionLog } from '../../db/decision-log.js';
import type { Db } from '../../db/open-database.js';
import { parseBranchPublicKey, verifySignature, type BranchKey } from './branch-key.js';

export const CHECKPOINT_FORMAT = 'octroi-audit-checkpoint/1';

const CheckpointSchema = z
  .object({
    format: z.literal(CHECKPOINT_FORMAT),
    /** The database file's name (not its path: the checkpoint may be read on another machine). */
    database: z.string().max(1000),
    entries: z.number().int().nonnegative(),
    head: z.string().regex(/^[0-9a-f]{64}$/),
    at: z.string().datetime(),
    keyId: z.string().max(100),
    publicKeyPem: z.string().max(1000),
    /** Ed25519 signature (base64) of signedBytes(checkpoint). */
    signature: z.string().max(200),
  })
  .strict();

export type AuditCheckpoint = z.infer<typeof CheckpointSchema>;

/** A checkpoint that cannot be made or read; the message says what is wrong and what to do. */
export class CheckpointError extends Error {
  override name = 'CheckpointError';
}

/** The bytes signed: every field but the signature, in a fixed order. */
function signedBytes(c: Omit<AuditCheckpoint, 'signature'>): Buffer {
  return Buffer.from(JSON.stringify([c.format, c.database, c.entries, c.head, c.at, c.keyId, c.publicKeyPem]), 'utf8');
}

/**
 * The signed head of a database's log. Refuses a log whose chain is broken: a checkpoint vouches for a log
 * that was intact when it was made.
 */
export function makeCheckpoint(db: Db, databaseName: string, key: BranchKey, now = new Date()): AuditCheckpoint {
  const chain = verifyDecisionLog(db);
  if (!chain.ok) throw new CheckpointError(`the decision log is NOT intact (${chain.firstBad?.message ?? 'unknown problem'}): no checkpoint is written for it.`);
  const unsigned = { format: CHECKPOINT_FORMAT, database: databaseName, entries: chain.entries, head: chain.head, at: now.toISOString(), keyId: key.keyId, publicKeyPem: key.publicKeyPem } as const;
  return { ...unsigned, signature: key.sign(signedBytes(unsigned)).toString('base64') };
}

/** Writes a checkpoint as `audit-checkpoint-<time>.json` in `dir` (never overwriting one); returns its path. */
export function writeCheckpoint(dir: string, checkpoint: AuditCheckpoint): string {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new CheckpointError(`${dir} is not a folder: create it first (a folder outside the database's, ideally on another disk or machine).`);
  const file = path.join(dir, `audit-checkpoint-${checkpoint.at.replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(file, `${JSON.stringify(checkpoint, null, 2)}\n`, { flag: 'wx' });
  return file;
}

/** Reads a checkpoint (a file written by writeCheckpoint, or the `checkpoint` of a backup manifest). */
export function parseCheckpoint(value: unknown, what: string): AuditCheckpoint {
  const parsed = CheckpointSchema.safeParse(value);
  if (!parsed.success) throw new CheckpointError(`${what} is not an Octroi audit checkpoint (${parsed.error.issues[0]?.path.join('.') || 'format'} is wrong).`);
  return parsed.data;
}

/** Reads a checkpoint file. */
export function readCheckpoint(file: string): AuditCheckpoint {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new CheckpointError(`cannot read the checkpoint ${file}: no such file, or not readable.`);
  }
  try {
    return parseCheckpoint(JSON.parse(text), file);
  } catch (error) {
    if (error instanceof CheckpointError) throw error;
    throw new CheckpointError(`${file} is not an Octroi audit checkpoint (not JSON).`);
  }
}

/**
 * Checks a checkpoint's signature, by the key it names, and, when the branch's public key is given (the
 * one HQ registered), that it is that key: without it, a forger could sign with a key of their own.
 */
export function checkCheckpointSignature(checkpoint: AuditCheckpoint, trustedPublicKeyPem?: string): void {
  const { signature, ...unsigned } = checkpoint;
  const embedded = parseBranchPublicKey(checkpoint.publicKeyPem, 'the checkpoint\'s public key');
  if (embedded.keyId !== checkpoint.keyId) throw new CheckpointError(`the checkpoint names key ${checkpoint.keyId} but holds key ${embedded.keyId}: it was edited.`);
  if (trustedPublicKeyPem !== undefined) {
    const trusted = parseBranchPublicKey(trustedPublicKeyPem, 'the branch public key given');
    if (trusted.keyId !== checkpoint.keyId) throw new CheckpointError(`the checkpoint is signed by key ${checkpoint.keyId}, not by this branch's key ${trusted.keyId}.`);
  }
  if (!verifySignature(embedded.key, signedBytes(unsigned), Buffer.from(signature, 'base64'))) {
    throw new CheckpointError('the checkpoint\'s signature does not match its content: it was edited after it was signed.');
  }
}
