/** Local accounts: scrypt hashes (format, salt, round trip, wrong password), password rules, create/disable/sign-in on a real database. */
import crypto from 'node:crypto';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { lockAfterMinutes, writeSetting, LOCK_AFTER_MINUTES_KEY } from '../../db/app-settings.js';
import { markDemoDatabase } from '../../db/demo-database-mark.js';
import { createDemoAccounts, DEMO_ACCOUNTS } from '../../demo/demo-accounts.js';
import { openDatabase, type Db } from '../../db/open-database.js';
import { hashPassword, passwordProblem, verifyPassword } from '../../db/password-hash.js';
import { authenticate, countUsers, createUser, disableUser, listUsers, UserError } from '../../db/users.js';
import { tempDir } from '../support/paths.js';
import { TEST_DB_KEY } from '../support/test-database-key.js';

let db: Db | undefined;
afterEach(() => db?.close());
const freshDb = () => (db = openDatabase(path.join(tempDir('octroi-users-'), 'users.db'), { key: TEST_DB_KEY }));

describe('password hashing (scrypt)', () => {
  it('stores scrypt$N$r$p$salt$key with a 16-byte random salt; the right password verifies, a wrong one does not', () => {
    const hash = hashPassword('correct horse battery');
    const [scheme, n, r, p, salt, key] = hash.split('$');
    expect([scheme, n, r, p]).toEqual(['scrypt', String(2 ** 15), '8', '1']);
    expect(Buffer.from(salt!, 'base64')).toHaveLength(16);
    expect(Buffer.from(key!, 'base64')).toHaveLength(32);
    expect(hash).not.toContain('correct horse');
    expect(verifyPassword('correct horse battery', hash)).toBe(true);
    expect(verifyPassword('correct horse batterY', hash)).toBe(false);
    expect(verifyPassword('', hash)).toBe(false);
    // Same password, new salt, new hash.
    expect(hashPassword('correct horse battery')).not.toBe(hash);
  });

  it('the key is scrypt of the password with the stored salt and parameters (checked against node:crypto directly)', () => {
    const hash = hashPassword('un mot de passe sûr');
    const [, , , , salt, key] = hash.split('$');
    const expected = crypto.scryptSync('un mot de passe sûr', Buffer.from(salt!, 'base64'), 32, { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 });
    expect(expected.toString('base64')).toBe(key);
  });

  it('a malformed or hostile stored hash is refused without throwing (no huge N, no other scheme)', () => {
    expect(verifyPassword('x'.repeat(12), 'plain-text')).toBe(false);
    expect(verifyPassword('x'.repeat(12), `scrypt$${2 ** 30}$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=`)).toBe(false);
    expect(verifyPassword('x'.repeat(12), 'bcrypt$1$2$3$4$5')).toBe(false);
  });

  it('password rules say what is wrong', () => {
    expect(passwordProblem('short')).toBe('The password must have at least 10 characters (it has 5).');
    expect(passwordProblem(' leading-space-pw')).toMatch(/space/);
    expect(passwordProblem('aaaaaaaaaaaa')).toMatch(/different/);
    expect(passwordProblem('jdupont-2026!', 'jdupont')).toMatch(/user name/);
    expect(passwordProblem('a good long password')).toBeNull();
  });
});

describe('accounts', () => {
  it('creates, lists (no hash), signs in, refuses a wrong password, disables', () => {
    const d = freshDb();
    expect(countUsers(d)).toBe(0);
    const created = createUser(d, { username: 'jdupont', displayName: 'Jeanne Dupont', role: 'officer', branch: 'Lyon 3', password: 'a good long password' });
    expect(created).toMatchObject({ username: 'jdupont', displayName: 'Jeanne Dupont', role: 'officer', branch: 'Lyon 3', disabledAt: null });
    expect(JSON.stringify(listUsers(d))).not.toContain('scrypt');
    expect(d.prepare('SELECT password_hash FROM app_user').pluck().get()).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(authenticate(d, 'jdupont', 'a good long password')).toMatchObject({ status: 'ok', user: { userId: created.userId } });
    expect(authenticate(d, 'JDUPONT', 'a good long password').status).toBe('ok'); // user names are case-insensitive
    expect(authenticate(d, 'jdupont', 'a good long passworD')).toEqual({ status: 'invalid' });
    expect(authenticate(d, 'nobody', 'a good long password')).toEqual({ status: 'invalid' });
    disableUser(d, 'jdupont');
    expect(authenticate(d, 'jdupont', 'a good long password').status).toBe('disabled');
    expect(authenticate(d, 'jdupont', 'wrong password!!')).toEqual({ status: 'invalid' });
  });

  it('refuses bad input naming the field, and a taken name as a conflict', () => {
    const d = freshDb();
    const base = { username: 'mmartin', displayName: 'M. Martin', role: 'manager' as const, branch: '', password: 'another good password' };
    createUser(d, base);
    const attempt = (change: object) => {
      try {
        createUser(d, { ...base, ...change });
      } catch (error) {
        return error as UserError;
      }
      throw new Error('accepted');
    };
    expect(attempt({})).toMatchObject({ code: 'conflict', field: 'username', message: 'The user name mmartin is already taken.' });
    expect(attempt({ username: 'MMARTIN' })).toMatchObject({ code: 'conflict' });
    expect(attempt({ username: 'x y' })).toMatchObject({ code: 'validation', field: 'username' });
    expect(attempt({ username: 'other', password: 'short' })).toMatchObject({ code: 'validation', field: 'password', message: expect.stringMatching(/at least 10/) });
    expect(attempt({ username: 'other', displayName: '  ' })).toMatchObject({ code: 'validation', field: 'displayName' });
    expect(attempt({ username: 'other', role: 'admin' })).toMatchObject({ code: 'validation', field: 'role' });
    expect(() => disableUser(d, 'ghost')).toThrow(/No account named ghost/);
  });

  it('DEMO accounts: an officer and a manager with their published passwords, created once (in a demo database)', () => {
    const d = freshDb();
    markDemoDatabase(d);
    createDemoAccounts(d);
    createDemoAccounts(d);
    expect(listUsers(d).map((u) => [u.username, u.role])).toEqual([['agent', 'officer'], ['manager', 'manager']]);
    for (const account of DEMO_ACCOUNTS) {
      expect(authenticate(d, account.username, account.password).status).toBe('ok');
      expect(account.displayName).toMatch(/DEMO/);
    }
  });

  it('lock delay setting: 10 minutes by default, the stored value when sane', () => {
    const d = freshDb();
    expect(lockAfterMinutes(d)).toBe(10);
    writeSetting(d, LOCK_AFTER_MINUTES_KEY, 3);
    expect(lockAfterMinutes(d)).toBe(3);
    writeSetting(d, LOCK_AFTER_MINUTES_KEY, -5);
    expect(lockAfterMinutes(d)).toBe(10);
  });
});
