/** Drift: PSI of the score and the most drifted information by month (plot over the bands), then the tables. */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/api';
import { useResult } from '../../api/use-result';
import { formatNumber } from '../../../../common/format';
import { Plot } from '../../components/plot';
import { useLang } from '../../i18n/i18n';
import { DataTable } from '../../components/data-table';
import { driftFigure, driftFigureTexts, driftSeries, driftSummary, monthRows, windowRows, type DriftReport } from './drift-figures';
import { formatDateTime, formatLimit } from './monitoring-format';
import './monitoring.i18n';
import { RoleResultView } from '../../components/role-result-view';
import { StatusBadge } from './status-badge';

/** Features listed in the window's table; the plot draws the first few. */
const TOP_FEATURES = 12;
const PLOTTED_FEATURES = 5;

/** Props of DriftPanel. */
export interface DriftPanelProps {
  months: number;
}

/** The drift tab. */
export function DriftPanel({ months }: DriftPanelProps) {
  const api = useApi();
  const lang = useLang();
  const drift = useResult(() => api.monitoring.drift({ lang, months, top: TOP_FEATURES }), [lang, months]);
  return <RoleResultView result={drift}>{(report) => <DriftView report={report} />}</RoleResultView>;
}

function DriftView({ report }: { report: DriftReport }) {
  const { t } = useTranslation('monitoring');
  const lang = useLang();
  const figure = useMemo(() => driftFigure(report, driftSeries(report, PLOTTED_FEATURES, t), driftFigureTexts(t), lang), [report, t, lang]);
  const summary = useMemo(() => driftSummary(report, lang, t), [report, lang, t]);
  const rows = useMemo(() => windowRows(report, lang, t), [report, lang, t]);
  const byMonth = useMemo(() => monthRows(report, lang, t), [report, lang, t]);
  const counts = report.overall.featureStatus;
  return (
    <section aria-labelledby="drift-heading" data-testid="drift-panel">
      <h2 id="drift-heading">{t('drift.heading')}</h2>
      <p>
        {t('drift.explain', { watch: formatLimit(report.thresholds.watch, lang), drift: formatLimit(report.thresholds.drift, lang), min: formatNumber(report.minSample, lang) })}
      </p>
      <p className="muted">{t('computed', { version: report.modelVersion, at: formatDateTime(report.computedAt, lang) })}</p>
      {report.byMonth.length === 0 ? (
        <p role="status">{t('drift.empty')}</p>
      ) : (
        <>
          <Plot title={t('drift.plotTitle')} summary={summary} data={figure.data} layout={figure.layout} height={400} testId="drift-plot" />
          <div className="grid-2">
            <div>
              <h3>{t('drift.windowHeading', { rows: formatNumber(report.overall.rows, lang) })}</h3>
              <p>{t('drift.counts', counts)}</p>
              <DataTable
                testId="drift-window-table"
                rows={rows}
                rowKey={(row) => row.key}
                rowClassName={(row) => (row.key === 'score' ? 'drift-score-row' : undefined)}
                columns={[
                  { key: 'label', header: t('drift.columns.label'), rowHeader: true, cell: (row) => row.label },
                  { key: 'psi', header: t('drift.columns.psi'), align: 'number', cell: (row) => row.psiText },
                  { key: 'status', header: t('drift.columns.status'), cell: (row) => <StatusBadge status={row.status} /> },
                ]}
              />
            </div>
            <div>
              <h3>{t('drift.monthsHeading')}</h3>
              <DataTable
                testId="drift-month-table"
                rows={byMonth}
                rowKey={(row) => row.key}
                columns={[
                  { key: 'month', header: t('drift.columns.month'), rowHeader: true, cell: (row) => row.monthText },
                  { key: 'rows', header: t('drift.columns.rows'), align: 'number', cell: (row) => formatNumber(row.rows, lang) },
                  { key: 'psi', header: t('drift.columns.psi'), align: 'number', cell: (row) => row.psiText },
                  { key: 'status', header: t('drift.columns.status'), cell: (row) => <StatusBadge status={row.status} /> },
                ]}
              />
            </div>
          </div>
          {report.unknownClients > 0 ? <p className="muted">{t('drift.unknownClients', { n: formatNumber(report.unknownClients, lang) })}</p> : null}
        </>
      )}
    </section>
  );
}
