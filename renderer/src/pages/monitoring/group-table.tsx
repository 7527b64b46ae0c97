/** The groups of one attribute: clients, granted, approval rate, ratio, and the reading in words (⚠ when flagged). */
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../../../common/format';
import { useLang } from '../../i18n/i18n';
import type { GroupRow } from './fairness-figures';
import './monitoring.i18n';

/** Props of GroupTable. */
export interface GroupTableProps {
  rows: readonly GroupRow[];
  caption: string;
  testId?: string;
}

/** The fairness table of one attribute under one kind of decision. */
export function GroupTable({ rows, caption, testId }: GroupTableProps) {
  const { t } = useTranslation('monitoring');
  const lang = useLang();
  return (
    <table data-testid={testId}>
      <caption className="table-caption">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('fairness.columns.group')}</th>
          <th scope="col" className="number">
            {t('fairness.columns.count')}
          </th>
          <th scope="col" className="number">
            {t('fairness.columns.approved')}
          </th>
          <th scope="col" className="number">
            {t('fairness.columns.rate')}
          </th>
          <th scope="col" className="number">
            {t('fairness.columns.ratio')}
          </th>
          <th scope="col">{t('fairness.columns.verdict')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.group} className={`group-${row.verdict}`}>
            <th scope="row">{row.label}</th>
            <td className="number">{formatNumber(row.count, lang)}</td>
            <td className="number">{formatNumber(row.approved, lang)}</td>
            <td className="number">{row.rateText}</td>
            <td className="number">{row.ratioText}</td>
            <td>{row.verdict === 'flagged' ? <strong>{row.verdictText}</strong> : row.verdictText}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
