/**
 * Model monitoring (managers): drift of recent applications, what officers did with the model's
 * decisions, and fairness — one tab each, so only the report looked at is computed.
 */
import { useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ActivityPanel } from './activity-panel';
import { DriftPanel } from './drift-panel';
import { FairnessPanel } from './fairness-panel';
import './monitoring.i18n';
import { NumberSelect } from '../../components/number-select';

const TABS = ['drift', 'activity', 'fairness'] as const;
type Tab = (typeof TABS)[number];
/** The periods offered, in months (the API accepts 1 to 36). */
const WINDOWS = [3, 6, 12, 24] as const;

/** The monitoring screen (route {page:'monitoring'}). */
export function MonitoringPage() {
  const { t } = useTranslation('monitoring');
  const [tab, setTab] = useState<Tab>('drift');
  const [months, setMonths] = useState<number>(12);
  const tabRefs = useRef<Record<Tab, HTMLButtonElement | null>>({ drift: null, activity: null, fairness: null });

  // Arrow keys move between tabs (WAI-ARIA tabs pattern, automatic activation).
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = TABS.indexOf(tab);
    const next =
      event.key === 'ArrowRight' ? TABS[(index + 1) % TABS.length] : event.key === 'ArrowLeft' ? TABS[(index + TABS.length - 1) % TABS.length] : event.key === 'Home' ? TABS[0] : event.key === 'End' ? TABS[TABS.length - 1] : undefined;
    if (!next) return;
    event.preventDefault();
    setTab(next);
    tabRefs.current[next]?.focus();
  };

  return (
    <article aria-labelledby="monitoring-title" data-testid="monitoring-page">
      <h1 id="monitoring-title">{t('title')}</h1>
      <p className="muted">{t('intro')}</p>
      <div className="row monitoring-toolbar">
        <div role="tablist" aria-label={t('tabs.label')} className="tabs" onKeyDown={onKeyDown}>
          {TABS.map((name) => (
            <button
              key={name}
              ref={(element) => {
                tabRefs.current[name] = element;
              }}
              type="button"
              role="tab"
              id={`monitoring-tab-${name}`}
              aria-selected={tab === name}
              // Only the selected tab has a panel in the page: a reference to a missing id would be invalid.
              aria-controls={tab === name ? `monitoring-panel-${name}` : undefined}
              tabIndex={tab === name ? 0 : -1}
              className="tab"
              onClick={() => setTab(name)}
              data-testid={`monitoring-tab-${name}`}
            >
              {t(`tabs.${name}`)}
            </button>
          ))}
        </div>
        {tab !== 'fairness' ? (
          <NumberSelect className="row" label={t('window')} value={months} options={WINDOWS} onChange={setMonths} format={(value) => t('windowMonths', { months: value })} testId="monitoring-window" />
        ) : null}
      </div>
      <div role="tabpanel" id={`monitoring-panel-${tab}`} aria-labelledby={`monitoring-tab-${tab}`} tabIndex={0} className="tab-panel">
        {tab === 'drift' ? <DriftPanel months={months} /> : tab === 'activity' ? <ActivityPanel months={months} /> : <FairnessPanel />}
      </div>
    </article>
  );
}
