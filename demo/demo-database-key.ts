/**
 * The key of a demo database: demo databases are encrypted like any other (the app and the tools take no
 * clear path), and their key sits beside them in a file labelled DEMO, since their data are synthetic and
 * the demo must open without IT. A real database never has such a file: its key is kept by the OS
 * (the app) or by IT (a key file on a protected path).
 */
import fs from 'node:fs';
import { generateDatabaseKey, readKeyFile, writeKeyFile, type DatabaseKey } from '../db/database-key.js';

/** Where the DEMO key of the demo database at `dbPath` is: `<db>.DEMO-KEY`. */
export function demoKeyPath(dbPath: string): string {
  return `${dbPath}.DEMO-KEY`;
}

/** The DEMO key beside `dbPath`, created (with its label) when there is none yet. */
export function demoDatabaseKey(dbPath: string): DatabaseKey {
  const file = demoKeyPath(dbPath);
  if (fs.existsSync(file)) return readKeyFile(file);
  const key = generateDatabaseKey();
  writeKeyFile(file, key, [
    'DEMO database key: it opens the demo database beside it, which holds synthetic clients only.',
    'Never use it for a database of real clients (their key is kept by the OS or by IT).',
  ]);
  return key;
}
