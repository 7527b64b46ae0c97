/**
 * A branch database with months of activity for the HQ tests: the fixture clients, the DEMO accounts
 * plus a second officer, four months of score events (the demo activity generator: real features, the
 * shipped model's real probabilities and decisions) and, each month, decisions recorded by the two
 * officers through the app's own appendLogEntry (some of them overrides), plus a policy change.
 */
import fs from 'node:fs';
import path from 'node:path';
import { appendLogEntry } from '../../db/decision-log.js';
import { entryHash, type DecisionLogRow } from '../../db/decision-entry-hash.js';
import { openDatabase, type Db } from '../../db/open-database.js';
import { createUser } from '../../db/users.js';
import { createDemoAccounts } from '../../demo/demo-accounts.js';
import { writeDemoActivity } from '../../demo/demo-activity.js';
import type { ScoringEngine } from '../../model/scoring/scoring-engine.js';
import { fixtureDatabase } from './fixture-db.js';

/** The four months of activity. */
export const ACTIVITY_MONTHS = ['2026-03', '2026-04', '2026-05', '2026-06'] as const;
export const BRANCH = 'Lyon 3';

/** Builds the branch database at a new file; returns its path (closed). */
export async function buildBranchDatabase(engine: ScoringEngine, dir: string): Promise<string> {
  const { db, path: file } = await fixtureDatabase();
  createDemoAccounts(db);
  db.prepare('UPDATE app_user SET branch = ?').run(BRANCH);
  const second = createUser(db, { username: 'jdupont', displayName: 'Jeanne Dupont', role: 'officer', branch: BRANCH, password: 'officer-password-2026' });
  const agent = db.prepare('SELECT user_id AS id FROM app_user WHERE username = ?').get('agent') as { id: number };
  await writeDemoActivity(db, engine, { seed: 5, end: new Date('2026-07-10T00:00:00Z'), months: ACTIVITY_MONTHS.length, perMonth: 620 });
  for (const [m, month] of ACTIVITY_MONTHS.entries()) {
    const scored = db
      .prepare(`SELECT client_id AS clientId, probability, threshold, model_decision AS decision, model_version AS version FROM score_event WHERE substr(scored_at, 1, 7) = ? ORDER BY event_id LIMIT 40`)
      .all(month) as Array<{ clientId: number; probability: number; threshold: number; decision: 'granted' | 'refused'; version: string }>;
    scored.forEach((s, i) => {
      const officer = i % 2 === 0 ? { user_id: agent.id, username: 'agent' } : { user_id: second.userId, username: 'jdupont' };
      // jdupont overrides one decision in four, agent one in ten: jdupont is warned (> 10 %), agent is not.
      const override = officer.username === 'jdupont' ? i % 8 === 1 : i % 20 === 0;
      appendLogEntry(
        db,
        {
          kind: 'decision',
          client_id: s.clientId,
          decision: override ? 'override' : s.decision,
          override_direction: override ? (s.decision === 'granted' ? 'refuse' : 'grant') : null,
          reason_code: override ? 'other' : null,
          comment: override ? `override number ${i} of ${month}` : '',
          model_decision: s.decision,
          probability: s.probability,
          threshold: s.threshold,
          model_version: s.version,
          refers_to: null,
          ...officer,
          branch: BRANCH,
          recorded_at: `${month}-${String(10 + (i % 15)).padStart(2, '0')}T09:${String(i % 60).padStart(2, '0')}:00.000Z`,
        },
      );
    });
    if (m === 1) {
      db.prepare(
        `INSERT INTO policy_change (model_version, previous, threshold, reason, user_id, username, changed_at)
         SELECT e.model_version, e.threshold, 0.12, 'tighter policy for the test', u.user_id, 'manager', ? FROM score_event e, app_user u WHERE u.username = 'manager' LIMIT 1`,
      ).run(`${month}-20T12:00:00.000Z`);
    }
  }
  db.close();
  const target = path.join(dir, 'branch.db');
  fs.copyFileSync(file, target);
  return target;
}

/** A copy of the branch database (each scenario tampers with its own). */
export function copyBranch(file: string, name: string): string {
  const copy = path.join(path.dirname(file), `${name}.db`);
  fs.copyFileSync(file, copy);
  return copy;
}

/** Opens a branch copy with the append-only triggers dropped: what an insider with the file can do. */
export function openForTampering(file: string): Db {
  const db = openDatabase(file);
  db.exec('DROP TRIGGER IF EXISTS decision_log_no_update; DROP TRIGGER IF EXISTS decision_log_no_delete;');
  return db;
}

/** Rewrites the whole chain from entry 1 with fresh hashes (a rewrite by someone with the file and the code). */
export function rehashChain(db: Db): void {
  const rows = db.prepare('SELECT * FROM decision_log ORDER BY seq').all() as DecisionLogRow[];
  let prev = '0'.repeat(64);
  const update = db.prepare('UPDATE decision_log SET prev_hash = ?, hash = ? WHERE seq = ?');
  db.transaction(() => {
    db.prepare("UPDATE decision_log SET hash = 'tmp-' || seq").run();
    for (const row of rows) {
      const hash = entryHash({ ...row, prev_hash: prev });
      update.run(prev, hash, row.seq);
      prev = hash;
    }
    const last = rows.at(-1)!;
    db.prepare("UPDATE app_setting SET value = ? WHERE key = 'audit.head'").run(JSON.stringify({ seq: last.seq, hash: prev }));
  })();
}
