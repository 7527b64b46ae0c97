/**
 * The decision log (decision_log): append-only (triggers forbid UPDATE and DELETE), each entry chained by
 * hash to the one before. Appending, reading, and checking the chain.
 */
import { writeSetting, readSetting } from './app-settings.js';
import { entryHash, GENESIS_HASH, type DecisionLogRow } from './decision-entry-hash.js';
import type { Db } from './open-database.js';

export { GENESIS_HASH, type DecisionLogRow } from './decision-entry-hash.js';

/**
 * The last entry's seq and hash, rewritten with every append (same transaction): deleting the last entries
 * leaves no gap in the chain, only a head that no longer matches. It lives in the same file, so it stops a
 * careless edit, not someone who rewrites it too: `octroi audit verify --json` prints the head to keep elsewhere.
 */
export const AUDIT_HEAD_KEY = 'audit.head';

/** What an entry needs; seq, prev_hash, hash (and recorded_at, unless given) are filled in on append. */
export type NewLogEntry = Omit<DecisionLogRow, 'seq' | 'prev_hash' | 'hash' | 'recorded_at'> & { recorded_at?: string };

/** Appends one entry at the end of the chain, in one transaction; returns the stored row. */
export function appendLogEntry(db: Db, entry: NewLogEntry, now = new Date()): DecisionLogRow {
  const append = db.transaction(() => {
    const last = db.prepare<[], { seq: number; hash: string }>('SELECT seq, hash FROM decision_log ORDER BY seq DESC LIMIT 1').get();
    const unhashed: Omit<DecisionLogRow, 'hash'> = {
      seq: (last?.seq ?? 0) + 1,
      kind: entry.kind,
      client_id: entry.client_id,
      decision: entry.decision ?? null,
      override_direction: entry.override_direction ?? null,
      reason_code: entry.reason_code ?? null,
      comment: entry.comment ?? '',
      model_decision: entry.model_decision ?? null,
      probability: entry.probability ?? null,
      threshold: entry.threshold ?? null,
      model_version: entry.model_version ?? null,
      refers_to: entry.refers_to ?? null,
      user_id: entry.user_id,
      username: entry.username,
      branch: entry.branch ?? '',
      recorded_at: entry.recorded_at ?? now.toISOString(),
      prev_hash: last?.hash ?? GENESIS_HASH,
    };
    const row: DecisionLogRow = { ...unhashed, hash: entryHash(unhashed) };
    db.prepare(
      `INSERT INTO decision_log (seq, kind, client_id, decision, override_direction, reason_code, comment, model_decision,
         probability, threshold, model_version, refers_to, user_id, username, branch, recorded_at, prev_hash, hash)
       VALUES (@seq, @kind, @client_id, @decision, @override_direction, @reason_code, @comment, @model_decision,
         @probability, @threshold, @model_version, @refers_to, @user_id, @username, @branch, @recorded_at, @prev_hash, @hash)`,
    ).run(row);
    writeSetting(db, AUDIT_HEAD_KEY, { seq: row.seq, hash: row.hash });
    return row;
  });
  // IMMEDIATE: take the write lock before reading the last entry, so two writers never chain to the same one.
  return append.immediate();
}

/** One entry by seq, or null. */
export function logEntry(db: Db, seq: number): DecisionLogRow | null {
  return db.prepare<[number], DecisionLogRow>('SELECT * FROM decision_log WHERE seq = ?').get(seq) ?? null;
}

/** Entries newest first, optionally of one client, with the total. */
export function listLogEntries(db: Db, options: { clientId?: number; offset: number; limit: number }): { total: number; entries: DecisionLogRow[] } {
  if (options.clientId !== undefined) {
    return {
      total: db.prepare('SELECT count(*) FROM decision_log WHERE client_id = ?').pluck().get(options.clientId) as number,
      entries: db
        .prepare<[number, number, number], DecisionLogRow>('SELECT * FROM decision_log WHERE client_id = ? ORDER BY seq DESC LIMIT ? OFFSET ?')
        .all(options.clientId, options.limit, options.offset),
    };
  }
  return {
    total: db.prepare('SELECT count(*) FROM decision_log').pluck().get() as number,
    entries: db.prepare<[number, number], DecisionLogRow>('SELECT * FROM decision_log ORDER BY seq DESC LIMIT ? OFFSET ?').all(options.limit, options.offset),
  };
}

/** What is wrong with the first bad entry. */
export type ChainProblem = 'altered' | 'deleted/missing' | 'reordered' | 'inserted' | 'broken link';

/** The result of checking the chain: `firstBad` names the first entry where it breaks. */
export interface ChainVerification {
  ok: boolean;
  entries: number;
  /** The hash of the last entry (GENESIS_HASH when empty): keep it elsewhere to detect a rewritten log. */
  head: string;
  firstBad?: { seq: number; problem: ChainProblem; message: string };
}

const MESSAGES: Record<ChainProblem, (seq: number) => string> = {
  altered: (seq) => `entry ${seq} was altered: its content does not match its hash`,
  'deleted/missing': (seq) => `entry ${seq} is missing: it was deleted from the log`,
  reordered: (seq) => `entry ${seq} is out of order: entries were moved`,
  inserted: (seq) => `entry ${seq} was inserted: it is not part of the original chain`,
  'broken link': (seq) => `entry ${seq} does not follow the entry before it (prev_hash does not match)`,
};

