/**
 * The decision log's chain rule for the code above db/: HQ checks the entries a branch sends with the
 * branch's own rule (db/decision-log.ts checkChainRun, what `octroi audit verify` runs), never a copy.
 */
export { checkChainRun, GENESIS_HASH, type ChainStart, type ChainVerification } from '../../db/decision-log.js';
