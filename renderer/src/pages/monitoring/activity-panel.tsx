/** Activity: approval rate by month (model vs final), override rates per officer and branch, default rate by band. */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/api';
import { useResult } from '../../api/use-result';
import { formatNumber, formatPercent } from '../../../../common/format';
import { Plot } from '../../components/plot';
import { useLang } from '../../i18n/i18n';
import { DataTable } from '../../components/data-table';
import {
  approvalFigure,
  approvalSummary,
  bandLabel,
  branchRows,
  defaultsFigure,
  defaultsSummary,
  officerRows,
  overrideFigure,
  overrideSummary,
  type ActivityReport,
} from './activity-figures';
import { formatDateTime } from './monitoring-format';
import './monitoring.i18n';
import { OverrideTable } from './override-table';
import { RoleResultView } from '../../components/role-result-view';

/** Props of ActivityPanel. */
export interface ActivityPanelProps {
  months: number;
}

/** The activity tab. */
export function ActivityPanel({ months }: ActivityPanelProps) {
  const api = useApi();
  const activity = useResult(() => api.monitoring.activity({ months }), [months]);
  return <RoleResultView result={activity}>{(report) => <ActivityView report={report} />}</RoleResultView>;
}

function ActivityView({ report }: { report: ActivityReport }) {
  const { t } = useTranslation('monitoring');
  const lang = useLang();
  const approval = useMemo(() => approvalFigure(report, lang, t), [report, lang, t]);
  const officers = useMemo(() => officerRows(report, lang, t), [report, lang, t]);
  const branches = useMemo(() => branchRows(report, lang, t), [report, lang, t]);
  const overrides = useMemo(() => overrideFigure(officers, report.overrideWarnRate, lang, t), [officers, report.overrideWarnRate, lang, t]);
  const defaults = useMemo(() => defaultsFigure(report, lang, t), [report, lang, t]);
  const limit = formatPercent(report.overrideWarnRate, lang, 0);
  const anyDecision = officers.some((row) => row.rate !== null);
  return (
    <section aria-labelledby="activity-heading" data-testid="activity-panel">
      <h2 id="activity-heading">{t('activity.heading')}</h2>
      <p className="muted">{t('computedAt', { at: formatDateTime(report.computedAt, lang) })}</p>

      <h3>{t('activity.approvalHeading')}</h3>
      {report.months.length === 0 ? (
        <p role="status">{t('activity.approvalNone')}</p>
      ) : (
        <Plot title={t('activity.approvalTitle')} summary={approvalSummary(report, lang, t)} data={approval.data} layout={approval.layout} testId="approval-plot" />
      )}

      <h3>{t('activity.overridesHeading')}</h3>
      <p>{t('activity.overridesExplain', { limit })}</p>
      {anyDecision ? (
        <Plot
          title={t('activity.overrideTitle')}
          summary={overrideSummary(officers, report.overrideWarnRate, lang, t)}
          data={overrides.data}
          layout={overrides.layout}
          height={Math.max(200, 80 + 36 * officers.filter((row) => row.rate !== null).length)}
          testId="override-plot"
        />
      ) : (
        <p role="status" data-testid="override-none">
          {t('activity.overrideNone')}
        </p>
      )}
      <div className="grid-2">
        <div>
          <h4>{t('activity.officersHeading')}</h4>
          <OverrideTable rows={officers} kind="officer" testId="officer-table" />
        </div>
        <div>
          <h4>{t('activity.branchesHeading')}</h4>
          <OverrideTable rows={branches} kind="branch" testId="branch-table" />
        </div>
      </div>

      <h3>{t('activity.defaultsHeading')}</h3>
      <p>{t('activity.defaultsExplain', { threshold: formatPercent(report.defaultsByBand.threshold, lang) })}</p>
      <Plot title={t('activity.defaultsTitle')} summary={defaultsSummary(report, lang, t)} data={defaults.data} layout={defaults.layout} testId="defaults-plot" />
      <DataTable
        testId="defaults-table"
        rows={report.defaultsByBand.bands}
        rowKey={(band) => band.band}
        columns={[
          { key: 'band', header: t('activity.bandColumns.band'), rowHeader: true, cell: (band) => bandLabel(band, lang) },
          { key: 'clients', header: t('activity.bandColumns.clients'), align: 'number', cell: (band) => formatNumber(band.clients, lang) },
          { key: 'defaults', header: t('activity.bandColumns.defaults'), align: 'number', cell: (band) => formatNumber(band.defaults, lang) },
          {
            key: 'rate',
            header: t('activity.bandColumns.rate'),
            align: 'number',
            cell: (band) => (band.defaultRate === null ? t('activity.noClient') : formatPercent(band.defaultRate, lang)),
          },
        ]}
      />
    </section>
  );
}
