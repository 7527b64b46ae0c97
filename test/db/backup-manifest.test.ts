/**
 * Backups that prove themselves and a decision log anchored outside its file (issue 13, points 6, 7, 9):
 * a manifest beside each backup; restore refuses bytes changed inside rows and a changed decision before
 * replacing anything; a log whose head record was removed or edited is called tampering; a signed
 * checkpoint names truncation and rewrite that the chain alone cannot see. Databases made by the test.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3-multiple-ciphers';
import { beforeAll, describe, expect, it } from 'vitest';
import { backupDatabase, checkDatabaseFile, restoreDatabase, verifyBackup } from '../../db/backup.js';
import { buildManifest, manifestPath, readManifest, writeManifest } from '../../db/backup-manifest.js';
import { changeDatabaseKey } from '../../db/change-database-key.js';
import { entryHash } from '../../db/decision-entry-hash.js';
import { appendDecision, AUDIT_HEAD_KEY, compareWithCheckpoint, verifyDecisionLog, type DecisionLogRow } from '../../db/decision-log.js';
import { importPaths } from '../../db/import/import-paths.js';
import { openDatabase, type Db } from '../../db/open-database.js';
import { checkCheckpointSignature, makeCheckpoint, readCheckpoint, writeCheckpoint } from '../../model/governance/audit-checkpoint.js';
import { createBranchKey, loadBranchKey } from '../../model/governance/branch-key.js';
import { bureauRows, tableLines, writeLines } from '../support/home-credit-csv.js';
import { tempDir } from '../support/paths.js';
import { demoUser } from '../support/session.js';
import { TEST_DB_KEY, openRawTestConnection } from '../support/test-database-key.js';

let source: string;

/** A branch database: 40 clients, their bureau credits, `decisions` decisions. */
async function branchDatabase(file: string, decisions: number): Promise<Db> {
  const db = openDatabase(file, { key: TEST_DB_KEY });
  const dir = path.dirname(file);
  const clients = Array.from({ length: 40 }, (_, i) => ({ SK_ID_CURR: 100_001 + i, NAME_CONTRACT_TYPE: 'Cash loans', AMT_CREDIT: 100_000 + i }));
  await importPaths(db, [writeLines(dir, 'application.csv', tableLines('application', clients)), writeLines(dir, 'bureau.csv', tableLines('bureau', bureauRows(60)))]);
  const user = demoUser(db, 'agent');
  for (let i = 0; i < decisions; i++) {
    appendDecision(db, {
      kind: 'decision', client_id: 100_001 + i, decision: 'granted', override_direction: null, reason_code: 'model-decision', comment: `file ${i} complete`,
      model_decision: 'granted', probability: 0.05, threshold: 0.1, model_version: 'm', refers_to: null, user_id: user.userId, username: user.username, branch: user.branch,
    });
  }
  return db;
}

/** What anyone with the file can do: drop the append-only triggers and the index, then edit with SQL. */
function tamper(file: string, sql: (db: Database.Database) => void): void {
  const db = openRawTestConnection(file);
  db.exec('DROP TRIGGER decision_log_no_update; DROP TRIGGER decision_log_no_delete; DROP INDEX decision_log_one_decision;');
  sql(db);
  db.close();
}

beforeAll(async () => {
  source = path.join(tempDir('octroi-manifest-'), 'branch.db');
  (await branchDatabase(source, 6)).close();
}, 60_000);

