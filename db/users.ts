/** Local accounts (app_user): create, list, disable, and check a password at sign-in. */
import type { Db } from './open-database.js';
import { dummyPasswordHash, hashPassword, passwordProblem, verifyPassword } from './password-hash.js';

/** A role of a local account: officers score and decide; managers also set the policy, review, install models. */
export type UserRole = 'officer' | 'manager';
/** The roles, for parsers and lists. */
export const USER_ROLES: readonly UserRole[] = ['officer', 'manager'];

/** An account as the app shows it (never the password hash). */
export interface AppUser {
  userId: number;
  username: string;
  displayName: string;
  role: UserRole;
  branch: string;
  createdAt: string;
  disabledAt: string | null;
}

/** What creating an account needs. */
export interface NewUser {
  username: string;
  displayName: string;
  role: UserRole;
  branch?: string;
  password: string;
}

/** Why an account could not be created or changed: `field` names the input at fault. */
export class UserError extends Error {
  constructor(
    readonly code: 'validation' | 'conflict' | 'not-found',
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'UserError';
  }
}

const USERNAME = /^[a-z0-9][a-z0-9._-]{1,63}$/i;

interface UserRow {
  user_id: number;
  username: string;
  display_name: string;
  role: UserRole;
  branch: string;
  created_at: string;
  disabled_at: string | null;
  password_hash: string;
}

const COLUMNS = 'user_id, username, display_name, role, branch, created_at, disabled_at, password_hash';

function toUser(row: UserRow): AppUser {
  return {
    userId: row.user_id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    branch: row.branch,
    createdAt: row.created_at,
    disabledAt: row.disabled_at,
  };
}

/** Every problem of a new account, field by field (empty when it can be created). */
export function newUserProblems(user: NewUser): Array<{ field: string; message: string }> {
  const problems: Array<{ field: string; message: string }> = [];
  if (!USERNAME.test(user.username))
    problems.push({ field: 'username', message: 'The user name must be 2 to 64 letters, digits, dots, dashes or underscores, starting with a letter or digit.' });
  const display = user.displayName.trim();
  if (display.length < 1 || display.length > 100) problems.push({ field: 'displayName', message: 'The display name must have 1 to 100 characters.' });
  if (!USER_ROLES.includes(user.role)) problems.push({ field: 'role', message: `The role must be one of ${USER_ROLES.join(', ')}.` });
  if ((user.branch ?? '').length > 100) problems.push({ field: 'branch', message: 'The branch must have at most 100 characters.' });
  const password = passwordProblem(user.password, user.username);
  if (password) problems.push({ field: 'password', message: password });
  return problems;
}

/** Creates an account (UserError 'validation' naming the first bad field, 'conflict' when the name is taken). */
export function createUser(db: Db, user: NewUser, now = new Date()): AppUser {
  const [problem] = newUserProblems(user);
  if (problem) throw new UserError('validation', problem.field, problem.message);
  const hash = hashPassword(user.password);
  const taken = db.prepare('SELECT 1 FROM app_user WHERE username = ?').get(user.username);
  if (taken) throw new UserError('conflict', 'username', `The user name ${user.username} is already taken.`);
  const info = db
    .prepare('INSERT INTO app_user (username, display_name, role, branch, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)')
    .run(user.username, user.displayName.trim(), user.role, (user.branch ?? '').trim(), hash, now.toISOString());
  return userById(db, Number(info.lastInsertRowid))!;
}

/** One account by id, or null. */
export function userById(db: Db, userId: number): AppUser | null {
  const row = db.prepare<[number], UserRow>(`SELECT ${COLUMNS} FROM app_user WHERE user_id = ?`).get(userId);
  return row ? toUser(row) : null;
}

/** Every account, by user name. */
export function listUsers(db: Db): AppUser[] {
  return db.prepare<[], UserRow>(`SELECT ${COLUMNS} FROM app_user ORDER BY username`).all().map(toUser);
}

/** The user_id of every officer whose account is not disabled, in id order. */
export function activeOfficerIds(db: Db): number[] {
  return db.prepare<[], number>(`SELECT "user_id" FROM "app_user" WHERE "role" = 'officer' AND "disabled_at" IS NULL ORDER BY "user_id"`).pluck().all();
}

/** How many accounts exist (0 on a new database: the CLI creates the first manager). */
export function countUsers(db: Db): number {
  return db.prepare('SELECT count(*) FROM app_user').pluck().get() as number;
}

/** Disables an account: it can no longer sign in; what it recorded stays attributed to it. */
export function disableUser(db: Db, username: string, now = new Date()): AppUser {
  const row = db.prepare<[string], UserRow>(`SELECT ${COLUMNS} FROM app_user WHERE username = ?`).get(username);
  if (!row) throw new UserError('not-found', 'username', `No account named ${username}.`);
  if (!row.disabled_at) db.prepare('UPDATE app_user SET disabled_at = ? WHERE user_id = ?').run(now.toISOString(), row.user_id);
  return userById(db, row.user_id)!;
}

/** The result of checking credentials: 'disabled' is only said once the password was right. */
export type Authentication = { status: 'ok'; user: AppUser } | { status: 'invalid' } | { status: 'disabled'; user: AppUser };

/**
 * Checks a user name and password. An unknown name costs the same scrypt as a known one (a dummy hash),
 * so the time taken does not tell which names exist.
 */
export function authenticate(db: Db, username: string, password: string): Authentication {
  const row = db.prepare<[string], UserRow>(`SELECT ${COLUMNS} FROM app_user WHERE username = ?`).get(username);
  if (!row) {
    verifyPassword(password, dummyPasswordHash());
    return { status: 'invalid' };
  }
  if (!verifyPassword(password, row.password_hash)) return { status: 'invalid' };
  const user = toUser(row);
  return row.disabled_at ? { status: 'disabled', user } : { status: 'ok', user };
}