/** The head recorded by the last append, or null (none yet, or not readable). */
function recordedHead(db: Db): { seq: number; hash: unknown } | null {
  const head = readSetting<{ seq?: unknown; hash?: unknown } | null>(db, AUDIT_HEAD_KEY, null);
  return head && typeof head === 'object' && typeof head.seq === 'number' ? { seq: head.seq, hash: head.hash } : null;
}

/** The seq under which an entry's content matches its stored hash (from…to), or null. */
function originalSeq(row: DecisionLogRow, from: number, to: number): number | null {
  for (let seq = from; seq <= to; seq++) if (entryHash({ ...row, seq }) === row.hash) return seq;
  return null;
}

/** Seqs beyond the last entry tried when looking for an entry's original place (entries deleted, the rest renumbered). */
const MAX_SHIFT = 64;

/** Where a run of entries starts: after entry `seq` whose hash is `hash` (seq 0 and GENESIS_HASH for the whole log). */
export interface ChainStart {
  seq: number;
  hash: string;
}

/**
 * Checks a run of entries (in seq order) that continues the chain after `start`, and names the first bad
 * one: every entry must carry the next seq, the previous entry's hash, and the hash of its own content.
 * `recordedHeadSeq`, when known, is the seq the last honest append wrote (entries beyond it were slipped in).
 * `known` says whether a hash belongs to an entry outside the run (e.g. one before it). Pure: the branch's
 * own check (verifyDecisionLog) and HQ's check of a received bundle run this same code.
 */
export function checkChainRun(
  rows: readonly DecisionLogRow[],
  start: ChainStart = { seq: 0, hash: GENESIS_HASH },
  options: { recordedHeadSeq?: number; known?: (hash: string) => boolean } = {},
): ChainVerification {
  const bad = (seq: number, problem: ChainProblem): ChainVerification => ({
    ok: false,
    entries: rows.length,
    head: rows.at(-1)?.hash ?? start.hash,
    firstBad: { seq, problem, message: MESSAGES[problem](seq) },
  });
  const hashes = new Set(rows.map((row) => row.hash));
  const known = (hash: string) => hash === GENESIS_HASH || hashes.has(hash) || (options.known?.(hash) ?? false);
  const beyondHead = (seq: number) => options.recordedHeadSeq !== undefined && seq > options.recordedHeadSeq;
  let expectedPrev = start.hash;
  let expectedSeq = start.seq + 1;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    if (row.seq !== expectedSeq) return bad(expectedSeq, row.seq > expectedSeq ? 'deleted/missing' : 'inserted');
    const selfOk = entryHash(row) === row.hash;
    if (selfOk && row.prev_hash === expectedPrev) {
      expectedPrev = row.hash;
      expectedSeq++;
      continue;
    }
    if (selfOk) return bad(row.seq, 'broken link');
    if (row.prev_hash === expectedPrev) {
      // Linked in the right place, content not matching: altered; unless the next entry claims the same
      // predecessor or it lies beyond the recorded head, which means this one was slipped in.
      const next = rows[i + 1];
      return bad(row.seq, (next && next.prev_hash === row.prev_hash) || beyondHead(row.seq) ? 'inserted' : 'altered');
    }
    // Not linked to the entry before it. A genuine entry in the wrong place still matches its hash under
    // its original seq: find that seq (once, on failure only: a few thousand hashes at most).
    const original = originalSeq(row, start.seq + 1, start.seq + rows.length + MAX_SHIFT);
    if (original !== null && original > row.seq) {
      // It belongs further down: entries were swapped (its predecessor is still in the log) or entries
      // before it were deleted and the rest renumbered (its predecessor is gone).
      return bad(row.seq, known(row.prev_hash) ? 'reordered' : 'deleted/missing');
    }
    if (original !== null && original < row.seq) return bad(original, 'inserted');
    // No place where it fits: altered (its prev_hash among other things), or forged, when the chain goes
    // on from the entry before it as if it were not there.
    const next = rows[i + 1];
    return bad(row.seq, (next && next.prev_hash === expectedPrev) || beyondHead(row.seq) ? 'inserted' : 'altered');
  }
  return { ok: true, entries: rows.length, head: rows.at(-1)?.hash ?? start.hash };
}

/**
 * Checks the whole chain in seq order and names the first bad entry, then the head recorded by the last
 * append. Never throws on a damaged log (the app reports it and keeps running); reads the rows as they
 * are, even values of a wrong type.
 */
export function verifyDecisionLog(db: Db): ChainVerification {
  const rows = db.prepare<[], DecisionLogRow>('SELECT * FROM decision_log ORDER BY seq').all();
  const head = recordedHead(db);
  const run = checkChainRun(rows, undefined, { recordedHeadSeq: head?.seq });
  if (!run.ok) return run;
  const bad = (seq: number, problem: ChainProblem): ChainVerification => ({
    ok: false,
    entries: rows.length,
    head: run.head,
    firstBad: { seq, problem, message: MESSAGES[problem](seq) },
  });
  const last = rows.at(-1);
  if (head) {
    const lastSeq = last?.seq ?? 0;
    if (head.seq > lastSeq) return bad(lastSeq + 1, 'deleted/missing');
    if (head.seq < lastSeq) return bad(head.seq + 1, 'inserted');
    if (last && head.hash !== last.hash) return bad(last.seq, 'altered');
  }
  return { ok: true, entries: rows.length, head: last?.hash ?? GENESIS_HASH };
}