describe('a backup with its manifest', () => {
  it('writes the manifest beside the backup: SHA-256, size, rows per table, log head, schema, time; verify passes', async () => {
    const out = path.join(tempDir(), 'copy.db');
    const check = await backupDatabase(source, out, { key: TEST_DB_KEY, now: new Date('2026-12-06T22:00:00.000Z') });
    expect(check.manifest).toBe(manifestPath(out));
    const manifest = readManifest(out)!;
    const chain = verifyDecisionLog(openRawTestConnection(out, TEST_DB_KEY, { readonly: true }));
    expect(manifest).toEqual({
      format: 'octroi-backup-manifest/1',
      file: 'copy.db',
      bytes: fs.statSync(out).size,
      sha256: crypto.createHash('sha256').update(fs.readFileSync(out)).digest('hex'),
      schemaVersion: check.schemaVersion,
      createdAt: '2026-12-06T22:00:00.000Z',
      tables: expect.objectContaining({ application: 40, bureau: 60, decision_log: 6, app_user: 2 }),
      decisionLog: { entries: 6, head: chain.head },
    });
    await expect(verifyBackup(out, TEST_DB_KEY)).resolves.toMatchObject({ clients: 40, decisions: 6 });
  });

  it('restore refuses a backup with bytes changed inside a row (integrity_check still ok), and replaces nothing', async () => {
    // A clear database (not yet encrypted): in an encrypted one the page's HMAC already refuses such a change.
    const clearSource = path.join(tempDir(), 'clear-branch.db');
    fs.copyFileSync(source, clearSource);
    changeDatabaseKey(clearSource, TEST_DB_KEY, null);
    const out = path.join(tempDir(), 'flipped.db');
    await backupDatabase(clearSource, out, { key: null });
    const bytes = fs.readFileSync(out);
    const at = bytes.indexOf('Cash loans');
    expect(at).toBeGreaterThan(0);
    bytes.write('Cash loanz', at, 'latin1');
    fs.writeFileSync(out, bytes);
    expect(checkDatabaseFile(out, null).integrity).toEqual(['ok']); // SQLite alone sees nothing wrong
    const target = path.join(tempDir(), 'branch.db');
    fs.copyFileSync(clearSource, target);
    const before = fs.readFileSync(target);
    await expect(restoreDatabase(out, target, { key: null })).rejects.toThrow(/flipped\.db does NOT match its manifest: its SHA-256 is [0-9a-f]{16}…, the manifest says [0-9a-f]{16}…: the file was changed after the backup\. Nothing was restored/);
    await expect(verifyBackup(out, null)).rejects.toThrow(/does NOT match its manifest.*Do not restore it/);
    expect(fs.readFileSync(target).equals(before)).toBe(true);
    expect(fs.readdirSync(path.dirname(target)).filter((f) => /before-restore|restoring/.test(f))).toEqual([]);
  });

  it('in an encrypted backup, bytes changed anywhere are refused before anything is replaced', async () => {
    const out = path.join(tempDir(), 'flipped-encrypted.db');
    await backupDatabase(source, out, { key: TEST_DB_KEY });
    const bytes = fs.readFileSync(out);
    bytes[Math.floor(bytes.length / 2)]! ^= 0x01;
    fs.writeFileSync(out, bytes);
    const target = path.join(tempDir(), 'branch.db');
    fs.copyFileSync(source, target);
    const before = fs.readFileSync(target);
    await expect(restoreDatabase(out, target, { key: TEST_DB_KEY })).rejects.toThrow(/flipped-encrypted\.db (failed SQLite's integrity check|does NOT match its manifest)/);
    expect(fs.readFileSync(target).equals(before)).toBe(true);
  });

  it('restore refuses a changed decision comment even when the manifest was rewritten to match: the chain is checked first', async () => {
    const out = path.join(tempDir(), 'comment.db');
    await backupDatabase(source, out, { key: TEST_DB_KEY });
    tamper(out, (db) => db.prepare("UPDATE decision_log SET comment = 'file incomplete' WHERE seq = 3").run());
    writeManifest(out, await buildManifest(out, TEST_DB_KEY)); // the forger also rewrites the manifest
    const target = path.join(tempDir(), 'branch.db');
    await expect(restoreDatabase(out, target, { key: TEST_DB_KEY })).rejects.toThrow(/comment\.db does NOT match its manifest: its decision log is NOT intact: entry 3 was altered/);
    expect(fs.existsSync(target)).toBe(false);
  });

  it('a copy without a manifest is refused unless --without-manifest says it is known; an empty file is named as empty', async () => {
    const out = path.join(tempDir(), 'bare.db');
    await backupDatabase(source, out, { key: TEST_DB_KEY });
    fs.rmSync(manifestPath(out));
    const target = path.join(tempDir(), 'branch.db');
    await expect(restoreDatabase(out, target, { key: TEST_DB_KEY })).rejects.toThrow(/bare\.db has no manifest beside it .* Nothing was restored\. .*--without-manifest/);
    await expect(restoreDatabase(out, target, { key: TEST_DB_KEY }, new Date(), { withoutManifest: true })).resolves.toMatchObject({ decisions: 6 });
    const empty = path.join(tempDir(), 'empty.db');
    fs.writeFileSync(empty, '');
    expect(() => checkDatabaseFile(empty, TEST_DB_KEY)).toThrow(`${empty} is empty (0 bytes): it is not a database, most likely a copy that failed. Use another backup.`);
  });
});

describe('the decision log anchored outside its file', () => {
  const copy = async (name: string) => {
    const file = path.join(tempDir(), name);
    fs.copyFileSync(source, file);
    return file;
  };
  const verify = (file: string) => {
    const db = openRawTestConnection(file, TEST_DB_KEY, { readonly: true });
    try {
      return verifyDecisionLog(db);
    } finally {
      db.close();
    }
  };

  it('entries with no head record are tampering, said so', async () => {
    const file = await copy('no-head.db');
    tamper(file, (db) => {
      db.prepare('DELETE FROM decision_log WHERE seq > 4').run();
      db.prepare('DELETE FROM app_setting WHERE key = ?').run(AUDIT_HEAD_KEY);
    });
    const result = verify(file);
    expect(result.ok).toBe(false);
    expect(result.firstBad!.message).toMatch(/^the log has 4 entries but no head record \(audit\.head, written with every entry\): it was deleted or made unreadable, which only tampering does/);
  });

  it('a changed head record is called that, not "entry N was altered"', async () => {
    const file = await copy('head.db');
    tamper(file, (db) => db.prepare('UPDATE app_setting SET value = ? WHERE key = ?').run(JSON.stringify({ seq: 6, hash: 'f'.repeat(64) }), AUDIT_HEAD_KEY));
    expect(verify(file).firstBad!.message).toMatch(/^the head record \(audit\.head\) does not match entry 6, the last one, although that entry matches its own hash: either the head record was edited, or entry 6 was rewritten/);
  });

  it('a signed checkpoint names a truncation (head rewritten to match) and a rewrite of the whole chain', async () => {
    const keyDir = tempDir('octroi-key-');
    createBranchKey(path.join(keyDir, 'branch.pem'));
    const key = loadBranchKey(path.join(keyDir, 'branch.pem'));
    const db = openRawTestConnection(source, TEST_DB_KEY, { readonly: true });
    const checkpointFile = writeCheckpoint(tempDir('octroi-checkpoints-'), makeCheckpoint(db, 'branch.db', key, new Date('2026-12-06T22:10:00.000Z')));
    db.close();
    const checkpoint = readCheckpoint(checkpointFile);
    expect(checkpoint).toMatchObject({ entries: 6, database: 'branch.db', at: '2026-12-06T22:10:00.000Z', keyId: key.keyId });
    checkCheckpointSignature(checkpoint, fs.readFileSync(path.join(keyDir, 'branch.pub.pem'), 'utf8'));

    // Truncation: the last two entries deleted and the head rewritten to the new last one: the chain is intact.
    const truncated = await copy('truncated.db');
    tamper(truncated, (t) => {
      t.prepare('DELETE FROM decision_log WHERE seq > 4').run();
      const last = t.prepare('SELECT seq, hash FROM decision_log WHERE seq = 4').get() as { seq: number; hash: string };
      t.prepare('UPDATE app_setting SET value = ? WHERE key = ?').run(JSON.stringify(last), AUDIT_HEAD_KEY);
    });
    expect(verify(truncated).ok).toBe(true);
    const t = openRawTestConnection(truncated, TEST_DB_KEY, { readonly: true });
    expect(compareWithCheckpoint(t, checkpoint)).toEqual({ ok: false, problem: 'truncated', message: 'the log holds 4 entries, the checkpoint recorded 6: entries 5 to 6 were deleted since (truncation).' });
    t.close();

    // Rewrite: a comment changed and every hash recomputed, head too: the chain is intact again.
    const rewritten = await copy('rewritten.db');
    tamper(rewritten, (r) => {
      const rows = r.prepare('SELECT * FROM decision_log ORDER BY seq').all() as DecisionLogRow[];
      let prev = '0'.repeat(64);
      for (const row of rows) {
        const changed = { ...row, comment: row.seq === 2 ? 'file incomplete' : row.comment, prev_hash: prev };
        const hash = entryHash(changed);
        r.prepare('UPDATE decision_log SET comment = ?, prev_hash = ?, hash = ? WHERE seq = ?').run(changed.comment, prev, hash, row.seq);
        prev = hash;
      }
      r.prepare('UPDATE app_setting SET value = ? WHERE key = ?').run(JSON.stringify({ seq: rows.length, hash: prev }), AUDIT_HEAD_KEY);
    });
    expect(verify(rewritten).ok).toBe(true);
    const w = openRawTestConnection(rewritten, TEST_DB_KEY, { readonly: true });
    expect(compareWithCheckpoint(w, checkpoint)).toMatchObject({ ok: false, problem: 'rewritten', message: expect.stringMatching(/^entry 6 does not have the hash the checkpoint recorded: the log up to it was rewritten since/) });
    w.close();

    // An edited checkpoint, or one signed by another key, is refused.
    expect(() => checkCheckpointSignature({ ...checkpoint, entries: 4 })).toThrow(/signature does not match its content: it was edited after it was signed/);
    const otherDir = tempDir('octroi-key-');
    createBranchKey(path.join(otherDir, 'other.pem'));
    expect(() => checkCheckpointSignature(checkpoint, fs.readFileSync(path.join(otherDir, 'other.pub.pem'), 'utf8'))).toThrow(/not by this branch's key/);
  });
});
