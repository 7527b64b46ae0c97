/**
 * The decision log's chain: appended entries verify; any tampering an attacker with the file can do —
 * alter a field, delete an entry (with or without renumbering the rest), swap two, insert a forged one
 * (with a correct hash or not) — is detected at the right entry, with the right name. The tampering goes
 * around the append-only triggers exactly as an attacker would: DROP TRIGGER, then raw SQL.
 */
import path from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { appendLogEntry, listLogEntries, verifyDecisionLog, type DecisionLogRow, type NewLogEntry } from '../../db/decision-log.js';
import { canonicalEntry, entryHash, GENESIS_HASH, HASHED_COLUMNS } from '../../db/decision-entry-hash.js';
import { openDatabase, type Db } from '../../db/open-database.js';
import { tempDir } from '../support/paths.js';
import Database from 'better-sqlite3-multiple-ciphers';

const RUNS = 200;
let template: Buffer;

beforeAll(() => {
  // One migrated database with two users, serialised (clear: it only lives in memory); each run deserialises it in memory (fast, isolated).
  const db = openDatabase(path.join(tempDir('octroi-log-'), 'template.db'), { key: null });
  db.prepare("INSERT INTO app_user (user_id, username, display_name, role, branch, password_hash, created_at) VALUES (1, 'agent', 'A', 'officer', 'B1', 'x', '2026-01-01T00:00:00.000Z'), (2, 'boss', 'B', 'manager', 'B1', 'x', '2026-01-01T00:00:00.000Z')").run();
  db.pragma('journal_mode = DELETE');
  template = db.serialize();
  db.close();
});

const memoryDb = (): Db => new Database(template);

const entryArb: fc.Arbitrary<NewLogEntry> = fc.record({
  kind: fc.constantFrom('decision' as const, 'contest' as const, 'review' as const),
  client_id: fc.integer({ min: 100000, max: 999999 }),
  decision: fc.constantFrom('granted' as const, 'refused' as const, 'override' as const, null),
  override_direction: fc.constantFrom('grant' as const, 'refuse' as const, null),
  reason_code: fc.constantFrom('model-decision', 'guarantor', 'other', null),
  comment: fc.string({ maxLength: 40, unit: 'grapheme' }),
  model_decision: fc.constantFrom('granted' as const, 'refused' as const, null),
  probability: fc.option(fc.double({ min: 0, max: 1, noNaN: true })),
  threshold: fc.option(fc.double({ min: 0.01, max: 0.99, noNaN: true })),
  model_version: fc.option(fc.constantFrom('m-2026-11', 'm-2027-01')),
  refers_to: fc.constant(null),
  user_id: fc.constantFrom(1, 2),
  username: fc.constantFrom('agent', 'boss'),
  branch: fc.constantFrom('B1', ''),
  recorded_at: fc.integer({ min: 1.7e12, max: 1.9e12 }).map((t) => new Date(t).toISOString()),
});

// One client per entry: the database allows one decision per client (a unique index).
const logArb = fc.uniqueArray(entryArb, { selector: (e) => e.client_id, minLength: 1, maxLength: 12 });

function buildLog(entries: NewLogEntry[]): Db {
  const db = memoryDb();
  for (const entry of entries) appendLogEntry(db, entry);
  return db;
}

const rowsOf = (db: Db) => db.prepare('SELECT * FROM decision_log ORDER BY seq').all() as DecisionLogRow[];

/** What an attacker does with the file: drops the triggers (and the one-decision index) and rewrites the table as they like. */
function rewrite(db: Db, change: (rows: DecisionLogRow[]) => DecisionLogRow[]): void {
  const rows = change(rowsOf(db).map((r) => ({ ...r })));
  db.exec('DROP TRIGGER decision_log_no_update; DROP TRIGGER decision_log_no_delete; DROP INDEX decision_log_one_decision; PRAGMA foreign_keys = OFF;');
  db.exec('DELETE FROM decision_log');
  const insert = db.prepare(`INSERT INTO decision_log (${[...HASHED_COLUMNS, 'hash'].join(', ')}) VALUES (${[...HASHED_COLUMNS, 'hash'].map((c) => `@${c}`).join(', ')})`);
  for (const row of rows) insert.run(row);
}

