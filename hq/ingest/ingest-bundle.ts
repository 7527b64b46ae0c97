/**
 * `octroi hq ingest`: one bundle into the HQ store, in one PostgreSQL transaction. In order: the branch
 * is registered; the manifest is signed by its key; a bundle already ingested is a no-op; every file
 * matches the manifest; the period starts after the last one ingested; the decision log continues the
 * chain from the head HQ holds. A refusal says what is wrong, rolls everything back, and flags the branch
 * (except for an unreadable folder or an unknown branch, which name no registered branch).
 */
import { verifySignature } from '../../model/governance/branch-key.js';
import { branchForUpdate, flagBranch } from '../store/branches.js';
import { writeBundle } from '../store/bundle-writes.js';
import { inTransaction, type HqClient } from '../store/hq-store.js';
import { checkContinuation } from './chain-continuation.js';
import { BundleRefusedError, readBundleContent, readBundleHead } from './read-bundle.js';

/** The result of ingesting one bundle. */
export interface IngestResult {
  bundle: string;
  branch: string;
  status: 'ingested' | 'already-ingested';
  period: { from: string; to: string };
  entries: number;
  head: { seq: number; hash: string };
}

/** Ingests one bundle folder; throws BundleRefusedError (after flagging the branch when it names one). */
export async function ingestBundle(client: HqClient, dir: string): Promise<IngestResult> {
  const head = readBundleHead(dir);
  const { manifest } = head;
  const result = (status: IngestResult['status']): IngestResult => ({
    bundle: dir,
    branch: manifest.branch,
    status,
    period: manifest.period,
    entries: manifest.chain.entries,
    head: manifest.chain.head,
  });
  try {
    return await inTransaction(client, async () => {
      const branch = await branchForUpdate(client, manifest.branch);
      if (!branch) {
        throw new BundleRefusedError(
          'unknown-branch',
          `the bundle comes from the branch "${manifest.branch}", which HQ has not registered (octroi hq branch add --branch NAME --public-key FILE).`,
          false,
        );
      }
      if (!verifySignature(branch.publicKey, head.manifestBytes, Buffer.from(head.signature.signature, 'base64'))) {
        throw new BundleRefusedError(
          'bad-signature',
          `the signature of ${dir} is not the branch "${branch.name}"'s (registered key ${branch.keyId}, the bundle names ${head.signature.keyId}): altered, or signed with another key.`,
        );
      }
      const already = await client.query('SELECT 1 FROM hq_bundle WHERE bundle_sha256 = $1', [head.sha256]);
      if (already.rowCount) return result('already-ingested');
      const content = readBundleContent(head);
      const broken = await checkContinuation(
        {
          headSeq: branch.headSeq,
          headHash: branch.headHash,
          heldHash: async (seq) =>
            (await client.query<{ hash: string }>('SELECT hash FROM hq_decision_log WHERE branch = $1 AND seq = $2', [branch.name, seq])).rows[0]?.hash ?? null,
          holds: async (hash) => ((await client.query('SELECT 1 FROM hq_decision_log WHERE branch = $1 AND hash = $2', [branch.name, hash])).rowCount ?? 0) > 0,
        },
        manifest,
        content.decisionLog,
      );
      if (broken) throw new BundleRefusedError(broken.problem, `decision log of ${branch.name}: ${broken.message}`);
      if (branch.lastMonth !== null && manifest.period.from <= branch.lastMonth) {
        throw new BundleRefusedError(
          'period-overlap',
          `the bundle covers ${manifest.period.from} to ${manifest.period.to}, but HQ already holds ${branch.name} up to ${branch.lastMonth}: an old period sent again, or an export without --since.`,
        );
      }
      await writeBundle(client, head, content);
      return result('ingested');
    });
  } catch (error) {
    if (error instanceof BundleRefusedError && error.flag) await flagBranch(client, manifest.branch, head.sha256, error.problem, error.message);
    throw error;
  }
}
