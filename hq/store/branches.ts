/** Registered branches: their public keys, the chain head HQ holds for each, and the flags of refused bundles. */
import { parseBranchPublicKey } from '../../model/governance/branch-key.js';
import { HqStoreError, type HqClient } from './hq-store.js';

/** A registered branch as the store holds it. */
export interface HqBranch {
  name: string;
  publicKey: string;
  keyId: string;
  headSeq: number;
  headHash: string;
  lastMonth: string | null;
  flagged: boolean;
}

/**
 * Registers a branch and the public key its bundles must be signed with. Registering the same key again is
 * a no-op; another key for a known branch is refused (a key change is an IT procedure: a new branch name,
 * or the store's administrator updates it knowingly).
 */
export async function addBranch(client: HqClient, name: string, publicKeyPem: string, keyFile: string): Promise<{ added: boolean; keyId: string }> {
  if (name.trim() === '') throw new HqStoreError('--branch must name the branch (as its bundles do).');
  const { keyId } = parseBranchPublicKey(publicKeyPem, keyFile);
  const existing = await client.query<{ key_id: string }>('SELECT key_id FROM hq_branch WHERE name = $1', [name]);
  if (existing.rows[0]) {
    if (existing.rows[0].key_id === keyId) return { added: false, keyId };
    throw new HqStoreError(`the branch "${name}" is already registered with another key (${existing.rows[0].key_id}); ${keyFile} is ${keyId}.`);
  }
  await client.query('INSERT INTO hq_branch (name, public_key, key_id) VALUES ($1, $2, $3)', [name, publicKeyPem, keyId]);
  return { added: true, keyId };
}

/** A branch, locked for the rest of the transaction (two ingests of one branch never interleave), or null. */
export async function branchForUpdate(client: HqClient, name: string): Promise<HqBranch | null> {
  const { rows } = await client.query(
    `SELECT name, public_key AS "publicKey", key_id AS "keyId", head_seq AS "headSeq", head_hash AS "headHash",
            last_month AS "lastMonth", flagged FROM hq_branch WHERE name = $1 FOR UPDATE`,
    [name],
  );
  return (rows[0] as HqBranch | undefined) ?? null;
}

/** Every registered branch, by name. */
export async function listBranches(client: HqClient): Promise<Array<Omit<HqBranch, 'publicKey'> & { flags: number }>> {
  const { rows } = await client.query(
    `SELECT b.name, b.key_id AS "keyId", b.head_seq AS "headSeq", b.head_hash AS "headHash", b.last_month AS "lastMonth", b.flagged,
            (SELECT count(*)::int FROM hq_branch_flag f WHERE f.branch = b.name) AS flags
     FROM hq_branch b ORDER BY b.name`,
  );
  return rows as Array<Omit<HqBranch, 'publicKey'> & { flags: number }>;
}

/** Flags a branch with what was wrong with a bundle it sent (its own transaction: the refusal itself rolled back). */
export async function flagBranch(client: HqClient, name: string, bundleSha256: string, problem: string, message: string): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query('UPDATE hq_branch SET flagged = true WHERE name = $1', [name]);
    await client.query('INSERT INTO hq_branch_flag (branch, bundle_sha256, problem, message) VALUES ($1, $2, $3, $4)', [name, bundleSha256, problem, message]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** The flags of a branch, newest first. */
export async function branchFlags(client: HqClient, name: string): Promise<Array<{ problem: string; message: string; bundleSha256: string }>> {
  const { rows } = await client.query(
    'SELECT problem, message, bundle_sha256 AS "bundleSha256" FROM hq_branch_flag WHERE branch = $1 ORDER BY flag_id DESC',
    [name],
  );
  return rows as Array<{ problem: string; message: string; bundleSha256: string }>;
}
