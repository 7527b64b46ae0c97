/** The SQL of model installs and rollbacks (model_install): what was put in use, by whom, from which file. */
import type { Db } from '../open-database.js';

/** One row of model_install. */
export interface ModelInstallRow {
  install_id: number;
  action: 'install' | 'rollback';
  model_version: string;
  sha256: string;
  path: string;
  previous_version: string | null;
  username: string;
  installed_at: string;
}

/** An install or rollback to record. */
export interface NewModelInstall {
  action: 'install' | 'rollback';
  version: string;
  sha256: string;
  path: string;
  previousVersion: string | null;
  userId: number | null;
  username: string;
  installedAt: string;
}

/** Appends an install or rollback; returns its install_id. */
export function insertModelInstall(db: Db, entry: NewModelInstall): number {
  const info = db
    .prepare('INSERT INTO model_install (action, model_version, sha256, path, previous_version, user_id, username, installed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
    .run(entry.action, entry.version, entry.sha256, entry.path, entry.previousVersion, entry.userId, entry.username, entry.installedAt);
  return Number(info.lastInsertRowid);
}

/** Every install and rollback, newest first. */
export function modelInstallRows(db: Db): ModelInstallRow[] {
  return db
    .prepare<[], ModelInstallRow>('SELECT install_id, action, model_version, sha256, path, previous_version, username, installed_at FROM model_install ORDER BY install_id DESC')
    .all();
}
