/** The groups of one attribute: clients, granted, approval rate, ratio, and the reading in words (⚠ when flagged). */
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../../../common/format';
import { DataTable } from '../../components/data-table';
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
    <DataTable
      testId={testId}
      caption={caption}
      visibleCaption
      rows={rows}
      rowKey={(row) => row.group}
      rowClassName={(row) => `group-${row.verdict}`}
      columns={[
        { key: 'group', header: t('fairness.columns.group'), rowHeader: true, cell: (row) => row.label },
        { key: 'count', header: t('fairness.columns.count'), align: 'number', cell: (row) => formatNumber(row.count, lang) },
        { key: 'approved', header: t('fairness.columns.approved'), align: 'number', cell: (row) => formatNumber(row.approved, lang) },
        { key: 'rate', header: t('fairness.columns.rate'), align: 'number', cell: (row) => row.rateText },
        { key: 'ratio', header: t('fairness.columns.ratio'), align: 'number', cell: (row) => row.ratioText },
        { key: 'verdict', header: t('fairness.columns.verdict'), cell: (row) => (row.verdict === 'flagged' ? <strong>{row.verdictText}</strong> : row.verdictText) },
      ]}
    />
  );
}
