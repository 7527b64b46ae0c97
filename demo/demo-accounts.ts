/**
 * DEMO accounts of the demo database, so the app can be tried at once. Their passwords are published
 * here and in the README: they are for the synthetic demo data only. A real branch database gets its
 * accounts from IT (`octroi users add`), never these.
 */
import type { Db } from '../db/open-database.js';
import { createUser, type NewUser } from '../db/users.js';

/** The DEMO accounts: an officer and a manager of a fictitious branch, with published passwords. */
export const DEMO_ACCOUNTS: readonly NewUser[] = [
  { username: 'agent', displayName: 'DEMO — Agent (chargé de relation client)', role: 'officer', branch: 'DEMO branch', password: 'demo-officer-2026' },
  { username: 'manager', displayName: 'DEMO — Directrice d’agence', role: 'manager', branch: 'DEMO branch', password: 'demo-supervisor-2026' },
];

/** Creates the DEMO accounts in a database that has none of them yet. */
export function createDemoAccounts(db: Db): void {
  for (const account of DEMO_ACCOUNTS) {
    if (!db.prepare('SELECT 1 FROM app_user WHERE username = ?').get(account.username)) createUser(db, account);
  }
}
