/** The DEMO accounts of a database (created if missing) as signed-in users: who handler tests run as. */
import { markDemoDatabase } from '../../db/demo-database-mark.js';
import { createDemoAccounts } from '../../demo/demo-accounts.js';
import type { Db } from '../../db/open-database.js';
import type { SessionUser } from '../../electron/main/handlers/handler-services.js';

/**
 * The signed-in user of a DEMO account ('agent' is an officer, 'manager' a manager). Tests run on
 * synthetic data: the database is marked as a demo database, where DEMO accounts may exist.
 */
export function demoUser(db: Db, username: 'agent' | 'manager'): SessionUser {
  markDemoDatabase(db);
  createDemoAccounts(db);
  const row = db.prepare('SELECT user_id AS userId, username, display_name AS displayName, role, branch FROM app_user WHERE username = ?').get(username) as SessionUser;
  return { ...row };
}
