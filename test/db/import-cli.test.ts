import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../db/open-database.js';
import { importPaths } from '../../db/import/import-paths.js';
import { dataRows } from '../support/csv-rows.js';
import { FIXTURE_DIR, REPO_ROOT, tempDir } from '../support/paths.js';

const CLI = ['tsx', 'cli/octroi.ts'];

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Starts `npx tsx cli/octroi.ts ARGS` in its own process group (so that a kill reaches tsx's node too). */
function startCli(args: string[]): { pid: number; done: Promise<Run>; running: () => boolean } {
  const child = spawn('npx', [...CLI, ...args], { cwd: REPO_ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  let exited = false;
  const done = new Promise<Run>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      exited = true;
      resolve({ code, signal, stdout, stderr });
    });
  });
  return { pid: child.pid!, done, running: () => !exited };
}

function count(db: Db, table: string): number {
  return (db.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n;
}

describe('octroi import (CLI)', () => {
  it('prints exactly the JSON summary with --json and exits non-zero when something was refused or rejected', async () => {
    const dir = tempDir('octroi-import-cli-');
    const dbPath = path.join(dir, 'octroi.db');
    const data = path.join(dir, 'data');
    fs.mkdirSync(data);
    fs.copyFileSync(path.join(FIXTURE_DIR, 'bureau_balance.csv'), path.join(data, 'bureau_balance.csv'));
    const pos = fs.readFileSync(path.join(FIXTURE_DIR, 'POS_CASH_balance.csv'), 'utf8').split('\n');
    pos[3] = pos[3]!.replace(/^(\d+),(\d+),(-?\d+),/, '$1,$2,-1.5,'); // line 4: MONTHS_BALANCE not whole
    fs.writeFileSync(path.join(data, 'POS_CASH_balance.csv'), pos.join('\n'));
    fs.writeFileSync(path.join(data, 'bureau.csv'), 'SK_ID_CURR,SK_ID_BUREAU\n1,2\n'); // header lacks 15 columns

    const run = await startCli(['import', '--db', dbPath, '--json', data]).done;
    expect(run.code, run.stderr).toBe(2);
    const summary = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(run.stdout.trim().split('\n')).toHaveLength(1); // no progress, nothing else on stdout
    expect(Object.keys(summary).sort()).toEqual(['refused', 'rejects', 'skipped', 'tables']);
    const balanceRows = dataRows(path.join(data, 'bureau_balance.csv'));
    const posRows = dataRows(path.join(data, 'POS_CASH_balance.csv'));
    expect(summary.tables).toEqual({
      bureau_balance: { read: balanceRows, imported: balanceRows, rejected: 0 },
      POS_CASH_balance: { read: posRows, imported: posRows - 1, rejected: 1 },
    });
    expect(summary.rejects).toMatch(new RegExp(`^${dir}/octroi\\.db\\.rejects-\\d{8}T\\d{6}Z\\.csv$`));
    expect(fs.readFileSync(summary.rejects as string, 'utf8')).toContain(`POS_CASH_balance.csv,4,MONTHS_BALANCE,-1.5,`);
    expect(summary.refused).toEqual([{ file: path.join(data, 'bureau.csv'), line: 1, message: expect.stringMatching(/bureau\.csv, line 1: .*missing columns/) }]);
    expect(summary.skipped).toEqual([]);

    const again = await startCli(['import', '--db', dbPath, '--json', path.join(data, 'bureau_balance.csv')]).done;
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toEqual({
      tables: {},
      rejects: null,
      refused: [],
      skipped: [{ file: path.join(data, 'bureau_balance.csv'), reason: expect.stringMatching(/^already imported on /) }],
    });
  });

  it('leaves the database exactly as it was when killed (SIGKILL) in the middle of a file, and a re-import then succeeds', async () => {
    const dir = tempDir('octroi-import-kill-');
    const dbPath = path.join(dir, 'octroi.db');
    const db = openDatabase(dbPath); // created and migrated here, so the CLI's only write transaction is the import
    await importPaths(db, [path.join(FIXTURE_DIR, 'bureau_balance.csv')]);
    db.close();
    const fixtureRows = dataRows(path.join(FIXTURE_DIR, 'bureau_balance.csv'));

    // ~1 M generated bureau_balance rows (14 MB): a couple of seconds of loading, keys clear of the fixture's.
    const rows = 1_000_000;
    const big = path.join(dir, 'big');
    fs.mkdirSync(big);
    const fd = fs.openSync(path.join(big, 'bureau_balance.csv'), 'w');
    fs.writeSync(fd, 'SK_ID_BUREAU,MONTHS_BALANCE,STATUS\n');
    const statuses = ['C', 'X', '0', '1'];
    for (let start = 0; start < rows; start += 50_000) {
      let chunk = '';
      for (let i = start; i < start + 50_000; i++) chunk += `${9_000_000 + Math.floor(i / 40)},${-(i % 40)},${statuses[i % 4]}\n`;
      fs.writeSync(fd, chunk);
    }
    fs.closeSync(fd);

    const cli = startCli(['import', '--db', dbPath, '--json', big]);
    // The importer takes the write lock (BEGIN IMMEDIATE) when it starts the file's transaction; a probe
    // connection that cannot take it then knows the transaction is open.
    const probe = new Database(dbPath);
    probe.pragma('busy_timeout = 0');
    const writeLocked = (): boolean => {
      try {
        probe.exec('BEGIN IMMEDIATE');
        probe.exec('ROLLBACK');
        return false;
      } catch (error) {
        if ((error as { code?: string }).code === 'SQLITE_BUSY') return true;
        throw error;
      }
    };
    const deadline = Date.now() + 45_000;
    while (!writeLocked() && cli.running() && Date.now() < deadline) await sleep(10);
    await sleep(300); // well into the rows
    expect(cli.running(), 'the import finished before it could be killed').toBe(true);
    expect(writeLocked(), 'the import transaction is open').toBe(true);
    process.kill(-cli.pid, 'SIGKILL');
    const run = await cli.done;
    expect(run.signal).toBe('SIGKILL');
    expect(writeLocked(), 'the lock died with the importer').toBe(false);
    probe.close();

    const after = openDatabase(dbPath);
    try {
      expect(after.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(count(after, 'bureau_balance')).toBe(fixtureRows);
      expect(count(after, 'import_file')).toBe(1);
      const summary = await importPaths(after, [big]);
      expect(summary.refused).toEqual([]);
      expect(summary.tables.bureau_balance).toEqual({ read: rows, imported: rows, rejected: 0 });
      expect(count(after, 'bureau_balance')).toBe(fixtureRows + rows);
      expect(after.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      after.close();
    }
  });
});
