/**
 * Does a bundle continue the branch's decision-log chain from the head HQ holds? The bundle must start
 * right after HQ's head (same seq, same hash), and its entries must chain from there by the branch's own
 * rule (db/decision-log.ts checkChainRun, the code `octroi audit verify` runs). This is the anchor outside
 * the branch's file: a log rewritten at the branch, even with every hash recomputed, no longer agrees with
 * the entries HQ already holds.
 */
import { checkChainRun, GENESIS_HASH } from '../../model/governance/decision-chain.js';
import type { BundleManifest, DecisionEntry } from '../../model/governance/report-bundle/bundle-format.js';

/** What is wrong with the continuation, or null when the bundle continues the chain. */
export interface ChainBreak {
  problem: 'missing' | 'rewritten' | 'replayed' | 'altered' | 'deleted' | 'reordered' | 'inserted' | 'broken-link' | 'head-mismatch';
  message: string;
}

/** HQ's side: its head for the branch, and the hash it holds for an earlier entry (null when it holds none). */
export interface HeldChain {
  headSeq: number;
  headHash: string;
  heldHash(seq: number): Promise<string | null>;
  holds(hash: string): Promise<boolean>;
}

const short = (hash: string) => `${hash.slice(0, 12)}…`;

/** Checks that a bundle continues the chain HQ holds for its branch. */
export async function checkContinuation(held: HeldChain, manifest: BundleManifest, entries: readonly DecisionEntry[]): Promise<ChainBreak | null> {
  const { previous, head } = manifest.chain;
  if (previous.seq > held.headSeq) {
    return {
      problem: 'missing',
      message: `entries ${held.headSeq + 1}–${previous.seq} are missing: HQ holds the decision log up to entry ${held.headSeq}, this bundle continues after entry ${previous.seq} (a bundle in between was not ingested: ingest the bundles in order).`,
    };
  }
  if (previous.seq < held.headSeq) {
    const heldThere = previous.seq === 0 ? GENESIS_HASH : await held.heldHash(previous.seq);
    const first = entries[0];
    const sameStart = heldThere === previous.hash && (!first || (await held.heldHash(first.seq)) === first.hash);
    if (sameStart) {
      return {
        problem: 'replayed',
        message: `the bundle repeats entries HQ already holds: it continues after entry ${previous.seq} but HQ holds up to entry ${held.headSeq} (a replayed or re-exported old period).`,
      };
    }
    return {
      problem: 'rewritten',
      message: `the decision log was rewritten: the bundle continues after entry ${previous.seq} (hash ${short(previous.hash)}) but HQ holds entries up to ${held.headSeq}, and its entry ${previous.seq} is ${heldThere ? short(heldThere) : 'not held'}: entries HQ received were changed, removed or renumbered at the branch.`,
    };
  }
  if (previous.hash !== held.headHash) {
    return {
      problem: 'rewritten',
      message: `the decision log was rewritten: the bundle continues from entry ${previous.seq} with hash ${short(previous.hash)}, but the entry ${previous.seq} HQ received has hash ${short(held.headHash)}: the branch's log no longer agrees with what it sent before.`,
    };
  }
  // Entries are in seq order in the file (as exported); checkChainRun names the first one that breaks.
  const run = checkChainRun(entries, previous);
  if (!run.ok) {
    const bad = run.firstBad!;
    const problem = ({ altered: 'altered', 'deleted/missing': 'deleted', reordered: 'reordered', inserted: 'inserted', 'broken link': 'broken-link' } as const)[bad.problem];
    // An entry that points at one HQ already holds, other than the head, was moved from the past: reordered.
    if (problem === 'deleted' || problem === 'altered') {
      const entry = entries.find((e) => e.seq === bad.seq);
      if (entry && entry.prev_hash !== previous.hash && (await held.holds(entry.prev_hash))) {
        return { problem: 'reordered', message: `in this bundle, entry ${bad.seq} follows an entry HQ received earlier, not the entry before it: entries were moved.` };
      }
    }
    return { problem, message: `in this bundle, ${bad.message}.` };
  }
  const last = entries.at(-1);
  const lastSeq = last?.seq ?? previous.seq;
  if (lastSeq !== head.seq || run.head !== head.hash || entries.length !== manifest.chain.entries) {
    return {
      problem: 'head-mismatch',
      message: `the manifest says the log ends at entry ${head.seq} (${short(head.hash)}) with ${manifest.chain.entries} entries, the bundle's entries end at ${lastSeq} (${short(run.head)}) with ${entries.length}.`,
    };
  }
  return null;
}
