/**
 * The counter-offer of a refused client: the amount, or the longer term, at which the same client would
 * be granted under the threshold of the score shown, as offers the officer can propose. Nothing to search
 * for a granted client (a short line says so).
 */
import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '../../../../electron/shared/contract';
import { useApi } from '../../api/api';
import { useResult } from '../../api/use-result';
import { ResultView } from '../../components/result-view';
import { CounterOfferView } from './counter-offer-view';
import './counter-offer.i18n';

/** Props of CounterOfferPanel. */
export interface CounterOfferPanelProps {
  clientId: number;
  score: ResponseOf<'scoring:score'>;
}

/** The counter-offer panel of the client page. */
export function CounterOfferPanel({ clientId, score }: CounterOfferPanelProps) {
  const { t } = useTranslation('counterOffer');
  const api = useApi();
  const refused = score.decision === 'refused';
  // The search scores ~200 variants in main's worker: only for a refusal, under the score's own threshold.
  const offer = useResult(() => (refused ? api.scoring.counterOffer({ clientId, threshold: score.threshold }) : null), [clientId, refused, score.threshold]);
  return (
    <section className="panel" aria-labelledby="counter-offer-heading" data-testid="counter-offer-panel">
      <h2 id="counter-offer-heading">{t('heading')}</h2>
      {refused ? (
        <ResultView result={offer} what={t('heading')}>
          {(data) => (data.counterOffer ? <CounterOfferView counterOffer={data.counterOffer} /> : <p>{t('granted')}</p>)}
        </ResultView>
      ) : (
        <p>{t('granted')}</p>
      )}
    </section>
  );
}
