/**
 * The governance commands as IT runs them: users add reads the password from standard input (never argv);
 * audit verify exits 0 on an intact log and 1 naming the first bad entry of a tampered file; backup and
 * restore round trip; model install refuses a tampered file, installs a valid one, rolls back.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { appendLogEntry } from '../../db/decision-log.js';
import { openDatabase } from '../../db/open-database.js';
import { authenticate } from '../../db/users.js';
import { fixtureDatabase } from '../support/fixture-db.js';
import { REPO_ROOT, tempDir } from '../support/paths.js';
import { runCli } from '../support/run-cli.js';
import { SHIPPED_MODEL } from '../support/shipped-model.js';
import { FIXTURE_CLIENTS } from '../support/synthetic-fixture.js';

let dbPath: string;

/** Runs the CLI with text on standard input. */
function runWithInput(args: string[], input: string) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'cli', 'octroi.ts'), ...args], { cwd: REPO_ROOT, encoding: 'utf8', input, timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(async () => {
  const fixture = await fixtureDatabase();
  fixture.db.close();
  dbPath = fixture.path;
}, 120_000);

describe('octroi users, audit, backup, restore, model install', () => {
  it('users add: password from standard input; a weak one refused naming the rule; list shows no hash', () => {
    const ok = runWithInput(['users', 'add', '--db', dbPath, '--username', 'mmartin', '--role', 'manager', '--display-name', 'Marie Martin', '--branch', 'Lyon 3'], 'a long enough password\n');
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/Created manager mmartin/);
    const weak = runWithInput(['users', 'add', '--db', dbPath, '--username', 'x1', '--role', 'officer', '--display-name', 'X'], 'short\n');
    expect(weak.status).toBe(1);
    expect(weak.stderr).toMatch(/password: The password must have at least 10 characters/);
    expect(runCli(['users', 'add', '--db', dbPath, '--username', 'x2', '--role', 'admin', '--display-name', 'X']).stderr).toMatch(/--role must be one of officer, manager/);
    const list = runCli(['users', 'list', '--db', dbPath, '--json']);
    expect(JSON.parse(list.stdout)).toEqual([expect.objectContaining({ username: 'mmartin', role: 'manager', branch: 'Lyon 3' })]);
    expect(list.stdout).not.toMatch(/scrypt/);
    const db = openDatabase(dbPath);
    expect(authenticate(db, 'mmartin', 'a long enough password').status).toBe('ok');
    db.close();
  });

  it('audit verify: 0 on an intact log; 1 naming the first altered entry of a tampered file', () => {
    const db = openDatabase(dbPath);
    for (let i = 0; i < 5; i++) {
      appendLogEntry(db, { kind: 'decision', client_id: 100002 + i, decision: 'granted', override_direction: null, reason_code: 'model-decision', comment: `entry ${i + 1}`, model_decision: 'granted', probability: 0.05, threshold: 0.1, model_version: 'm', refers_to: null, user_id: 1, username: 'mmartin', branch: 'Lyon 3' });
    }
    db.close();
    const intact = runCli(['audit', 'verify', '--db', dbPath]);
    expect(intact.status, intact.stderr).toBe(0);
    expect(intact.stdout).toMatch(/^OK: 5 entries, chain intact/);
    const copy = path.join(tempDir('octroi-audit-'), 'tampered.db');
    fs.copyFileSync(dbPath, copy);
    // What someone with the file does: a raw connection, the triggers dropped, one comment rewritten.
    const raw = new Database(copy);
    raw.exec("DROP TRIGGER decision_log_no_update; UPDATE decision_log SET comment = 'nothing to see' WHERE seq = 3");
    raw.close();
    const tampered = runCli(['audit', 'verify', '--db', copy]);
    expect(tampered.status).toBe(1);
    expect(tampered.stderr).toMatch(/decision log NOT intact \(5 entries\): entry 3 was altered: its content does not match its hash \[altered\]/);
    const json = runCli(['audit', 'verify', '--db', copy, '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, entries: 5, firstBad: { seq: 3, problem: 'altered' } });
  });

  it('backup then restore: the same database comes back, the replaced file is kept', () => {
    const dir = tempDir('octroi-backup-cli-');
    const out = path.join(dir, 'backup.db');
    const backup = runCli(['backup', '--db', dbPath, '--out', out]);
    expect(backup.status, backup.stderr).toBe(0);
    expect(backup.stdout).toMatch(new RegExp(`integrity ok, ${FIXTURE_CLIENTS} clients, 5 log entries, 1 accounts`));
    const target = path.join(dir, 'restored.db');
    fs.writeFileSync(path.join(dir, 'garbage.db'), 'garbage '.repeat(1000));
    const refused = runCli(['restore', '--from', path.join(dir, 'garbage.db'), '--db', target]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/garbage\.db (cannot be opened as a database|is not a sound SQLite database)/);
    const restored = runCli(['restore', '--from', out, '--db', target]);
    expect(restored.status, restored.stderr).toBe(0);
    expect(runCli(['audit', 'verify', '--db', target]).status).toBe(0);
  });

  it('model install refuses a tampered file and the model already in use, changing nothing; no rollback without an install', () => {
    const dir = tempDir('octroi-model-cli-');
    const tampered = path.join(dir, 'bad', 'model.onnx');
    fs.mkdirSync(path.dirname(tampered), { recursive: true });
    const bytes = fs.readFileSync(SHIPPED_MODEL);
    bytes[bytes.length - 10] = bytes[bytes.length - 10]! ^ 1;
    fs.writeFileSync(tampered, bytes);
    fs.copyFileSync(`${SHIPPED_MODEL}.sig`, `${tampered}.sig`);
    const refused = runCli(['model', 'install', '--db', dbPath, '--model', tampered, '--models-dir', path.join(dir, 'models')]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/altered or replaced after signing\. Nothing was changed\./);
    const same = runCli(['model', 'install', '--db', dbPath, '--model', SHIPPED_MODEL, '--models-dir', path.join(dir, 'models')]);
    expect(same.stderr).toMatch(/already the one in use/);
    const history = runCli(['model', 'history', '--db', dbPath, '--json']);
    expect(JSON.parse(history.stdout)).toEqual({ active: SHIPPED_MODEL, history: [] });
    expect(runCli(['model', 'rollback', '--db', dbPath]).stderr).toMatch(/No earlier model to return to/);
  });
});
