/**
 * One import at a time per database, across processes (the app and the CLI): a lock file beside the
 * database, created exclusively, naming the process and when it started. A lock whose process is gone (a
 * crash, a kill -9) is stale and taken over. The loading transaction (BEGIN IMMEDIATE) protects the rows
 * anyway; the lock turns a second import into a sentence instead of a SQLITE_BUSY after minutes of hashing.
 */
import fs from 'node:fs';
import os from 'node:os';

/** Another import holds the database: the message says who and since when. */
export class ImportRunningError extends Error {
  constructor(
    readonly pid: number,
    readonly since: Date,
  ) {
    const time = since.toTimeString().slice(0, 5);
    super(`another import is running on this database since ${time} (pid ${pid}); wait for it to finish, then import again.`);
    this.name = 'ImportRunningError';
  }
}

interface LockContent {
  pid: number;
  host: string;
  since: string;
}

/** The lock file of a database. */
export function importLockPath(databasePath: string): string {
  return `${databasePath}.import-lock`;
}

/** Takes the import lock of a database; returns its release. Throws ImportRunningError when it is held. */
export function acquireImportLock(databasePath: string, now = new Date()): () => void {
  const lockPath = importLockPath(databasePath);
  const mine: LockContent = { pid: process.pid, host: os.hostname(), since: now.toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(lockPath, JSON.stringify(mine), { flag: 'wx' });
      return () => releaseIfMine(lockPath);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = readLock(lockPath);
    if (holder && holderAlive(holder)) throw new ImportRunningError(holder.pid, new Date(holder.since));
    // Stale (its process is gone) or unreadable (a crash while writing it): remove it, then try again.
    fs.rmSync(lockPath, { force: true });
  }
  const holder = readLock(lockPath);
  throw new ImportRunningError(holder?.pid ?? 0, new Date(holder?.since ?? now));
}

/** The import running on a database (as the error a second import gets), or null when none is. */
export function runningImport(databasePath: string): ImportRunningError | null {
  const holder = readLock(importLockPath(databasePath));
  return holder && holderAlive(holder) ? new ImportRunningError(holder.pid, new Date(holder.since)) : null;
}

function readLock(lockPath: string): LockContent | null {
  try {
    const content = JSON.parse(fs.readFileSync(lockPath, 'utf8')) as Partial<LockContent>;
    if (typeof content.pid !== 'number' || typeof content.since !== 'string' || Number.isNaN(Date.parse(content.since))) return null;
    return { pid: content.pid, host: String(content.host ?? ''), since: content.since };
  } catch {
    return null;
  }
}

/** Whether the lock's process still runs. On another host it cannot be checked: it is taken as running. */
function holderAlive(holder: LockContent): boolean {
  if (holder.host !== os.hostname()) return true;
  if (holder.pid === process.pid) return true;
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  return !zombie(holder.pid);
}

/** A killed process nobody has reaped yet still answers kill(pid, 0); on Linux its state says it is dead. */
function zombie(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) === 'Z';
  } catch {
    return false;
  }
}

function releaseIfMine(lockPath: string): void {
  const holder = readLock(lockPath);
  if (holder && holder.pid === process.pid && holder.host === os.hostname()) fs.rmSync(lockPath, { force: true });
}
