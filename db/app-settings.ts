/** Small settings of one database (app_setting: key → JSON value), read with a default. */
import type { Db } from './open-database.js';

/** Minutes without activity after which a session is locked (setting 'auth.lockAfterMinutes'). */
export const LOCK_AFTER_MINUTES_KEY = 'auth.lockAfterMinutes';
/** The default lock delay: 10 minutes, a common workstation policy for personal data. */
export const DEFAULT_LOCK_AFTER_MINUTES = 10;

/** A setting's value, or `fallback` when unset or not valid JSON. */
export function readSetting<T>(db: Db, key: string, fallback: T): T {
  const value = db.prepare<[string], string>('SELECT value FROM app_setting WHERE key = ?').pluck().get(key);
  if (value === undefined) return fallback;
  try {
    return JSON.parse(value) as T;
  } catch {
    return fallback;
  }
}

/** Writes a setting (JSON). */
export function writeSetting(db: Db, key: string, value: unknown): void {
  db.prepare('INSERT INTO app_setting (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, JSON.stringify(value));
}

/** The lock delay in minutes (1 to 240; the default when unset or out of range). */
export function lockAfterMinutes(db: Db): number {
  const value = readSetting<unknown>(db, LOCK_AFTER_MINUTES_KEY, DEFAULT_LOCK_AFTER_MINUTES);
  return typeof value === 'number' && Number.isFinite(value) && value >= 1 && value <= 240 ? value : DEFAULT_LOCK_AFTER_MINUTES;
}
