/** A table of override rates (per officer or per branch), the warning in words with ⚠. */
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../../../common/format';
import { useLang } from '../../i18n/i18n';
import type { OverrideRow } from './activity-figures';
import './monitoring.i18n';

/** Props of OverrideTable. */
export interface OverrideTableProps {
  rows: readonly OverrideRow[];
  /** 'officer' adds the branch column. */
  kind: 'officer' | 'branch';
  testId?: string;
}

/** The override table. */
export function OverrideTable({ rows, kind, testId }: OverrideTableProps) {
  const { t } = useTranslation('monitoring');
  const lang = useLang();
  return (
    <table data-testid={testId}>
      <thead>
        <tr>
          <th scope="col">{t(kind === 'officer' ? 'activity.columns.officer' : 'activity.columns.branch')}</th>
          {kind === 'officer' ? <th scope="col">{t('activity.columns.branch')}</th> : null}
          <th scope="col" className="number">
            {t('activity.columns.decisions')}
          </th>
          <th scope="col" className="number">
            {t('activity.columns.overrides')}
          </th>
          <th scope="col" className="number">
            {t('activity.columns.rate')}
          </th>
          <th scope="col">{t('activity.columns.warning')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key} className={row.warn ? 'override-warn' : undefined}>
            <th scope="row">{row.name}</th>
            {kind === 'officer' ? <td>{row.branch || t('activity.noBranch')}</td> : null}
            <td className="number">{formatNumber(row.decisions, lang)}</td>
            <td className="number">
              {formatNumber(row.overrides, lang)}{' '}
              <span className="muted">
                ({t('activity.columns.toGrant')} {formatNumber(row.toGrant, lang)}, {t('activity.columns.toRefuse')} {formatNumber(row.toRefuse, lang)})
              </span>
            </td>
            <td className="number">{row.rateText}</td>
            <td>{row.warn ? <strong>{row.warnText}</strong> : row.warnText}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
