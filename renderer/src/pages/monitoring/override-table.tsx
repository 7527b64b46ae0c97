/** A table of override rates (per officer or per branch), the warning in words with ⚠. */
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../../../common/format';
import { DataTable } from '../../components/data-table';
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
    <DataTable
      testId={testId}
      rows={rows}
      rowKey={(row) => row.key}
      rowClassName={(row) => (row.warn ? 'override-warn' : undefined)}
      columns={[
        { key: 'name', header: t(kind === 'officer' ? 'activity.columns.officer' : 'activity.columns.branch'), rowHeader: true, cell: (row) => row.name },
        kind === 'officer' && { key: 'branch', header: t('activity.columns.branch'), cell: (row) => row.branch || t('activity.noBranch') },
        { key: 'decisions', header: t('activity.columns.decisions'), align: 'number', cell: (row) => formatNumber(row.decisions, lang) },
        {
          key: 'overrides',
          header: t('activity.columns.overrides'),
          align: 'number',
          cell: (row) => (
            <>
              {formatNumber(row.overrides, lang)}{' '}
              <span className="muted">
                ({t('activity.columns.toGrant')} {formatNumber(row.toGrant, lang)}, {t('activity.columns.toRefuse')} {formatNumber(row.toRefuse, lang)})
              </span>
            </>
          ),
        },
        { key: 'rate', header: t('activity.columns.rate'), align: 'number', cell: (row) => row.rateText },
        { key: 'warning', header: t('activity.columns.warning'), cell: (row) => (row.warn ? <strong>{row.warnText}</strong> : row.warnText) },
      ]}
    />
  );
}
