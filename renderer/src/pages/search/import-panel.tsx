/**
 * A manager imports Home Credit CSV files: main opens the file dialog, the import runs in main and its
 * progress arrives as events; the summary says what was imported, rejected (with the report's path) and
 * refused. Nothing is lost: a refused file loads nothing, a rejected row is in the report.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EventOf } from '../../../../electron/shared/contract';
import type { IpcError } from '../../../../electron/shared/errors';
import { useApi } from '../../api/api';
import { formatNumber, formatPercent } from '../../../../common/format';
import { ResultView } from '../../components/result-view';
import { useLang } from '../../i18n/i18n';
import { DataTable } from '../../components/data-table';
import './import.i18n';

type Progress = EventOf<'import:progress'>;

/** Props of ImportPanel. */
export interface ImportPanelProps {
  /** Called when an import finished (the client lists are read again). */
  onImported(): void;
}

/** The import panel of the search screen (managers). */
export function ImportPanel({ onImported }: ImportPanelProps) {
  const { t } = useTranslation('import');
  const lang = useLang();
  const api = useApi();
  const [importId, setImportId] = useState<string | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [error, setError] = useState<IpcError | null>(null);

  useEffect(() => {
    if (!importId) return;
    return api.on('import:progress', (event) => {
      if (event.importId !== importId) return;
      setProgress(event);
      if (event.summary || event.phase === 'failed') {
        setImportId(null);
        onImported();
      }
    });
  }, [api, importId, onImported]);

  async function start() {
    setError(null);
    setProgress(null);
    const result = await api.import.start({});
    if (result.ok) setImportId(result.value.importId);
    else if (result.error.code !== 'cancelled') setError(result.error);
  }

  const final = progress && (progress.summary || progress.phase === 'failed') ? progress : null;
  const tables = final?.summary ? Object.entries(final.summary.tables) : [];
  return (
    <section className="panel" aria-labelledby="import-heading" data-testid="import-panel">
      <h2 id="import-heading">{t('heading')}</h2>
      <p className="muted">{t('hint')}</p>
      <button type="button" onClick={() => void start()} disabled={importId !== null} data-testid="import-start">
        {importId ? t('running') : t('start')}
      </button>
      <div aria-live="polite" data-testid="import-status">
        {importId && progress && !final ? (
          <p role="status">
            {t('progress', {
              index: progress.fileIndex + 1,
              count: progress.fileCount,
              file: progress.file,
              table: progress.table,
              phase: t(`phases.${progress.phase}`),
              percent: progress.bytesTotal ? formatPercent(progress.bytesRead / progress.bytesTotal, lang, 0) : '',
              rows: formatNumber(progress.rowsRead, lang),
            })}
          </p>
        ) : null}
        {final?.phase === 'failed' ? <p className="error-box" role="alert">{t('failed', { message: final.message ?? '' })}</p> : null}
        {final?.summary ? (
          <div data-testid="import-summary">
            <p role="status">{t('done')}</p>
            {tables.length ? (
              <DataTable
                rows={tables}
                rowKey={([table]) => table}
                columns={[
                  { key: 'name', header: t('table.name'), rowHeader: true, cell: ([table]) => table },
                  { key: 'read', header: t('table.read'), align: 'number', cell: ([, counts]) => formatNumber(counts.read, lang) },
                  { key: 'imported', header: t('table.imported'), align: 'number', cell: ([, counts]) => formatNumber(counts.imported, lang) },
                  { key: 'rejected', header: t('table.rejected'), align: 'number', cell: ([, counts]) => formatNumber(counts.rejected, lang) },
                ]}
              />
            ) : (
              <p>{t('nothing')}</p>
            )}
            {final.summary.rejects ? <p>{t('rejects', { path: final.summary.rejects })}</p> : null}
            {final.summary.refused.length ? (
              <>
                <h3>{t('refused')}</h3>
                <ul>
                  {final.summary.refused.map((refused) => (
                    <li key={refused.file}>{refused.message}</li>
                  ))}
                </ul>
              </>
            ) : null}
            {final.summary.skipped.length ? <p className="muted">{t('skipped', { count: final.summary.skipped.length })}</p> : null}
          </div>
        ) : null}
      </div>
      {error ? <ResultView result={{ status: 'error', error }}>{() => null}</ResultView> : null}
    </section>
  );
}
