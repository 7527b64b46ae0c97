/**
 * import:start — a manager imports Home Credit CSV files picked in the desktop's file dialog (the renderer
 * never names a path). The verb answers at once with an import id; the import runs in main and reports
 * on `import:progress` (hashing, loading, then one last event with the summary, or 'failed'). One import
 * at a time per database, the CLI's included ('conflict' in words otherwise). Afterwards the caches built from the population are dropped, since
 * the clients changed.
 */
import { randomUUID } from 'node:crypto';
import { isDatabaseBusy } from '../../../db/database-busy.js';
import { importPaths, runningImport, type ImportProgress, type ImportSummary } from '../../../db/import/import-paths.js';
import { keyOf, openDatabase } from '../../../db/open-database.js';
import type { EventOf } from '../../shared/contract.js';
import { DomainError } from '../../shared/errors.js';
import type { IpcRouter } from '../ipc-handle.js';
import { requireUser, type HandlerServices } from './handler-services.js';
import { forgetMonitoring } from './monitoring-handlers.js';
import { forgetPopulation, preparePopulation, progressToWindow } from './population-cache.js';

type ImportEvent = EventOf<'import:progress'>;

const BUSY_IMPORT_MESSAGE = 'The database is busy with another program (another import or a backup): the file being imported was not written; try again when it is over.';

/** The event of one progress step. */
function progressEvent(importId: string, progress: ImportProgress): ImportEvent {
  return { importId, ...progress, message: null };
}

/** The last event: the whole summary (or the failure), fileIndex = fileCount. */
function finalEvent(importId: string, fileCount: number, outcome: { summary: ImportSummary } | { error: string }): ImportEvent {
  const base = { importId, file: '', table: '', fileIndex: fileCount, fileCount, bytesRead: 0, bytesTotal: 0, rowsRead: 0 };
  if ('error' in outcome) return { ...base, phase: 'failed', message: outcome.error };
  const { summary } = outcome;
  return {
    ...base,
    phase: 'done',
    message: null,
    summary: {
      tables: summary.tables,
      rejects: summary.rejects,
      refused: summary.refused.slice(0, 1000).map((refused) => ({ ...refused, message: refused.message.slice(0, 2000) })),
      skipped: summary.skipped.slice(0, 1000),
    },
  };
}

/** Registers import:start. `running` resolves when the import in progress ends (tests wait on it). */
export function registerImportHandlers(router: IpcRouter, services: HandlerServices): { running: () => Promise<void> } {
  let current: Promise<void> | null = null;
  router.handle('import:start', async () => {
    requireUser(services, 'manager');
    if (current) throw new DomainError('conflict', 'An import is already running: wait for it to finish.');
    // One running from the command line on the same database (its lock file) is said before the dialog opens.
    const elsewhere = services.db.memory ? null : runningImport(services.db.name);
    if (elsewhere) throw new DomainError('conflict', `An${elsewhere.message.slice(2)}`);
    const desktop = services.desktop;
    if (!desktop) throw new DomainError('internal', 'No file dialog is available here.');
    const paths = await desktop.chooseFilesToOpen({ title: 'Import Home Credit CSV files', extensions: ['csv'] });
    if (paths.length === 0) throw new DomainError('cancelled', 'No file was chosen.');
    const importId = randomUUID();
    let fileCount = paths.length;
    const run = async () => {
      // Its own connection: the import's long file transactions never hold the one the other requests use,
      // which keep reading (WAL) and whose writes wait for the lock without blocking anything.
      const importDb = openDatabase(services.dbPath, { key: keyOf(services.db) });
      try {
        const summary = await importPaths(importDb, paths, {
          onProgress: (progress) => {
            fileCount = progress.fileCount;
            desktop.emit('import:progress', progressEvent(importId, progress));
          },
        });
        desktop.emit('import:progress', finalEvent(importId, fileCount, { summary }));
      } catch (error) {
        const message = isDatabaseBusy(error) ? BUSY_IMPORT_MESSAGE : error instanceof Error ? error.message : String(error);
        desktop.emit('import:progress', finalEvent(importId, fileCount, { error: message }));
      } finally {
        importDb.close();
        // New clients: the population behind plots, similar clients and monitoring is rebuilt on next use
        // (nothing was built while scoring is disabled).
        if (!services.scoringDisabled) {
          forgetPopulation(services.db, services.engine);
          forgetMonitoring(services.db, services.engine);
          // The stored population no longer matches the clients: materialised again now, in the background.
          preparePopulation(services.db, services.engine, () => undefined, progressToWindow(services));
        }
        current = null;
      }
    };
    // Started after this answer is sent: the renderer knows the id before the first event arrives.
    current = new Promise<void>((resolve) => setImmediate(() => void run().then(resolve)));
    return { importId };
  });
  return { running: () => current ?? Promise.resolve() };
}
