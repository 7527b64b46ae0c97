/** The decision log: every recorded decision, newest first, a page at a time, filterable by client; a row opens its client. */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/api';
import { useResult } from '../../api/use-result';
import { useNavigation } from '../../app/navigation';
import { formatNumber } from '../../../../common/format';
import { ResultView } from '../../components/result-view';
import { useLang } from '../../i18n/i18n';
import { DecisionTable } from '../client/decision-table';
import { PAGE_SIZE, pageView, parseClientFilter } from './decision-log-paging';
import './decisions.i18n';

/** The decisions screen (route {page:'decisions', clientId?}). */
export function DecisionsPage() {
  const { t } = useTranslation('decisions');
  const api = useApi();
  const lang = useLang();
  const { route, go } = useNavigation();
  const routeClient = route.page === 'decisions' ? route.clientId : undefined;
  const [filter, setFilter] = useState(routeClient === undefined ? '' : String(routeClient));
  const [debounced, setDebounced] = useState(filter);
  const [offset, setOffset] = useState(0);

  useEffect(() => {
    const timer = setTimeout(() => setDebounced(filter), 200);
    return () => clearTimeout(timer);
  }, [filter]);
  const parsed = parseClientFilter(debounced);
  const clientId = 'invalid' in parsed ? undefined : parsed.clientId;
  useEffect(() => setOffset(0), [clientId]);

  const log = useResult(() => ('invalid' in parsed ? null : api.decisions.list({ clientId, offset, limit: PAGE_SIZE })), [clientId, offset, 'invalid' in parsed]);
  const invalid = 'invalid' in parseClientFilter(filter);

  return (
    <section aria-labelledby="decisions-title" data-testid="decisions-page">
      <h1 id="decisions-title">{t('title')}</h1>
      <p className="muted">{t('intro')}</p>
      <div className="panel form-field" style={{ maxWidth: '26rem' }}>
        <label htmlFor="decisions-filter">{t('filter')}</label>
        <input
          id="decisions-filter"
          inputMode="numeric"
          autoComplete="off"
          value={filter}
          onChange={(event) => setFilter(event.target.value)}
          aria-invalid={invalid || undefined}
          aria-describedby={invalid ? 'decisions-filter-hint decisions-filter-problem' : 'decisions-filter-hint'}
          data-testid="decisions-filter"
        />
        <span id="decisions-filter-hint" className="muted field-hint">
          {t('filterHint')}
        </span>
        {invalid ? (
          <span id="decisions-filter-problem" className="field-error">
            {t('invalid')}
          </span>
        ) : null}
      </div>
      <ResultView result={log}>
        {(data) => {
          const page = pageView(data.total, offset);
          if (data.total === 0) return <p role="status">{clientId === undefined ? t('none') : t('noneForClient', { clientId })}</p>;
          return (
            <>
              <DecisionTable decisions={data.decisions} caption={t('caption')} onOpenClient={(id) => go({ page: 'client', clientId: id })} testId="decision-log" />
              <div className="row pager">
                <span role="status">{t('range', { from: formatNumber(page.from, lang), to: formatNumber(page.to, lang), total: formatNumber(page.total, lang) })}</span>
                <span className="row">
                  <button type="button" disabled={page.previous === null} onClick={() => page.previous !== null && setOffset(page.previous)} data-testid="decisions-previous">
                    {t('previous')}
                  </button>
                  <button type="button" disabled={page.next === null} onClick={() => page.next !== null && setOffset(page.next)} data-testid="decisions-next">
                    {t('next')}
                  </button>
                </span>
              </div>
            </>
          );
        }}
      </ResultView>
    </section>
  );
}
