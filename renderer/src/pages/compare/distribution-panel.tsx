/** The distribution section: feature, grouping, bins, display mode; the histogram with the client marked. */
import { useEffect, useMemo, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { POPULATION_CHANNELS } from '../../../../electron/shared/contract-population';
import { useApi } from '../../api/api';
import { useResult } from '../../api/use-result';
import { Plot } from '../../components/plot';
import { ResultView } from '../../components/result-view';
import { useLang } from '../../i18n/i18n';
import type { ClientValue } from './client-values';
import { distributionFigure, distributionSummary, histogramView, type ClientMark } from './distribution-figure';
import type { FeatureOption } from './feature-options';
import { FeaturePicker } from './feature-picker';
import { ComparePanel } from './compare-panel';

const BINS_SCHEMA = POPULATION_CHANNELS['population:distribution'].request.shape.bins;
/** The contract's bounds on the bin count (the request is refused outside them). */
export const MIN_BINS = BINS_SCHEMA.minValue ?? 2;
export const MAX_BINS = BINS_SCHEMA.maxValue ?? 200;
const DEFAULT_BINS = 30;
/** Dragging the bins slider sends one request once the hand stops, not one per step. */
const BINS_DEBOUNCE_MS = 200;

type GroupBy = 'none' | 'decision' | 'outcome';

/** A typed bin count within the contract's bounds (whole number; NaN → the default). */
export function clampBins(value: number): number {
  if (!Number.isFinite(value)) return DEFAULT_BINS;
  return Math.min(MAX_BINS, Math.max(MIN_BINS, Math.round(value)));
}

/** Props of DistributionPanel. */
export interface DistributionPanelProps {
  clientId: number;
  options: readonly FeatureOption[];
  values: Map<string, ClientValue> | null;
}

/** The distribution section of the compare screen. */
export function DistributionPanel({ clientId, options, values }: DistributionPanelProps) {
  const { t } = useTranslation('compare');
  const api = useApi();
  const lang = useLang();
  const [feature, setFeature] = useState(options[0]?.feature ?? '');
  const [groupBy, setGroupBy] = useState<GroupBy>('decision');
  const [bins, setBins] = useState(DEFAULT_BINS);
  const [binsSent, setBinsSent] = useState(DEFAULT_BINS);
  const [mode, setMode] = useState<'overlay' | 'group'>('overlay');

  useEffect(() => {
    const timer = setTimeout(() => setBinsSent(bins), BINS_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [bins]);
  useEffect(() => {
    if (!options.some((option) => option.feature === feature) && options[0]) setFeature(options[0].feature);
  }, [options, feature]);

  const result = useResult(
    () => (feature ? api.population.distribution({ feature, groupBy, bins: binsSent, lang }) : null),
    [feature, groupBy, binsSent, lang],
  );
  const value = values?.get(feature);
  const client: ClientMark | null = value ? { clientId, ...value } : null;
  const figure = useMemo(() => {
    if (!result.data) return null;
    const view = histogramView(result.data);
    return { view, ...distributionFigure(view, client, mode, t), summary: distributionSummary(view, client, lang, t) };
    // `client` is rebuilt each render from stable inputs: depend on those.
  }, [result.data, value, clientId, mode, lang, t]);
  // The slider and the number box are one control of the bin count.
  const binsInput = {
    min: MIN_BINS,
    max: MAX_BINS,
    step: 1,
    value: bins,
    onChange: (event: ChangeEvent<HTMLInputElement>) => setBins(clampBins(Number(event.target.value))),
  };

  return (
    <ComparePanel
      id="distribution"
      title={t('distribution.title')}
      controls={
        <>
          <FeaturePicker label={t('distribution.feature')} options={options} value={feature} onChange={setFeature} testId="distribution-feature" />
          <label>
            <span>{t('distribution.groupBy')}</span>
            <select value={groupBy} onChange={(event) => setGroupBy(event.target.value as GroupBy)} data-testid="distribution-group">
              {(['none', 'decision', 'outcome'] as const).map((option) => (
                <option key={option} value={option}>
                  {t(`distribution.group.${option}`)}
                </option>
              ))}
            </select>
          </label>
          <div className="bins-control">
            <label htmlFor="distribution-bins">{t('distribution.bins')}</label>
            <div className="row">
              <input id="distribution-bins-range" type="range" {...binsInput} aria-label={t('distribution.bins')} data-testid="distribution-bins-range" />
              <input id="distribution-bins" type="number" {...binsInput} className="bins-number" data-testid="distribution-bins" />
            </div>
          </div>
          <fieldset className="mode-switch">
            <legend>{t('distribution.mode')}</legend>
            {(['overlay', 'group'] as const).map((option) => (
              <label key={option}>
                <input type="radio" name="distribution-mode" value={option} checked={mode === option} onChange={() => setMode(option)} />
                {t(option === 'overlay' ? 'distribution.overlay' : 'distribution.side')}
              </label>
            ))}
          </fieldset>
        </>
      }
    >
      <ResultView result={result}>
        {() =>
          figure ? (
            <Plot
              data={figure.data}
              layout={figure.layout}
              title={t('distribution.plotTitle', { label: figure.view.label })}
              summary={figure.summary}
              testId="distribution-plot"
              height={360}
            />
          ) : null
        }
      </ResultView>
    </ComparePanel>
  );
}
