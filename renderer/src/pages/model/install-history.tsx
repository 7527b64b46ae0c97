/** The model in use and every install and rollback, newest first. */
import { useTranslation } from 'react-i18next';
import { useLang } from '../../i18n/i18n';
import { DataTable } from '../../components/data-table';
import { historyRows, shortHash, type ModelHistory } from './model-card-facts';
import './model.i18n';

/** Props of InstallHistory. */
export interface InstallHistoryProps {
  history: ModelHistory;
}

/** The history table. */
export function InstallHistory({ history }: InstallHistoryProps) {
  const { t } = useTranslation('model');
  const lang = useLang();
  const rows = historyRows(history, lang, t);
  return (
    <section aria-labelledby="history-heading" data-testid="model-history">
      <h2 id="history-heading">{t('history.heading')}</h2>
      <p>
        <span title={t('history.hashTitle', { sha256: history.active.sha256 })}>
          {t('history.active', { version: history.active.modelVersion, hash: shortHash(history.active.sha256) })}
        </span>
      </p>
      {rows.length === 0 ? (
        <p className="muted">{t('history.empty')}</p>
      ) : (
        <DataTable
          rows={rows}
          rowKey={(row) => row.key}
          columns={[
            { key: 'when', header: t('history.columns.when'), cell: (row) => row.when },
            { key: 'action', header: t('history.columns.action'), cell: (row) => row.action },
            { key: 'version', header: t('history.columns.version'), cell: (row) => row.modelVersion },
            { key: 'previous', header: t('history.columns.previous'), cell: (row) => row.previousVersion },
            { key: 'user', header: t('history.columns.user'), cell: (row) => row.username },
            { key: 'hash', header: t('history.columns.hash'), cell: (row) => <code title={t('history.hashTitle', { sha256: row.sha256 })}>{row.hash}…</code> },
          ]}
        />
      )}
    </section>
  );
}
