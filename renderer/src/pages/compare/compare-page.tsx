/** Compare: where the client stands among the database's clients (distribution, pairs, similar clients, importance). */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/api';
import { useResult } from '../../api/use-result';
import { useNavigation } from '../../app/navigation';
import { formatPercent } from '../../../../common/format';
import { ResultView } from '../../components/result-view';
import { useLang } from '../../i18n/i18n';
import { clientValues } from './client-values';
import './compare.i18n';
import { DistributionPanel } from './distribution-panel';
import { featureOptions } from './feature-options';
import { ImportancePanel } from './importance-panel';
import { PairsPanel } from './pairs-panel';
import { SimilarPanel } from './similar-panel';

/** The compare screen of route {page:'compare', clientId}. */
export function ComparePage() {
  const { t } = useTranslation('compare');
  const api = useApi();
  const lang = useLang();
  const { route, go } = useNavigation();
  const clientId = route.page === 'compare' ? route.clientId : 0;

  const score = useResult(() => api.scoring.score({ clientId, lang }), [clientId, lang]);
  const importance = useResult(() => api.population.importance({ lang }), [lang]);
  // Before the score arrives (or if it fails), pick among all important features; then among the client's.
  const values = useMemo(() => clientValues(score.data), [score.data]);
  const options = useMemo(
    () => (importance.data ? featureOptions(importance.data.features, score.data?.explanation.contributions) : []),
    [importance.data, score.data],
  );
  const own = score.data ? { probability: score.data.probability, decision: score.data.decision } : null;

  return (
    <section aria-labelledby="compare-title" className="compare-page">
      <h1 id="compare-title">{t('title', { clientId })}</h1>
      <p className="muted">{t('intro')}</p>
      <div className="row compare-actions">
        <button type="button" onClick={() => go({ page: 'client', clientId })} data-testid="compare-open-client">
          {t('openClient')}
        </button>
        <button type="button" onClick={() => go({ page: 'threshold', clientId })} data-testid="compare-open-threshold">
          {t('openThreshold')}
        </button>
      </div>
      <ResultView result={score}>
        {(data) => (
          <p data-testid="compare-client-line">
            {t('clientLine', { probability: formatPercent(data.probability, lang), decision: t(`decision.${data.decision}`) })}
          </p>
        )}
      </ResultView>
      <ResultView result={importance}>
        {(data) => (
          <div className="compare-grid">
            <DistributionPanel clientId={clientId} options={options} values={values} />
            <PairsPanel clientId={clientId} options={options} values={values} />
            <SimilarPanel clientId={clientId} values={values} own={own} />
            <ImportancePanel features={data.features} />
          </div>
        )}
      </ResultView>
    </section>
  );
}
