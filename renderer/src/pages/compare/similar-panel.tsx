/** The similar clients section: a table of the nearest clients (probability, decision, outcome, compared values); a row opens that client. */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/api';
import { useResult } from '../../api/use-result';
import { useNavigation } from '../../app/navigation';
import type { ResponseOf } from '../../../../electron/shared/contract';
import { formatPercent, MISSING } from '../../../../common/format';
import { DataTable } from '../../components/data-table';
import { ResultView } from '../../components/result-view';
import { useLang } from '../../i18n/i18n';
import type { ClientValue } from './client-values';
import { axisTitle, formatValue } from './compare-format';
import { displayScale, toDisplay } from './display-scale';
import { similarSummary } from './similar-summary';
import { NumberSelect } from '../../components/number-select';
import { ComparePanel } from './compare-panel';

const NEIGHBOURS = [5, 10, 20];

/** A row of the similar clients' table: the client being compared first, then its neighbours. */
type SimilarRow = { kind: 'self' } | { kind: 'similar'; client: ResponseOf<'scoring:similar'>['clients'][number] };

/** Props of SimilarPanel. */
export interface SimilarPanelProps {
  clientId: number;
  values: Map<string, ClientValue> | null;
  /** The client's own probability and decision, for the first row. */
  own: { probability: number; decision: 'granted' | 'refused' } | null;
}

/** The similar clients section of the compare screen. */
export function SimilarPanel({ clientId, values, own }: SimilarPanelProps) {
  const { t } = useTranslation('compare');
  const api = useApi();
  const lang = useLang();
  const { go } = useNavigation();
  const [k, setK] = useState(10);
  const result = useResult(() => api.scoring.similar({ clientId, lang, k }), [clientId, lang, k]);
  const summary = useMemo(() => (result.data ? similarSummary(result.data, lang, t) : ''), [result.data, lang, t]);

  return (
    <ComparePanel
      id="similar"
      title={t('similar.title')}
      controls={<NumberSelect label={t('similar.k')} value={k} options={NEIGHBOURS} onChange={setK} testId="similar-k" />}
    >
      <ResultView result={result}>
        {(data) => {
          const scales = data.features.map((feature) => displayScale(feature.unit));
          return (
            <>
              <p className="plot-summary" role="note" data-testid="similar-summary">
                {summary}
              </p>
              <p id="similar-caption" className="muted small">
                {t('similar.caption', { count: data.features.length })}
              </p>
              <div className="table-scroll">
                <DataTable<SimilarRow>
                  testId="similar-table"
                  className="similar-table"
                  describedBy="similar-caption"
                  rows={[{ kind: 'self' }, ...data.clients.map((client) => ({ kind: 'similar' as const, client }))]}
                  rowKey={(row) => (row.kind === 'self' ? 'self' : row.client.clientId)}
                  rowClassName={(row) => (row.kind === 'self' ? 'this-client' : undefined)}
                  columns={[
                    {
                      key: 'client',
                      header: t('similar.client'),
                      rowHeader: true,
                      cell: (row) =>
                        row.kind === 'self' ? (
                          t('similar.thisClient', { clientId })
                        ) : (
                          <button type="button" onClick={() => go({ page: 'client', clientId: row.client.clientId })} aria-label={t('similar.open', { clientId: row.client.clientId })}>
                            {row.client.clientId}
                          </button>
                        ),
                    },
                    {
                      key: 'probability',
                      header: t('similar.probability'),
                      align: 'number',
                      cell: (row) => formatPercent(row.kind === 'self' ? own?.probability : row.client.probability, lang),
                    },
                    {
                      key: 'decision',
                      header: t('similar.decision'),
                      cell: (row) => {
                        const decision = row.kind === 'self' ? own?.decision : row.client.decision;
                        return decision ? <DecisionText decision={decision} /> : MISSING;
                      },
                    },
                    { key: 'outcome', header: t('similar.outcome'), cell: (row) => (row.kind === 'self' ? MISSING : t(`outcome.${row.client.outcome ?? 'unknown'}`)) },
                    ...data.features.map((feature, index) => ({
                      key: feature.feature,
                      header: axisTitle(feature.label, scales[index]!.unit, t),
                      align: 'number' as const,
                      cell: (row: SimilarRow) => {
                        if (row.kind === 'similar') return formatValue(toDisplay(row.client.values[index] ?? Number.NaN, scales[index]!), lang);
                        // The client's own value, the way the client file words it on hover.
                        const value = values?.get(feature.feature);
                        return value ? <span title={value.valueText}>{formatValue(toDisplay(value.value, scales[index]!), lang)}</span> : MISSING;
                      },
                    })),
                  ]}
                />
              </div>
            </>
          );
        }}
      </ResultView>
    </ComparePanel>
  );
}

/** A decision in words with a symbol (colour is not the only carrier). */
function DecisionText({ decision }: { decision: 'granted' | 'refused' }) {
  const { t } = useTranslation('compare');
  return (
    <span className={`decision-text ${decision}`}>
      <span aria-hidden="true">{decision === 'granted' ? '✓ ' : '✗ '}</span>
      {t(`decision.${decision}`)}
    </span>
  );
}
