/**
 * The canonical form of a decision_log entry and its hash: what makes the log tamper-evident. Every
 * column except "hash", in a fixed order, serialised as JSON (numbers in JSON's shortest round-trip form,
 * text as JSON strings, null as null), then sha256. "prev_hash" is part of it, which chains each entry to
 * the one before: altering, deleting, reordering or inserting an entry breaks the chain from there on.
 */
import crypto from 'node:crypto';

/** The prev_hash of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** One row of decision_log, as stored. */
export interface DecisionLogRow {
  seq: number;
  kind: 'decision' | 'contest' | 'review';
  client_id: number;
  decision: 'granted' | 'refused' | 'override' | null;
  override_direction: 'grant' | 'refuse' | null;
  reason_code: string | null;
  comment: string;
  model_decision: 'granted' | 'refused' | null;
  probability: number | null;
  threshold: number | null;
  model_version: string | null;
  refers_to: number | null;
  user_id: number;
  username: string;
  branch: string;
  recorded_at: string;
  prev_hash: string;
  hash: string;
}

/** The hashed columns, in the order they are serialised (the table's order; never change it: old hashes would break). */
export const HASHED_COLUMNS = [
  'seq',
  'kind',
  'client_id',
  'decision',
  'override_direction',
  'reason_code',
  'comment',
  'model_decision',
  'probability',
  'threshold',
  'model_version',
  'refers_to',
  'user_id',
  'username',
  'branch',
  'recorded_at',
  'prev_hash',
] as const satisfies readonly (keyof DecisionLogRow)[];

/** The canonical serialisation of an entry: a JSON array of [column, value] pairs in HASHED_COLUMNS order. */
export function canonicalEntry(row: Omit<DecisionLogRow, 'hash'>): string {
  // An array of pairs, not an object: the order is explicit and cannot depend on how the row was built.
  // A value of an unexpected type (a number stored as text by a raw edit) serialises differently: detected.
  return JSON.stringify(HASHED_COLUMNS.map((column) => [column, (row as Record<string, unknown>)[column] ?? null]));
}

/** sha256 (hex) of an entry's canonical form. */
export function entryHash(row: Omit<DecisionLogRow, 'hash'>): string {
  return crypto.createHash('sha256').update(canonicalEntry(row), 'utf8').digest('hex');
}
