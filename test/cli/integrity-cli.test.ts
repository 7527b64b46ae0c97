/**
 * The integrity commands as a user runs them: backup with a signed checkpoint in its manifest, backup verify,
 * audit checkpoint into a folder, audit verify --checkpoint naming a truncation. Files made by the test.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUDIT_HEAD_KEY, appendDecision } from '../../db/decision-log.js';
import { openDatabase } from '../../db/open-database.js';
import { createBranchKey } from '../../model/governance/branch-key.js';
import { tempDir } from '../support/paths.js';
import { runCliAsync } from '../support/run-cli.js';
import { demoUser } from '../support/session.js';
import { TEST_DB_KEY, openRawTestConnection } from '../support/test-database-key.js';

describe('octroi backup verify, audit checkpoint, audit verify --checkpoint', () => {
  it('anchors the log outside the file and names what went missing since', async () => {
    const dir = tempDir('octroi-integrity-cli-');
    const dbPath = path.join(dir, 'branch.db');
    const db = openDatabase(dbPath, { key: TEST_DB_KEY });
    const user = demoUser(db, 'agent');
    for (let i = 0; i < 5; i++) {
      appendDecision(db, { kind: 'decision', client_id: 10 + i, decision: 'refused', override_direction: null, reason_code: 'model-decision', comment: '', model_decision: 'refused', probability: 0.3, threshold: 0.1, model_version: 'm', refers_to: null, user_id: user.userId, username: user.username, branch: '' });
    }
    db.close();
    const key = path.join(dir, 'keys', 'branch.pem');
    fs.mkdirSync(path.dirname(key));
    createBranchKey(key);
    const checkpoints = path.join(dir, 'checkpoints');
    fs.mkdirSync(checkpoints);

    const backup = await runCliAsync(['backup', '--db', dbPath, '--out', path.join(dir, 'b.db'), '--branch-key', key]);
    expect(backup.status, backup.stderr).toBe(0);
    expect(backup.stdout).toMatch(/Manifest: .*b\.db\.manifest\.json \(with an audit checkpoint signed by key [0-9a-f]+\)/);
    const verified = await runCliAsync(['backup', 'verify', path.join(dir, 'b.db'), '--branch-public-key', path.join(dir, 'keys', 'branch.pub.pem')]);
    expect(verified.status, verified.stderr).toBe(0);
    expect(verified.stdout).toMatch(/^OK: .*b\.db is the backup its manifest describes .*decision log intact; signed checkpoint by key [0-9a-f]+ \(the branch key given\) matches\.\n$/);

    const made = await runCliAsync(['audit', 'checkpoint', '--db', dbPath, '--out', checkpoints, '--branch-key', key, '--json']);
    expect(made.status, made.stderr).toBe(0);
    const { file } = JSON.parse(made.stdout) as { file: string };
    expect(path.dirname(file)).toBe(checkpoints);

    // Truncation hidden from the chain: the last two entries and the head rewritten.
    const raw = openRawTestConnection(dbPath);
    raw.exec('DROP TRIGGER decision_log_no_delete');
    raw.prepare('DELETE FROM decision_log WHERE seq > 3').run();
    raw.prepare('UPDATE app_setting SET value = ? WHERE key = ?').run(JSON.stringify(raw.prepare('SELECT seq, hash FROM decision_log WHERE seq = 3').get()), AUDIT_HEAD_KEY);
    raw.close();
    expect((await runCliAsync(['audit', 'verify', '--db', dbPath])).status).toBe(0); // the chain alone cannot see it
    const anchored = await runCliAsync(['audit', 'verify', '--db', dbPath, '--checkpoint', file]);
    expect(anchored.status).toBe(1);
    expect(anchored.stderr).toMatch(/^octroi: decision log NOT intact since the checkpoint of .*: the log holds 3 entries, the checkpoint recorded 5: entries 4 to 5 were deleted since \(truncation\)\. \[truncated\]\n$/);
  }, 240_000);
});
