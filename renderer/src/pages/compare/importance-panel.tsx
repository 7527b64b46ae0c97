/** The global importance section: the top N features of the model as horizontal bars. */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Plot } from '../../components/plot';
import { useLang } from '../../i18n/i18n';
import { importanceFigure, importanceSummary, type Importance } from './importance-figure';
import { NumberSelect } from '../../components/number-select';
import { ComparePanel } from './compare-panel';

const TOPS = [10, 15, 20, 30];

/** The importance section of the compare screen (the list comes loaded by the page: it also feeds the pickers). */
export function ImportancePanel({ features }: { features: readonly Importance[] }) {
  const { t } = useTranslation('compare');
  const lang = useLang();
  const [top, setTop] = useState(15);
  const figure = useMemo(() => ({ ...importanceFigure(features, top, lang, t), summary: importanceSummary(features, top, lang, t) }), [features, top, lang, t]);
  const shown = Math.min(top, features.length);
  return (
    <ComparePanel
      id="importance"
      title={t('importance.title')}
      controls={<NumberSelect label={t('importance.top')} value={top} options={TOPS} onChange={setTop} testId="importance-top" />}
    >
      <Plot data={figure.data} layout={figure.layout} title={t('importance.plotTitle', { top: shown })} summary={figure.summary} testId="importance-plot" height={Math.max(260, 28 * shown + 80)} />
    </ComparePanel>
  );
}
