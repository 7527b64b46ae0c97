/**
 * DEMO accounts of the demo database, so the app can be tried at once. Their passwords are published
 * here and in the README: they are for the synthetic demo data only. A real branch database gets its
 * accounts from IT (`octroi users add`), never these: they are created only in a database marked as a
 * demo database (db/demo-database-mark.ts), and refused at sign-in anywhere else.
 */
import { isDemoDatabase } from '../db/demo-database-mark.js';
import type { Db } from '../db/open-database.js';
import { createUser, listUsers, type NewUser } from '../db/users.js';

/** The DEMO accounts: an officer and a manager of a fictitious branch, with published passwords. */
export const DEMO_ACCOUNTS: readonly NewUser[] = [
  { username: 'agent', displayName: 'DEMO — Agent (chargé de relation client)', role: 'officer', branch: 'DEMO branch', password: 'demo-officer-2026' },
  { username: 'manager', displayName: 'DEMO — Directrice d’agence', role: 'manager', branch: 'DEMO branch', password: 'demo-supervisor-2026' },
];

/** DEMO accounts asked for in a database that is not a demo database. */
export class DemoAccountsRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DemoAccountsRefusedError';
  }
}

/** Creates the DEMO accounts in a demo database that has none of them yet; refused in any other database. */
export function createDemoAccounts(db: Db): void {
  if (!isDemoDatabase(db)) {
    throw new DemoAccountsRefusedError(
      `DEMO accounts (published passwords) are created only in a demo database (octroi demo), and ${db.name} is not one: create the branch's accounts with octroi users add.`,
    );
  }
  const existing = new Set(listUsers(db).map((user) => user.username));
  for (const account of DEMO_ACCOUNTS) {
    if (!existing.has(account.username)) createUser(db, account);
  }
}

/** True when a user name and password are a DEMO account's published credentials (the name in any case). */
export function isDemoAccount(username: string, password: string): boolean {
  return DEMO_ACCOUNTS.some((account) => account.username === username.toLowerCase() && account.password === password);
}

/**
 * Why a sign-in with these credentials is refused in `db`, in words for IT; null when it is not: a DEMO
 * account (its password is published) signs in only in a demo database.
 */
export function demoSignInRefusal(db: Db, username: string, password: string): string | null {
  if (!isDemoAccount(username, password) || isDemoDatabase(db)) return null;
  return (
    `Sign-in refused: ${username} is a DEMO account, whose password is published, and this database is not a demo database. ` +
    `IT: disable it (octroi users disable --db ${db.name} --username ${username}) and give each user an account of their own (octroi users add).`
  );
}
