/** The score in words and numbers: probability, band, decision under the threshold, and the gauge. */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '../../../../electron/shared/contract';
import { formatPercent } from '../../../../common/format';
import { Plot } from '../../components/plot';
import { useLang } from '../../i18n/i18n';
import { gaugeFigure } from './client-figures';
import './client.i18n';

/** Props of ScoreSummary. */
export interface ScoreSummaryProps {
  score: ResponseOf<'scoring:score'>;
}

/** The score panel. */
export function ScoreSummary({ score }: ScoreSummaryProps) {
  const { t } = useTranslation('client');
  const lang = useLang();
  const granted = score.decision === 'granted';
  const figure = useMemo(() => gaugeFigure(score.probability, score.threshold, granted), [score.probability, score.threshold, granted]);
  const decisionWord = t(`score.${score.decision}`);
  return (
    <section className="panel" aria-labelledby="score-heading" data-testid="score-summary">
      <h2 id="score-heading">{t('score.heading')}</h2>
      <div className="row" style={{ alignItems: 'flex-start', gap: '2rem' }}>
        <dl className="score-facts">
          <dt>{t('score.probability')}</dt>
          <dd className="big-number" data-testid="probability">
            {formatPercent(score.probability, lang)}
          </dd>
          <dt>{t('score.band')}</dt>
          <dd>
            <span className="band" data-testid="band">
              {score.band}
            </span>
          </dd>
          <dt>{t('score.decision')}</dt>
          <dd>
            <span className={`decision ${score.decision}`} data-testid="decision">
              <span aria-hidden="true">{granted ? '✔' : '✖'}</span> {decisionWord}
            </span>
          </dd>
        </dl>
        <div style={{ flex: 1, minWidth: 260 }}>
          <Plot
            title={t('score.gaugeTitle')}
            summary={t('score.gaugeSummary', {
              probability: formatPercent(score.probability, lang),
              threshold: formatPercent(score.threshold, lang),
              decision: decisionWord,
              band: score.band,
            })}
            data={figure.data}
            layout={figure.layout}
            height={200}
            testId="gauge"
          />
        </div>
      </div>
      <p>
        {t('score.why', { relation: t(granted ? 'score.below' : 'score.above'), decision: decisionWord.toLowerCase() })}{' '}
        <span className="muted">
          {t('score.threshold', { threshold: formatPercent(score.threshold, lang) })} · {t('score.model', { version: score.modelVersion })}
        </span>
      </p>
    </section>
  );
}
