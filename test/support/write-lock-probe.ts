import { openRawTestConnection } from './test-database-key.js';

/**
 * A second connection that tells whether another one holds the database's write lock (an import inside
 * its BEGIN IMMEDIATE): it cannot take the lock itself then. Close it when done.
 */
export function writeLockProbe(dbPath: string): { locked: () => boolean; close: () => void } {
  const probe = openRawTestConnection(dbPath);
  probe.pragma('busy_timeout = 0');
  return {
    locked: () => {
      try {
        probe.exec('BEGIN IMMEDIATE');
        probe.exec('ROLLBACK');
        return false;
      } catch (error) {
        if ((error as { code?: string }).code === 'SQLITE_BUSY') return true;
        throw error;
      }
    },
    close: () => probe.close(),
  };
}
