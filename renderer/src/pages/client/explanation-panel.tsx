/** The local explanation: the waterfall of exact contributions, with its summary in words. */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '../../../../electron/shared/contract';
import { formatPercent, formatPoints } from '../../../../common/format';
import { Plot } from '../../components/plot';
import { useLang } from '../../i18n/i18n';
import { waterfallBars, waterfallFigure } from './client-figures';
import './client.i18n';

const TOP = 10;

/** Props of ExplanationPanel. */
export interface ExplanationPanelProps {
  score: ResponseOf<'scoring:score'>;
}

/** The explanation panel. */
export function ExplanationPanel({ score }: ExplanationPanelProps) {
  const { t } = useTranslation('client');
  const lang = useLang();
  const { explanation, probability } = score;
  const figure = useMemo(() => {
    const others = explanation.contributions.length - Math.min(TOP, explanation.contributions.length);
    return waterfallFigure(explanation, probability, { base: t('waterfall.base'), others: t('waterfall.others', { count: others }), final: t('waterfall.final'), axis: t('waterfall.axis') }, TOP);
  }, [explanation, probability, t]);
  const summary = useMemo(() => {
    const { bars } = waterfallBars(explanation, 3);
    const top = bars.map((bar) => `${bar.label} (${formatPoints(bar.delta, lang)})`).join(', ');
    return t('waterfall.summary', { base: formatPercent(explanation.baseProbability, lang), final: formatPercent(probability, lang), top });
  }, [explanation, probability, lang, t]);
  return (
    <section className="panel" aria-labelledby="explanation-heading">
      <h2 id="explanation-heading">{t('waterfall.heading')}</h2>
      <p className="muted">{t('waterfall.hint')}</p>
      <Plot title={t('waterfall.title')} summary={summary} data={figure.data} layout={figure.layout} height={460} testId="waterfall" />
    </section>
  );
}
