/**
 * Fairness: which protected attributes are model inputs (the API's statement, as given), then for sex and
 * age band the approval rate and disparate-impact ratio of each group, under the model's decisions (plot
 * and table) and under the final decisions recorded.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/api';
import { useResult } from '../../api/use-result';
import { formatNumber, formatPercent } from '../../../../common/format';
import { Plot } from '../../components/plot';
import { useLang } from '../../i18n/i18n';
import { fairnessSummary, groupRows, ratioFigure, type FairnessGrouping, type FairnessReport } from './fairness-figures';
import { GroupTable } from './group-table';
import { formatDateTime, formatLimit } from './monitoring-format';
import './monitoring.i18n';
import { RoleResultView } from '../../components/role-result-view';

/** The fairness tab. */
export function FairnessPanel() {
  const api = useApi();
  const lang = useLang();
  const fairness = useResult(() => api.fairness.report({ lang }), [lang]);
  return <RoleResultView result={fairness}>{(report) => <FairnessView report={report} />}</RoleResultView>;
}

function FairnessView({ report }: { report: FairnessReport }) {
  const { t } = useTranslation('monitoring');
  const lang = useLang();
  return (
    <section aria-labelledby="fairness-heading" data-testid="fairness-panel">
      <h2 id="fairness-heading">{t('fairness.heading')}</h2>
      <p>{t('fairness.explain', { limit: formatLimit(report.flagBelow, lang), min: formatNumber(report.minGroup, lang) })}</p>
      <p className="muted">
        {t('fairness.basis', { threshold: formatPercent(report.threshold, lang), clients: formatNumber(report.clients, lang), version: report.modelVersion })} ·{' '}
        {t('computedAt', { at: formatDateTime(report.computedAt, lang) })}
      </p>

      <h3>{t('fairness.attributesHeading')}</h3>
      <ul className="attribute-statements" data-testid="attribute-statements">
        {report.attributes.map((attribute) => (
          <li key={attribute.attribute}>
            <strong>{attribute.label}</strong> — {t('fairness.modelInput')} <strong>{t(attribute.modelInput ? 'fairness.yes' : 'fairness.no')}</strong>
            <p>{attribute.statement}</p>
          </li>
        ))}
      </ul>

      {report.groupings.map((grouping) => (
        <GroupingView key={grouping.attribute} grouping={grouping} report={report} />
      ))}
    </section>
  );
}

function GroupingView({ grouping, report }: { grouping: FairnessGrouping; report: FairnessReport }) {
  const { t } = useTranslation('monitoring');
  const lang = useLang();
  const figure = useMemo(() => ratioFigure(grouping.model, report, lang, t), [grouping, report, lang, t]);
  const modelRows = useMemo(() => groupRows(grouping.model, report, lang, t), [grouping, report, lang, t]);
  const recordedRows = useMemo(() => groupRows(grouping.recorded, report, lang, t), [grouping, report, lang, t]);
  return (
    <div data-testid={`fairness-${grouping.attribute}`}>
      <h3>{grouping.label}</h3>
      <div className="grid-2">
        <Plot
          title={t('fairness.plotTitle', { attribute: grouping.label })}
          summary={fairnessSummary(grouping, grouping.model, report, lang, t)}
          data={figure.data}
          layout={figure.layout}
          testId={`fairness-plot-${grouping.attribute}`}
        />
        <div>
          <GroupTable rows={modelRows} caption={t('fairness.modelDecisions')} testId={`fairness-model-${grouping.attribute}`} />
          {grouping.recorded.total > 0 ? (
            <>
              <GroupTable rows={recordedRows} caption={t('fairness.recordedDecisions')} testId={`fairness-recorded-${grouping.attribute}`} />
              <p className="plot-summary">{fairnessSummary(grouping, grouping.recorded, report, lang, t)}</p>
            </>
          ) : (
            <p className="muted">{t('fairness.recordedNone')}</p>
          )}
        </div>
      </div>
    </div>
  );
}
