/** The bivariate section: two features, a sample size; the scatter by decision with the client as a star. */
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { POPULATION_CHANNELS } from '../../../../electron/shared/contract-population';
import { useApi } from '../../api/api';
import { useResult } from '../../api/use-result';
import { formatNumber } from '../../../../common/format';
import { Plot } from '../../components/plot';
import { ResultView } from '../../components/result-view';
import { useLang } from '../../i18n/i18n';
import type { ClientValue } from './client-values';
import { defaultPartner, type FeatureOption } from './feature-options';
import { FeaturePicker } from './feature-picker';
import { pairsFigure, pairsSummary, type ClientPoint } from './pairs-figure';
import { NumberSelect } from '../../components/number-select';
import { ComparePanel } from './compare-panel';

const MAX_POINTS = POPULATION_CHANNELS['population:pairs'].request.shape.maxPoints.maxValue ?? 20_000;
/** Sample sizes offered (a few thousand points stay quick to draw as SVG). */
const SAMPLE_SIZES = [500, 1000, 2000, 5000].filter((size) => size <= MAX_POINTS);

/** Props of PairsPanel. */
export interface PairsPanelProps {
  clientId: number;
  options: readonly FeatureOption[];
  values: Map<string, ClientValue> | null;
}

/** The pairs section of the compare screen. */
export function PairsPanel({ clientId, options, values }: PairsPanelProps) {
  const { t } = useTranslation('compare');
  const api = useApi();
  const lang = useLang();
  const [x, setX] = useState(options[0]?.feature ?? '');
  const [y, setY] = useState(defaultPartner(options, options[0]?.feature ?? '') ?? '');
  const [maxPoints, setMaxPoints] = useState(2000);

  useEffect(() => {
    if (!options.some((option) => option.feature === x) && options[0]) setX(options[0].feature);
    if (!options.some((option) => option.feature === y)) setY(defaultPartner(options, x) ?? '');
  }, [options, x, y]);

  const result = useResult(() => (x && y ? api.population.pairs({ x, y, groupBy: 'decision', maxPoints, lang }) : null), [x, y, maxPoints, lang]);
  const xValue = values?.get(x);
  const yValue = values?.get(y);
  const groupLabels = useMemo(() => ({ granted: t('decision.granted'), refused: t('decision.refused') }), [t]);
  const figure = useMemo(() => {
    if (!result.data) return null;
    const client: ClientPoint | null =
      xValue && yValue ? { clientId, x: xValue.value, y: yValue.value, xText: xValue.valueText, yText: yValue.valueText } : null;
    return { ...pairsFigure(result.data, client, groupLabels, t), summary: pairsSummary(result.data, client, groupLabels, lang, t) };
  }, [result.data, xValue, yValue, clientId, groupLabels, lang, t]);

  return (
    <ComparePanel
      id="pairs"
      title={t('pairs.title')}
      controls={
        <>
          <FeaturePicker label={t('pairs.x')} options={options} value={x} onChange={setX} testId="pairs-x" />
          <FeaturePicker label={t('pairs.y')} options={options} value={y} onChange={setY} testId="pairs-y" />
          <NumberSelect label={t('pairs.maxPoints')} value={maxPoints} options={SAMPLE_SIZES} onChange={setMaxPoints} format={(size) => formatNumber(size, lang)} testId="pairs-max-points" />
        </>
      }
    >
      <ResultView result={result}>
        {(data) =>
          figure ? (
            <Plot data={figure.data} layout={figure.layout} title={t('pairs.plotTitle', { x: data.x.label, y: data.y.label })} summary={figure.summary} testId="pairs-plot" height={420} />
          ) : null
        }
      </ResultView>
    </ComparePanel>
  );
}
