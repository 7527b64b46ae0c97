/**
 * Whether a database is a demo database: synthetic data only, where the DEMO accounts (published
 * passwords) may exist. The mark is a setting written by the demo builder (demo/demo-database.ts) when it
 * creates the file; a branch's database never has it, so the DEMO accounts are refused there.
 */
import { readSetting, writeSetting } from './app-settings.js';
import type { Db } from './open-database.js';

/** The app_setting key of the mark. */
export const DEMO_DATABASE_SETTING = 'database.demo';

/** Marks `db` as a demo database (the demo builder, and test fixtures of synthetic data, only). */
export function markDemoDatabase(db: Db): void {
  writeSetting(db, DEMO_DATABASE_SETTING, true);
}

/** True when `db` was built as a demo database. */
export function isDemoDatabase(db: Db): boolean {
  return readSetting<unknown>(db, DEMO_DATABASE_SETTING, false) === true;
}
