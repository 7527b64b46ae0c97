/**
 * The password prompt of `octroi users add` as people use it, in real processes: piped from printf
 * through a shell (what IT scripts do), and typed at a real terminal (a pseudo-terminal driven by
 * test/support/run-in-pty.py): asked twice, never echoed, a mismatch or Ctrl+C creates nothing.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/open-database.js';
import { authenticate, listUsers } from '../../db/users.js';
import { REPO_ROOT, tempDir } from '../support/paths.js';
import { OCTROI_COMMAND, runOctroiInTerminal } from '../support/run-in-terminal.js';
import { TEST_DB_KEY, TEST_DB_KEY_HEX } from '../support/test-database-key.js';

const PASSWORD = 'correct horse battery';
let dir: string;
let dbPath: string;

beforeAll(() => {
  dir = tempDir('octroi-read-password-');
  dbPath = path.join(dir, 'branch.db');
  openDatabase(dbPath, { key: TEST_DB_KEY }).close();
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const octroi = OCTROI_COMMAND;
const addArgs = (username: string) => ['users', 'add', '--db', dbPath, '--username', username, '--role', 'officer', '--display-name', `Agent ${username}`];

/** Runs `octroi ARGS` in a pseudo-terminal with the database's key, answering each prompt as `steps` says. */
const runInTerminal = (args: string[], steps: Array<[expect: string, send: string]>) => runOctroiInTerminal(args, steps, { OCTROI_DB_KEY: TEST_DB_KEY_HEX });

/** Whether `username` exists and signs in with `password`. */
function signsIn(username: string, password: string): boolean {
  const db = openDatabase(dbPath, { key: TEST_DB_KEY });
  try {
    return authenticate(db, username, password).status === 'ok';
  } finally {
    db.close();
  }
}

const usernames = () => {
  const db = openDatabase(dbPath, { key: TEST_DB_KEY });
  try {
    return listUsers(db).map((user) => user.username);
  } finally {
    db.close();
  }
};

describe('users add: the password piped in', () => {
  it('reads the first line of a pipe from printf, as the README shows', () => {
    const command = `printf '%s\\n' "$PASSWORD" | ${octroi.map((part) => `'${part}'`).join(' ')} ${addArgs('piped').map((part) => `'${part}'`).join(' ')}`;
    const result = spawnSync('/bin/sh', ['-c', command], { cwd: REPO_ROOT, encoding: 'utf8', env: { ...process.env, PASSWORD, OCTROI_DB_KEY: TEST_DB_KEY_HEX }, timeout: 120_000 });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Created officer piped');
    expect(signsIn('piped', PASSWORD)).toBe(true);
  });

  it('an empty pipe: a clear message, nothing created', () => {
    const result = spawnSync(octroi[0]!, [...octroi.slice(1), ...addArgs('nothing')], { cwd: REPO_ROOT, encoding: 'utf8', input: '', env: { ...process.env, OCTROI_DB_KEY: TEST_DB_KEY_HEX }, timeout: 120_000 });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('no password on standard input (pipe it in, or run the command in a terminal to be asked for it)');
    expect(usernames()).not.toContain('nothing');
  });
});

describe('users add: the password typed at a terminal', () => {
  it('asks twice with echo off, then creates the account', () => {
    const run = runInTerminal(addArgs('typed'), [
      ['Password for typed (at least 10 characters): ', `${PASSWORD}\r`],
      ['The same password again: ', `${PASSWORD}\r`],
    ]);
    expect(run).toMatchObject({ status: 0, timedOut: false, unmet: null });
    expect(run.output).toContain('Created officer typed (Agent typed).');
    // Nothing of the password reached the screen, not even masked.
    expect(run.output).not.toContain('correct');
    expect(run.output).not.toMatch(/\*{3}/);
    expect(signsIn('typed', PASSWORD)).toBe(true);
  });

  it('two different passwords: refused, nothing created', () => {
    const run = runInTerminal(addArgs('mismatch'), [
      ['Password for mismatch', `${PASSWORD}\r`],
      ['The same password again: ', 'something else entirely\r'],
    ]);
    expect(run.status).not.toBe(0);
    expect(run.output).toContain('the two passwords differ; nothing was created');
    expect(usernames()).not.toContain('mismatch');
  });

  it('Ctrl+C at the prompt: cancelled with a message, nothing created, no hang', () => {
    const run = runInTerminal(addArgs('cancelled'), [['Password for cancelled', 'half a pass\u0003']]);
    expect(run.timedOut).toBe(false);
    expect(run.status).not.toBe(0);
    expect(run.output).toContain('cancelled at the password prompt; nothing was created');
    expect(run.output).not.toContain('half a pass');
    expect(usernames()).not.toContain('cancelled');
  });
});
