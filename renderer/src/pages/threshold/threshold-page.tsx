/**
 * Threshold: a what-if slider of the decision threshold over the policy's cost curve — the population's
 * approval rate, defaults and cost, and (route with a clientId) the client's decision, all updated live;
 * managers can make the what-if value the policy.
 */
import { useContext, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '../../../../electron/shared/contract';
import { useApi } from '../../api/api';
import { useResult, type ResultState } from '../../api/use-result';
import { useNavigation } from '../../app/navigation';
import { SessionContext } from '../../app/session';
import { formatDate, formatNumber, formatPercent } from '../../../../common/format';
import type { Lang } from '../../../../common/lang';
import { Plot } from '../../components/plot';
import { ResultView } from '../../components/result-view';
import { useLang } from '../../i18n/i18n';
import { costCurveFigure, costCurveSummary } from './cost-curve-figure';
import { PolicyChangeForm } from './policy-change-form';
import './threshold.i18n';
import { WhatIfControls } from './what-if-controls';

type Policy = ResponseOf<'policy:get'>;
type Score = ResponseOf<'scoring:score'>;

/** The threshold screen of route {page:'threshold', clientId?}. */
export function ThresholdPage() {
  const { t } = useTranslation('threshold');
  const api = useApi();
  const lang = useLang();
  const { route, go } = useNavigation();
  const clientId = route.page === 'threshold' ? route.clientId : undefined;
  const policy = useResult(() => api.policy.get({}), []);
  const score = useResult(() => (clientId === undefined ? null : api.scoring.score({ clientId, lang })), [clientId, lang]);

  return (
    <section aria-labelledby="threshold-title" className="threshold-page">
      <h1 id="threshold-title">{clientId === undefined ? t('title') : t('titleClient', { clientId })}</h1>
      <p className="muted">{t('intro')}</p>
      {clientId !== undefined ? (
        <div className="row threshold-actions">
          <button type="button" onClick={() => go({ page: 'client', clientId })} data-testid="threshold-open-client">
            {t('openClient')}
          </button>
          <button type="button" onClick={() => go({ page: 'compare', clientId })} data-testid="threshold-open-compare">
            {t('openCompare')}
          </button>
        </div>
      ) : null}
      <ResultView result={policy} what={t('title')}>
        {(data) => <ThresholdView policy={data} clientId={clientId} score={clientId === undefined ? null : score} onPolicyChanged={policy.reload} lang={lang} />}
      </ResultView>
    </section>
  );
}

/** Props of ThresholdView. */
interface ThresholdViewProps {
  policy: Policy;
  clientId: number | undefined;
  score: (ResultState<Score> & { reload: () => void }) | null;
  onPolicyChanged: () => void;
  lang: Lang;
}

/** The screen once the policy is known. */
function ThresholdView({ policy, clientId, score, onPolicyChanged, lang }: ThresholdViewProps) {
  const { t } = useTranslation('threshold');
  // Managers only (main checks again). Without a session context (sign-in not wired yet) the form shows and
  // main's 'forbidden' answer is displayed.
  const session = useContext(SessionContext);
  const mayChange = session ? session.user.role === 'manager' : true;
  const [whatIf, setWhatIf] = useState(policy.threshold);
  // A new policy (after a change) moves the what-if value only if it was sitting on the old one.
  const [seenPolicy, setSeenPolicy] = useState(policy.threshold);
  useEffect(() => {
    if (policy.threshold !== seenPolicy) {
      setSeenPolicy(policy.threshold);
      setWhatIf((current) => (current === seenPolicy ? policy.threshold : current));
    }
  }, [policy.threshold, seenPolicy]);

  const client = clientId !== undefined && score?.data ? { clientId, probability: score.data.probability } : null;
  const marks = useMemo(() => ({ policy: policy.threshold, whatIf, client }), [policy.threshold, whatIf, client?.clientId, client?.probability]);
  const figure = useMemo(
    () => ({ ...costCurveFigure(policy.curve, marks, lang, t), summary: costCurveSummary(policy.curve, marks, lang, t) }),
    [policy.curve, marks, lang, t],
  );

  return (
    <>
      <div className="panel threshold-policy" data-testid="threshold-policy">
        <p>
          {t('policyLine', {
            threshold: formatPercent(policy.threshold, lang),
            model: formatPercent(policy.modelThreshold, lang),
            fn: formatNumber(policy.cost.fn, lang, 2),
            fp: formatNumber(policy.cost.fp, lang, 2),
          })}
        </p>
        <p className="muted">{policy.changedBy && policy.changedAt ? t('changedBy', { who: policy.changedBy, when: formatDate(policy.changedAt, lang, 'longDateTime') }) : t('modelOwn')}</p>
      </div>
      <div className="threshold-grid">
        <section className="panel" aria-labelledby="what-if-title">
          <h2 id="what-if-title">{t('whatIf.title')}</h2>
          {score?.status === 'error' ? (
            <div className="error-box" role="alert">
              {t('whatIf.clientError')} {score.error.message}
            </div>
          ) : null}
          <WhatIfControls policy={policy} whatIf={whatIf} onChange={setWhatIf} client={client} />
        </section>
        <section className="panel" aria-labelledby="curve-title">
          <h2 id="curve-title">{t('curve.title')}</h2>
          <Plot data={figure.data} layout={figure.layout} title={t('curve.plotTitle')} summary={figure.summary} testId="cost-curve" height={380} />
        </section>
      </div>
      {mayChange ? (
        <section className="panel threshold-change">
          <PolicyChangeForm whatIf={whatIf} policyThreshold={policy.threshold} onChanged={onPolicyChanged} />
        </section>
      ) : null}
    </>
  );
}
