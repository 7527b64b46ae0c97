/**
 * The demo database built by buildDemoDatabase carries its 12 months of demo score events: spread over the
 * DEMO officer account, labelled as demo data, scored by the shipped model — and no invented decision; its
 * stored population (every client's inputs and scores) is current, so the demo's first start computes nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDemoDatabase } from '../../demo/demo-database.js';
import { openDatabase } from '../../db/open-database.js';
import { DEMO_ACTIVITY_SETTING } from '../../demo/demo-activity.js';
import { readModelFile } from '../../model/model-file/model-file.js';
import { tempDir } from '../support/paths.js';
import { SHIPPED_MODEL } from '../support/shipped-model.js';
import { isClearDatabaseFile, readKeyFile } from '../../db/database-key.js';
import { demoKeyPath } from '../../demo/demo-database-key.js';
import { loadStoredPopulation, storedState } from '../../model/population/population-store.js';
import { openShippedEngine } from '../support/shipped-engine.js';

describe('buildDemoDatabase with demo activity', () => {
  it('is encrypted with a DEMO key beside it, and writes labelled score events by the demo officer for the 12 months before the build, and no decision', async () => {
    const file = path.join(tempDir('octroi-demo-activity-'), 'demo.db');
    const built = await buildDemoDatabase(file, { clients: 400, seed: 3, activity: { end: new Date('2026-06-15T12:00:00Z') } });
    // Encrypted like any database, its key beside it in a file labelled DEMO.
    expect(isClearDatabaseFile(file)).toBe(false);
    expect(fs.readFileSync(demoKeyPath(file), 'utf8')).toMatch(/^# DEMO database key: .*synthetic clients only/);
    expect(readKeyFile(demoKeyPath(file)).equals(built.key)).toBe(true);
    const db = openDatabase(file, { key: built.key, readonly: true });
    try {
      const months = db.prepare(`SELECT substr(scored_at, 1, 7) AS month, count(*) AS n FROM score_event GROUP BY month ORDER BY month`).all() as Array<{ month: string; n: number }>;
      expect(months.map((m) => m.month)).toEqual(['2025-06', '2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05']);
      // 12 % of 400 clients a month, ±10 %.
      for (const { n } of months) {
        expect(n).toBeGreaterThanOrEqual(43);
        expect(n).toBeLessThanOrEqual(53);
      }
      const officers = db.prepare(`SELECT DISTINCT u.username, u.role FROM score_event e JOIN app_user u ON u.user_id = e.user_id`).all();
      expect(officers).toEqual([{ username: 'agent', role: 'officer' }]);
      expect(db.prepare('SELECT count(*) FROM score_event WHERE user_id IS NULL').pluck().get()).toBe(0);
      expect(db.prepare('SELECT count(*) FROM decision_log').pluck().get()).toBe(0);
      // Scored by the shipped model, under its own version.
      const shipped = readModelFile(fs.readFileSync(SHIPPED_MODEL), SHIPPED_MODEL).metadata.model_version;
      expect(db.prepare(`SELECT DISTINCT model_version FROM score_event`).pluck().all()).toEqual([shipped]);
      const label = JSON.parse(db.prepare('SELECT value FROM app_setting WHERE key = ?').pluck().get(DEMO_ACTIVITY_SETTING) as string);
      expect(label).toMatchObject({ seed: 3, driftMonths: ['2026-03', '2026-04', '2026-05'] });
      expect(label.note).toMatch(/^DEMO DATA: .*not real activity\. No decision was recorded\.$/);
      // The stored population: current for the shipped model, every client in it.
      const engine = await openShippedEngine();
      try {
        expect(storedState(db, engine)).toBe('current');
        expect(loadStoredPopulation(db, engine).ids.length).toBe(db.prepare('SELECT count(*) FROM application').pluck().get());
      } finally {
        await engine.close();
      }
    } finally {
      db.close();
    }
  }, 180_000);
});
