/**
 * The key prompt of the CLI as IT meets it, at a real terminal (a pseudo-terminal driven by
 * test/support/run-in-pty.py): an existing encrypted database opened with no OCTROI_DB_KEY_FILE,
 * OCTROI_DB_KEY or --key-file asks its key once, with echo off; a wrong key gets the clear message
 * (never a raw SQLite error); Ctrl+C cancels in words. Asking twice is only for choosing a new secret.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/open-database.js';
import { tempDir } from '../support/paths.js';
import { runOctroiInTerminal } from '../support/run-in-terminal.js';
import { TEST_DB_KEY, TEST_DB_KEY_HEX } from '../support/test-database-key.js';

let dir: string;
let dbPath: string;
/** No key in the environment: the CLI must ask. */
const NO_KEY_ENV = { OCTROI_DB_KEY: '', OCTROI_DB_KEY_FILE: '' };

beforeAll(() => {
  dir = tempDir('octroi-key-prompt-');
  dbPath = path.join(dir, 'branch.db');
  const db = openDatabase(dbPath, { key: TEST_DB_KEY });
  db.prepare("INSERT INTO app_setting (key, value) VALUES ('seen-by-it', '\"yes\"')").run();
  db.close();
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const prompt = () => `Key of the database ${dbPath} (64 hexadecimal characters): `;
const sql = ['db', 'sql', '--db', 'PLACEHOLDER', "SELECT value FROM app_setting WHERE key = 'seen-by-it'", '--json'];
const sqlArgs = () => sql.map((part) => (part === 'PLACEHOLDER' ? dbPath : part));

describe('the database key typed at a terminal', () => {
  it('is asked once, with echo off, and opens the database', () => {
    const run = runOctroiInTerminal(sqlArgs(), [[prompt(), `${TEST_DB_KEY_HEX}\r`]], NO_KEY_ENV);
    expect(run).toMatchObject({ status: 0, timedOut: false, unmet: null });
    expect(run.output).toContain('[{"value":"\\"yes\\""}]');
    // Asked once: the prompt appears a single time, and no "again" prompt follows.
    expect(run.output.split('Key of the database').length - 1).toBe(1);
    expect(run.output).not.toMatch(/again/i);
    // Nothing of the key reached the screen.
    expect(run.output).not.toContain(TEST_DB_KEY_HEX.slice(0, 16));
  });

  it('a wrong key: the clear message, nothing opened', () => {
    const wrong = 'ab'.repeat(32);
    const run = runOctroiInTerminal(sqlArgs(), [[prompt(), `${wrong}\r`]], NO_KEY_ENV);
    expect(run.timedOut).toBe(false);
    expect(run.status).not.toBe(0);
    expect(run.output.split('Key of the database').length - 1).toBe(1);
    expect(run.output).toContain(
      `The database ${dbPath} did not open with the key given: it is encrypted with another key, or it is not a database (damaged, or another kind of file). Give its key with OCTROI_DB_KEY_FILE or --key-file.`,
    );
    expect(run.output).not.toMatch(/SQLITE_|file is not a database|\n\s+at /);
  });

  it('something that is not a key: says what a key is', () => {
    const run = runOctroiInTerminal(sqlArgs(), [[prompt(), 'my-password\r']], NO_KEY_ENV);
    expect(run.status).not.toBe(0);
    expect(run.output).toContain('The key typed does not hold a database key: a key is one line of 64 hexadecimal characters (256 bits).');
  });

  it('Ctrl+C at the prompt: cancelled in words, no hang', () => {
    const run = runOctroiInTerminal(sqlArgs(), [[prompt(), '7e57\u0003']], NO_KEY_ENV);
    expect(run.timedOut).toBe(false);
    expect(run.status).not.toBe(0);
    expect(run.output).toContain(`cancelled at the prompt for Key of the database ${dbPath} (64 hexadecimal characters); nothing was opened`);
  });
});
