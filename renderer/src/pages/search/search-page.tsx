/** Find a client: type the first digits of the id (keyboard-first), or pick a recent or listed client. */
import { useCallback, useEffect, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '../../../../electron/shared/contract';
import { useApi } from '../../api/api';
import { useResult } from '../../api/use-result';
import { useNavigation } from '../../app/navigation';
import { useIsManager } from '../../app/session';
import { formatMoney, formatNumber, MISSING } from '../../../../common/format';
import { ResultView } from '../../components/result-view';
import { useLang } from '../../i18n/i18n';
import { DataTable } from '../../components/data-table';
import { ImportPanel } from './import-panel';
import './search.i18n';

type ClientSummary = ResponseOf<'clients:list'>['clients'][number];

/** Waits this long after the last key before searching: a fast typist sends one query, not five. */
const DEBOUNCE_MS = 150;

/** The search screen. */
export function SearchPage() {
  const { t } = useTranslation('search');
  const api = useApi();
  const { go, recentClients } = useNavigation();
  const [query, setQuery] = useState('');
  const [debounced, setDebounced] = useState('');
  const [selected, setSelected] = useState(0);

  useEffect(() => {
    const timer = setTimeout(() => setDebounced(query.trim()), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [query]);

  const isQuery = /^\d+$/.test(debounced);
  const search = useResult(() => (isQuery ? api.clients.search({ query: debounced, limit: 20 }) : null), [debounced]);
  const [imports, setImports] = useState(0);
  const browse = useResult(() => api.clients.list({ offset: 0, limit: 20 }), [imports]);
  const isManager = useIsManager();
  const onImported = useCallback(() => setImports((n) => n + 1), []);

  useEffect(() => setSelected(0), [debounced]);
  const found = isQuery && search.status === 'ok' ? search.data.clients : [];

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setSelected((index) => Math.min(index + 1, Math.max(found.length - 1, 0)));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setSelected((index) => Math.max(index - 1, 0));
    } else if (event.key === 'Enter') {
      // The typed id wins when it is a listed client: Enter right after typing must not open the row
      // that was selected for the previous, shorter query.
      const typed = query.trim();
      const pick = found.find((client) => String(client.clientId) === typed) ?? (typed === debounced ? found[selected] : undefined) ?? (/^\d+$/.test(typed) ? { clientId: Number(typed) } : undefined);
      if (pick) go({ page: 'client', clientId: pick.clientId });
    }
  }

  return (
    <section aria-labelledby="search-title">
      <h1 id="search-title">{t('title')}</h1>
      <div className="panel">
        <label htmlFor="client-search">{t('label')}</label>
        <div className="row">
          <input
            id="client-search"
            data-testid="client-search"
            inputMode="numeric"
            autoComplete="off"
            autoFocus
            value={query}
            onChange={(event) => setQuery(event.target.value)}
            onKeyDown={onKeyDown}
            role="combobox"
            aria-expanded={found.length > 0}
            aria-controls="search-results"
            aria-activedescendant={found[selected] ? `result-${found[selected]!.clientId}` : undefined}
            aria-describedby="search-hint"
          />
        </div>
        <p id="search-hint" className="muted">
          {t('hint')}
        </p>
        {isQuery ? (
          <ResultView result={search}>
            {(data) =>
              data.clients.length === 0 ? (
                <p role="status">{t('none', { query: debounced })}</p>
              ) : (
                <ul id="search-results" className="results-list" role="listbox" aria-label={t('results')}>
                  {data.clients.map((client, index) => (
                    <li key={client.clientId} id={`result-${client.clientId}`} role="option" aria-selected={index === selected}>
                      <button type="button" tabIndex={-1} aria-selected={index === selected} onClick={() => go({ page: 'client', clientId: client.clientId })}>
                        <ClientLine client={client} />
                      </button>
                    </li>
                  ))}
                </ul>
              )
            }
          </ResultView>
        ) : null}
      </div>

      {recentClients.length > 0 ? (
        <>
          <h2>{t('recent')}</h2>
          <ul className="row" style={{ listStyle: 'none', padding: 0 }} data-testid="recent-clients">
            {recentClients.map((id) => (
              <li key={id}>
                <button type="button" onClick={() => go({ page: 'client', clientId: id })}>
                  {id}
                </button>
              </li>
            ))}
          </ul>
        </>
      ) : null}

      <h2>{t('browse')}</h2>
      <ResultView result={browse}>{(data) => <ClientTable clients={data.clients} total={data.total} />}</ResultView>
      {isManager ? <ImportPanel onImported={onImported} /> : null}
    </section>
  );
}

function ClientLine({ client }: { client: ClientSummary }) {
  const { t } = useTranslation('search');
  const lang = useLang();
  return (
    <span>
      <strong>{client.clientId}</strong> · {client.contractType ?? '—'} · {t('columns.credit')} {formatMoney(client.credit, lang)} ·{' '}
      {client.ageYears === null ? '—' : t('years', { count: Math.floor(client.ageYears) })}
    </span>
  );
}

function ClientTable({ clients, total }: { clients: readonly ClientSummary[]; total: number }) {
  const { t } = useTranslation('search');
  const lang = useLang();
  const { go } = useNavigation();
  return (
    <>
      <p className="muted">{t('total', { count: total, formatParams: {} })}</p>
      <DataTable
        testId="client-table"
        rows={clients}
        rowKey={(client) => client.clientId}
        columns={[
          {
            key: 'id',
            header: t('columns.id'),
            cell: (client) => (
              <button type="button" onClick={() => go({ page: 'client', clientId: client.clientId })}>
                {client.clientId}
              </button>
            ),
          },
          { key: 'contract', header: t('columns.contract'), cell: (client) => client.contractType ?? MISSING },
          { key: 'income', header: t('columns.income'), align: 'number', cell: (client) => formatMoney(client.income, lang) },
          { key: 'credit', header: t('columns.credit'), align: 'number', cell: (client) => formatMoney(client.credit, lang) },
          { key: 'age', header: t('columns.age'), align: 'number', cell: (client) => (client.ageYears === null ? MISSING : formatNumber(Math.floor(client.ageYears), lang)) },
          { key: 'outcome', header: t('columns.outcome'), cell: (client) => t(`outcome.${client.outcome ?? 'unknown'}`) },
        ]}
      />
    </>
  );
}
