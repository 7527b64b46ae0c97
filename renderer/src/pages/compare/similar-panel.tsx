/** The similar clients section: a table of the nearest clients (probability, decision, outcome, compared values); a row opens that client. */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/api';
import { useResult } from '../../api/use-result';
import { useNavigation } from '../../app/navigation';
import { formatPercent } from '../../../../common/format';
import { ResultView } from '../../components/result-view';
import { useLang } from '../../i18n/i18n';
import type { ClientValue } from './client-values';
import { axisTitle, formatValue } from './compare-format';
import { displayScale, toDisplay } from './display-scale';
import { similarSummary } from './similar-summary';
import { NumberSelect } from '../../components/number-select';

const NEIGHBOURS = [5, 10, 20];

/** Props of SimilarPanel. */
export interface SimilarPanelProps {
  clientId: number;
  values: Map<string, ClientValue> | null;
  /** The client's own probability and decision, for the first row. */
  own: { probability: number; decision: 'granted' | 'refused' } | null;
}

/** The similar clients section of the compare screen. */
export function SimilarPanel({ clientId, values, own }: SimilarPanelProps) {
  const { t } = useTranslation('compare');
  const api = useApi();
  const lang = useLang();
  const { go } = useNavigation();
  const [k, setK] = useState(10);
  const result = useResult(() => api.scoring.similar({ clientId, lang, k }), [clientId, lang, k]);
  const summary = useMemo(() => (result.data ? similarSummary(result.data, lang, t) : ''), [result.data, lang, t]);

  return (
    <section className="panel compare-panel" aria-labelledby="similar-title">
      <h2 id="similar-title">{t('similar.title')}</h2>
      <div className="compare-controls">
        <NumberSelect label={t('similar.k')} value={k} options={NEIGHBOURS} onChange={setK} testId="similar-k" />
      </div>
      <ResultView result={result}>
        {(data) => {
          const scales = data.features.map((feature) => displayScale(feature.unit));
          return (
            <>
              <p className="plot-summary" role="note" data-testid="similar-summary">
                {summary}
              </p>
              <p id="similar-caption" className="muted small">
                {t('similar.caption', { count: data.features.length })}
              </p>
              <div className="table-scroll">
                <table data-testid="similar-table" className="similar-table" aria-describedby="similar-caption">
                  <thead>
                    <tr>
                      <th scope="col">{t('similar.client')}</th>
                      <th scope="col" className="number">{t('similar.probability')}</th>
                      <th scope="col">{t('similar.decision')}</th>
                      <th scope="col">{t('similar.outcome')}</th>
                      {data.features.map((feature, index) => (
                        <th key={feature.feature} scope="col" className="number">
                          {axisTitle(feature.label, scales[index]!.unit, t)}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    <tr className="this-client">
                      <th scope="row">{t('similar.thisClient', { clientId })}</th>
                      <td className="number">{own ? formatPercent(own.probability, lang) : '—'}</td>
                      <td>{own ? <DecisionText decision={own.decision} /> : '—'}</td>
                      <td>—</td>
                      {data.features.map((feature, index) => {
                        const value = values?.get(feature.feature);
                        return (
                          <td key={feature.feature} className="number" title={value?.valueText}>
                            {value ? formatValue(toDisplay(value.value, scales[index]!), lang) : '—'}
                          </td>
                        );
                      })}
                    </tr>
                    {data.clients.map((client) => (
                      <tr key={client.clientId}>
                        <th scope="row">
                          <button type="button" onClick={() => go({ page: 'client', clientId: client.clientId })} aria-label={t('similar.open', { clientId: client.clientId })}>
                            {client.clientId}
                          </button>
                        </th>
                        <td className="number">{formatPercent(client.probability, lang)}</td>
                        <td>
                          <DecisionText decision={client.decision} />
                        </td>
                        <td>{t(`outcome.${client.outcome ?? 'unknown'}`)}</td>
                        {client.values.map((value, index) => (
                          <td key={data.features[index]?.feature ?? index} className="number">
                            {formatValue(toDisplay(value, scales[index] ?? displayScale('plain')), lang)}
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          );
        }}
      </ResultView>
    </section>
  );
}

/** A decision in words with a symbol (colour is not the only carrier). */
function DecisionText({ decision }: { decision: 'granted' | 'refused' }) {
  const { t } = useTranslation('compare');
  return (
    <span className={`decision-text ${decision}`}>
      <span aria-hidden="true">{decision === 'granted' ? '✓ ' : '✗ '}</span>
      {t(`decision.${decision}`)}
    </span>
  );
}
