/**
 * How far the stored population's materialisation is (the first start on a database, after an import,
 * after a model install), under the header of every screen: from population:status when the screen opens,
 * then the population:progress events. After an install it says which model the population's figures come
 * from until the new model's scores are stored.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EventOf } from '../../../electron/shared/contract';
import { formatNumber, formatPercent } from '../../../common/format';
import { useApi } from '../api/api';
import { useLang } from '../i18n/i18n';
import './population-progress.i18n';

type Progress = EventOf<'population:progress'>;

/** The progress line, or nothing when no materialisation runs. */
export function PopulationProgress() {
  const { t } = useTranslation('populationProgress');
  const lang = useLang();
  const api = useApi();
  const [progress, setProgress] = useState<Progress | null>(null);

  useEffect(() => {
    let live = true;
    const off = api.on('population:progress', (event) => setProgress(event.done ? null : event));
    void api.population.status({}).then((result) => {
      if (live && result.ok) setProgress((current) => current ?? result.value);
    });
    return () => {
      live = false;
      off();
    };
  }, [api]);

  if (!progress) return null;
  const values = {
    clients: formatNumber(progress.clients, lang),
    total: formatNumber(progress.total, lang),
    percent: formatPercent(progress.total ? progress.clients / progress.total : 0, lang, 0),
    model: progress.modelVersion,
    serving: progress.servingModelVersion,
  };
  return (
    <div className="info-box population-progress" role="status" aria-live="polite" data-testid="population-progress">
      <p>{t(progress.stage, values)}</p>
      <progress max={progress.total || 1} value={progress.clients} aria-label={t(progress.stage, values)} />
      {progress.servingModelVersion !== progress.modelVersion ? <p>{t('serving', values)}</p> : null}
    </div>
  );
}
