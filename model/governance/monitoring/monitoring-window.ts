/**
 * The months monitoring looks at, and which clients each month brought: clients scored (score_event,
 * by month of scored_at) or entered in the app (app_application, by month of created_at). Months are
 * 'YYYY-MM' (the timestamps are ISO 8601 UTC text, so their first 7 characters are the month).
 */
import type { Db } from '../../../db/open-database.js';
import { clientsByMonthRows, latestActivityMonthRow } from '../../../db/queries/monitoring.js';

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** True for a 'YYYY-MM' month. */
export function isMonth(value: string): boolean {
  return MONTH.test(value);
}

/** The month `delta` months after `month` ('2026-01', −1 → '2025-12'). */
export function addMonths(month: string, delta: number): string {
  const match = MONTH.exec(month);
  if (!match) throw new Error(`Not a month (YYYY-MM): ${JSON.stringify(month)}`);
  const index = Number(match[1]) * 12 + Number(match[2]) - 1 + delta;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The latest month with any activity (a score, an application entered, a recorded decision), or null. */
export function latestActivityMonth(db: Db): string | null {
  const month = latestActivityMonthRow(db);
  return month && isMonth(month) ? month : null;
}

/** A window of consecutive months, oldest first. */
export interface MonthWindow {
  months: string[];
  /** First instant of the first month and of the month after the last (ISO text bounds for SQL). */
  from: string;
  to: string;
}

/**
 * The `count` months ending with `until` (default: the latest month with activity); null when the
 * database has no activity at all and no `until` is given.
 */
export function monthWindow(db: Db, count: number, until?: string): MonthWindow | null {
  if (!Number.isInteger(count) || count < 1) throw new Error(`A monitoring window needs at least one month, got ${count}.`);
  if (until !== undefined && !isMonth(until)) throw new Error(`Not a month (YYYY-MM): ${JSON.stringify(until)}`);
  const last = until ?? latestActivityMonth(db);
  if (!last) return null;
  const months = Array.from({ length: count }, (_, i) => addMonths(last, i - count + 1));
  return { months, from: `${months[0]}-01`, to: `${addMonths(last, 1)}-01` };
}

/**
 * Each client of the window once per month they were scored or entered in: (month, client) pairs,
 * by month then client. A client scored three times in a month counts once (drift is about who applies,
 * not how often a file is opened).
 */
export function clientsByMonth(db: Db, window: MonthWindow): Array<{ month: string; clientId: number }> {
  return clientsByMonthRows(db, window.from, window.to);
}