describe('appending', () => {
  it('chains entries from the genesis hash; each hash is sha256 of the canonical entry; the log verifies', () => {
    fc.assert(
      fc.property(logArb, (entries) => {
        const db = buildLog(entries);
        const rows = rowsOf(db);
        expect(rows.map((r) => r.seq)).toEqual(entries.map((_, i) => i + 1));
        expect(rows[0]!.prev_hash).toBe(GENESIS_HASH);
        rows.forEach((row, i) => {
          expect(row.hash).toBe(entryHash(row));
          if (i > 0) expect(row.prev_hash).toBe(rows[i - 1]!.hash);
        });
        expect(verifyDecisionLog(db)).toEqual({ ok: true, entries: entries.length, head: rows.at(-1)!.hash });
        db.close();
      }),
      { numRuns: RUNS },
    );
  });

  it('the triggers refuse UPDATE and DELETE through SQL', () => {
    const db = buildLog([{ kind: 'decision', client_id: 100002, decision: 'granted', override_direction: null, reason_code: 'model-decision', comment: '', model_decision: 'granted', probability: 0.05, threshold: 0.1, model_version: 'm', refers_to: null, user_id: 1, username: 'agent', branch: 'B1' }]);
    expect(() => db.prepare("UPDATE decision_log SET comment = 'x'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM decision_log').run()).toThrow(/append-only/);
    expect(listLogEntries(db, { offset: 0, limit: 10 }).total).toBe(1);
  });

  it('the canonical form is the columns in table order as [name, value] pairs', () => {
    const row = { ...rowsOf(buildLog([fc.sample(entryArb, { numRuns: 1, seed: 1 })[0]!]))[0]! };
    const parsed = JSON.parse(canonicalEntry(row)) as Array<[string, unknown]>;
    expect(parsed.map(([k]) => k)).toEqual([...HASHED_COLUMNS]);
    expect(parsed.map(([k]) => k)).not.toContain('hash');
  });
});

/** The fields an attacker may change, with a different value of the same column's domain. */
const alterations: Array<[keyof DecisionLogRow, (v: unknown) => unknown]> = [
  ['comment', (v) => `${String(v)} (edited)`],
  ['client_id', (v) => (v as number) + 1],
  ['decision', (v) => (v === 'granted' ? 'refused' : 'granted')],
  ['probability', (v) => (v === null ? 0.5 : (v as number) === 0 ? 1e-9 : (v as number) / 2)],
  ['threshold', (v) => (v === null ? 0.3 : (v as number) + 1e-6)],
  ['username', (v) => (v === 'agent' ? 'boss' : 'agent')],
  ['user_id', (v) => (v === 1 ? 2 : 1)],
  ['recorded_at', () => '2020-01-01T00:00:00.000Z'],
  ['kind', (v) => (v === 'decision' ? 'review' : 'decision')],
  ['prev_hash', () => 'f'.repeat(64)],
  ['hash', () => 'e'.repeat(64)],
  ['probability', (v) => Buffer.from(String(v))], // the same digits stored as a blob: a different value all the same
];

describe('tampering is detected at the right entry', () => {
  it('altering any field of any entry → altered, at that entry', () => {
    fc.assert(
      fc.property(logArb, fc.nat(), fc.nat({ max: alterations.length - 1 }), (entries, at, which) => {
        const db = buildLog(entries);
        const k = (at % entries.length) + 1;
        const [field, change] = alterations[which]!;
        rewrite(db, (rows) => rows.map((r) => (r.seq === k ? { ...r, [field]: change(r[field]) } : r)));
        const result = verifyDecisionLog(db);
        expect(result.ok).toBe(false);
        expect(result.firstBad).toMatchObject({ seq: k, problem: 'altered' });
        db.close();
      }),
      { numRuns: RUNS },
    );
  });

  it('deleting an entry (the rest left as is, or renumbered to hide the gap) → deleted/missing, at that entry', () => {
    fc.assert(
      fc.property(logArb, fc.nat(), fc.boolean(), (entries, at, renumber) => {
        const db = buildLog(entries);
        const k = (at % entries.length) + 1;
        rewrite(db, (rows) => rows.filter((r) => r.seq !== k).map((r) => (renumber && r.seq > k ? { ...r, seq: r.seq - 1 } : r)));
        const result = verifyDecisionLog(db);
        expect(result.ok).toBe(false);
        expect(result.firstBad).toMatchObject({ seq: k, problem: 'deleted/missing' });
        db.close();
      }),
      { numRuns: RUNS },
    );
  });

  it('swapping two entries → reordered, at the first of the two', () => {
    fc.assert(
      fc.property(fc.uniqueArray(entryArb, { selector: (e) => e.client_id, minLength: 2, maxLength: 12 }), fc.nat(), fc.nat(), (entries, a, b) => {
        const db = buildLog(entries);
        const i = (a % entries.length) + 1;
        let j = (b % entries.length) + 1;
        if (j === i) j = (i % entries.length) + 1;
        rewrite(db, (rows) => rows.map((r) => (r.seq === i ? { ...r, seq: j } : r.seq === j ? { ...r, seq: i } : r)));
        const result = verifyDecisionLog(db);
        expect(result.ok).toBe(false);
        expect(result.firstBad).toMatchObject({ seq: Math.min(i, j), problem: 'reordered' });
        db.close();
      }),
      { numRuns: RUNS },
    );
  });

  it('inserting a forged entry anywhere (hash computed correctly or not) → inserted, at the forged entry', () => {
    fc.assert(
      fc.property(logArb, entryArb, fc.nat(), fc.constantFrom('correct hash', 'wrong hash', 'random link'), (entries, forged, at, how) => {
        const db = buildLog(entries);
        const k = (at % (entries.length + 1)) + 1; // 1 … n+1: before any entry, or after the last
        rewrite(db, (rows) => {
          const prev = k === 1 ? GENESIS_HASH : rows[k - 2]!.hash;
          const unhashed = { ...forged, seq: k, recorded_at: forged.recorded_at!, prev_hash: how === 'random link' ? 'a'.repeat(64) : prev } as Omit<DecisionLogRow, 'hash'>;
          const fake: DecisionLogRow = { ...unhashed, hash: how === 'correct hash' ? entryHash(unhashed) : 'b'.repeat(64) };
          return [...rows.slice(0, k - 1), fake, ...rows.slice(k - 1).map((r) => ({ ...r, seq: r.seq + 1 }))];
        });
        const result = verifyDecisionLog(db);
        expect(result.ok).toBe(false);
        expect(result.firstBad).toMatchObject({ seq: k, problem: 'inserted' });
        db.close();
      }),
      { numRuns: RUNS },
    );
  });

  it('a damaged log never makes verification throw (values of the wrong type, a hash that is not one)', () => {
    const db = buildLog(fc.sample(entryArb, { numRuns: 3, seed: 2 }));
    rewrite(db, (rows) => rows.map((r) => (r.seq === 2 ? { ...r, client_id: Buffer.from([1, 2]) as unknown as number, hash: 'not a hash' } : r)));
    expect(verifyDecisionLog(db)).toMatchObject({ ok: false, firstBad: { seq: 2 } });
  });
});
