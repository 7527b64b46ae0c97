/** The model in use and every install and rollback, newest first. */
import { useTranslation } from 'react-i18next';
import { useLang } from '../../i18n/i18n';
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
        <table>
          <thead>
            <tr>
              <th scope="col">{t('history.columns.when')}</th>
              <th scope="col">{t('history.columns.action')}</th>
              <th scope="col">{t('history.columns.version')}</th>
              <th scope="col">{t('history.columns.previous')}</th>
              <th scope="col">{t('history.columns.user')}</th>
              <th scope="col">{t('history.columns.hash')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key}>
                <td>{row.when}</td>
                <td>{row.action}</td>
                <td>{row.modelVersion}</td>
                <td>{row.previousVersion}</td>
                <td>{row.username}</td>
                <td>
                  <code title={t('history.hashTitle', { sha256: row.sha256 })}>{row.hash}…</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
