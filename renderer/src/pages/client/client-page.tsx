/**
 * One client: the score and the decision under the policy, why (reasons and the exact explanation), the
 * file, and the ways on (compare, what-if threshold, record the decision). The score and the file load
 * in parallel and show apart (a refused score, e.g. scoring disabled, leaves the file on screen); the score
 * call runs in main's scoring worker, so the window never blocks.
 */
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/api';
import { useResult } from '../../api/use-result';
import { useNavigation } from '../../app/navigation';
import { ResultView } from '../../components/result-view';
import { useLang } from '../../i18n/i18n';
import './client.i18n';
import { ClientFile } from './client-file';
import { CounterOfferPanel } from './counter-offer-panel';
import { DecisionPanel } from './decision-panel';
import { ExplanationPanel } from './explanation-panel';
import { ReasonsList } from './reasons-list';
import { ScoreSummary } from './score-summary';

/** How many reasons of each direction the page lists. */
const REASONS_PER_SIDE = 4;

/** The client screen (route {page:'client', clientId}). */
export function ClientPage() {
  const { t } = useTranslation('client');
  const api = useApi();
  const lang = useLang();
  const { route, go } = useNavigation();
  const clientId = route.page === 'client' ? route.clientId : 0;
  const score = useResult(() => api.scoring.score({ clientId, lang, reasons: REASONS_PER_SIDE }), [clientId, lang]);
  const file = useResult(() => api.clients.get({ clientId }), [clientId]);

  return (
    <article aria-labelledby="client-title" data-testid="client-page">
      <div className="row" style={{ justifyContent: 'space-between' }}>
        <h1 id="client-title">{t('title', { id: clientId })}</h1>
        <div className="row">
          <button type="button" onClick={() => go({ page: 'compare', clientId })} data-testid="go-compare">
            {t('actions.compare')}
          </button>
          <button type="button" onClick={() => go({ page: 'threshold', clientId })} data-testid="go-threshold">
            {t('actions.threshold')}
          </button>
          <button type="button" onClick={() => go({ page: 'search' })}>
            {t('actions.search')}
          </button>
        </div>
      </div>
      <ResultView result={score} what={t('score.heading')}>
        {(scored) => (
          <>
            <div className="grid-2">
              <ScoreSummary score={scored} />
              <ReasonsList reasons={scored.reasons} />
            </div>
            {scored.decision === 'refused' ? <CounterOfferPanel clientId={clientId} score={scored} /> : null}
            <DecisionPanel clientId={clientId} score={scored} />
            <ExplanationPanel score={scored} />
          </>
        )}
      </ResultView>
      {/* The file does not wait for the score, nor need it: where scoring is disabled, the client's file is still shown. */}
      <ResultView result={file}>{(data) => <ClientFile file={data} explanation={score.status === 'ok' ? score.data.explanation : null} />}</ResultView>
    </article>
  );
}
